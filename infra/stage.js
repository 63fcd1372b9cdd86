// Stages the App Service deployment in .deploy/: the compiled bot (dist/src), the card templates, and production
// dependencies only. Install scripts are skipped (none runs at run time; botbuilder-dialogs' would need dev tools).
'use strict';
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const out = path.join(root, '.deploy');
fs.rmSync(out, { recursive: true, force: true });
for (const item of ['dist/src', 'cards', 'package.json', 'package-lock.json']) {
  fs.cpSync(path.join(root, item), path.join(out, item), { recursive: true });
}
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
execFileSync(npm, ['ci', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund'], {
  cwd: out,
  stdio: 'inherit',
  shell: process.platform === 'win32',
});
process.stdout.write(`staged ${out}\n`);
