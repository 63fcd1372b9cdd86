// Runs a command with sandbox certificates generated for this run only: a fresh CA and leaf in a private
// directory, trusted through NODE_EXTRA_CA_CERTS (read by Node at process start) and found by the emulators
// through SANDBOX_CERTS_DIR. Parallel runs never see each other's certificates; the directory is removed after.
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawn } = require('node:child_process');
const { generateSandboxCerts } = require('./certs');

const [command, ...args] = process.argv.slice(2);
if (!command) {
  process.stderr.write('usage: node sandbox/scripts/with-certs.js <command> [args...]\n');
  process.exit(2);
}
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'reprocess-certs-'));
const files = generateSandboxCerts(dir);
const bin = path.join(__dirname, '..', '..', 'node_modules', '.bin');
const env = {
  ...process.env,
  SANDBOX_CERTS_DIR: dir,
  NODE_EXTRA_CA_CERTS: files.ca,
  PATH: `${bin}${path.delimiter}${process.env.PATH}`,
};
const child = spawn(command, args, { stdio: 'inherit', env });
const cleanup = () => fs.rmSync(dir, { recursive: true, force: true });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => {
  cleanup();
  process.exit(code ?? (signal ? 1 : 0));
});
