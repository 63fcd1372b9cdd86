import { spawn, type ChildProcess } from 'node:child_process';
import { connect } from 'node:net';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from './http';

/** A running Azurite (Blob + Table): its shared-key connection string and its endpoints (for OAuth clients). */
export interface Azurite {
  connectionString: string;
  blobEndpoint: string;
  tableEndpoint: string;
  stop(): Promise<void>;
}

/** `oauth`: HTTPS with the sandbox certificate and `--oauth basic`, so bearer tokens (managed identity) are accepted. */
export interface AzuriteOptions {
  oauth?: boolean;
}

// Azurite's documented development account key: public, not a secret.
const ACCOUNT = 'devstoreaccount1';
const KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';
const BIN = resolve(__dirname, '../../node_modules/.bin');
const READY_TIMEOUT_MS = 20_000;
const EXIT_GRACE_MS = 5_000;

/** Starts in-memory Azurite Blob and Table services on free loopback ports; resolves when both accept connections. */
export async function startAzurite(opts: AzuriteOptions = {}): Promise<Azurite> {
  const blobPort = await freePort();
  const tablePort = await freePort();
  // Azurite accepts bearer tokens only over HTTPS (`--oauth` requires `--cert`/`--key`).
  const tls = opts.oauth ? ['--oauth', 'basic', '--cert', certFile('cert.pem'), '--key', certFile('key.pem')] : [];
  const services = [launch('blob', blobPort, tls), launch('table', tablePort, tls)];
  // A jest worker that dies without afterAll must not leave Azurite running.
  const killAll = () => services.forEach((s) => killGroup(s.child, 'SIGKILL'));
  process.once('exit', killAll);
  try {
    await Promise.all(services.map((s) => s.ready));
  } catch (error) {
    killAll();
    throw error;
  }
  const scheme = opts.oauth ? 'https' : 'http';
  const endpoint = (port: number) => `${scheme}://127.0.0.1:${port}/${ACCOUNT}`;
  return {
    connectionString:
      `DefaultEndpointsProtocol=${scheme};AccountName=${ACCOUNT};AccountKey=${KEY};` +
      `BlobEndpoint=${endpoint(blobPort)};TableEndpoint=${endpoint(tablePort)};`,
    blobEndpoint: endpoint(blobPort),
    tableEndpoint: endpoint(tablePort),
    stop: async () => {
      process.removeListener('exit', killAll);
      await Promise.all(services.map((s) => stopService(s.child)));
    },
  };
}

interface Service {
  child: ChildProcess;
  ready: Promise<void>;
}

/** The run's sandbox certificate (scripts/with-certs.js), trusted by every test process through NODE_EXTRA_CA_CERTS. */
function certFile(name: string): string {
  const dir = process.env.SANDBOX_CERTS_DIR ?? resolve(__dirname, '../../.sandbox/certs');
  const file = join(dir, name);
  if (!existsSync(file)) throw new Error(`${file} not found: run tests through \`npm run jest\``);
  return file;
}

function launch(kind: 'blob' | 'table', port: number, extra: string[] = []): Service {
  const args = [
    ...extra,
    // Without --disableTelemetry shutdown hangs ~2 min offline. --skipApiVersionCheck: @azure/storage-blob
    // 12.32 speaks 2026-04-06, newer than Azurite 3.35's 2025-11-05, which Azurite otherwise refuses with 400.
    '--inMemoryPersistence',
    '--disableTelemetry',
    '--silent',
    '--skipApiVersionCheck',
    `--${kind}Host`,
    '127.0.0.1',
    `--${kind}Port`,
    String(port),
  ];
  // Own process group (detached) so stop() can signal it and anything it spawned; cwd outside the repo.
  const child = spawn(resolve(BIN, `azurite-${kind}`), args, {
    cwd: tmpdir(),
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => void (output = (output + chunk.toString()).slice(-4000));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<never>((_, reject) => {
    child.once('exit', (code) => reject(new Error(`azurite-${kind} exited (${code}) before listening:\n${output}`)));
    child.once('error', reject);
  });
  exited.catch(() => undefined); // observed through `ready` only while starting
  return { child, ready: Promise.race([waitForPort(port, child), exited]) };
}

async function waitForPort(port: number, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (!(await accepts(port))) {
    if (child.exitCode !== null || child.signalCode !== null) return; // the exit is reported by `launch`
    if (Date.now() > deadline) throw new Error(`Azurite did not listen on port ${port} within ${READY_TIMEOUT_MS} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function accepts(port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = connect(port, '127.0.0.1');
    const settle = (ok: boolean) => () => {
      socket.destroy();
      done(ok);
    };
    socket.once('connect', settle(true));
    socket.once('error', settle(false));
  });
}

async function stopService(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  killGroup(child, 'SIGTERM');
  const timer = setTimeout(() => killGroup(child, 'SIGKILL'), EXIT_GRACE_MS);
  await exited;
  clearTimeout(timer);
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch (error) {
    // ESRCH: the group is already gone, which is what we wanted.
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}
