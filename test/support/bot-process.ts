import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { LogCapture } from './logs';

/** The production server (`node dist/src/index.js`, built by `npm test`) running as its own process. */
export interface BotProcess {
  /** The process id (to read its memory from /proc). */
  pid: number;
  /** SIGKILL: no shutdown hook runs (a crash). */
  kill(): Promise<void>;
  /** SIGTERM: graceful shutdown. */
  stop(): Promise<void>;
}

const ENTRY = resolve(__dirname, '../../dist/src/index.js');
const READY_MS = 30_000;

/** Starts the built bot with exactly `env` (plus PATH and the CA file), its output into `logs`, and waits for `/healthz`. */
export async function spawnBot(env: Record<string, string>, port: number, logs: LogCapture): Promise<BotProcess> {
  const child = spawn(process.execPath, [ENTRY], {
    env: { PATH: process.env.PATH ?? '', NODE_EXTRA_CA_CERTS: process.env.NODE_EXTRA_CA_CERTS ?? '', ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  logs.follow(child.stdout);
  logs.follow(child.stderr);
  await waitHealthy(`http://127.0.0.1:${port}`, child, logs);
  return { pid: child.pid ?? 0, kill: () => end(child, 'SIGKILL'), stop: () => end(child, 'SIGTERM') };
}

async function waitHealthy(url: string, child: ChildProcess, logs: LogCapture): Promise<void> {
  const deadline = Date.now() + READY_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`bot exited with ${child.exitCode}:\n${logs.text()}`);
    const ok = await fetch(`${url}/healthz`).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`bot did not become healthy:\n${logs.text()}`);
}

function end(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolveExit) => {
    child.once('exit', () => resolveExit());
    child.kill(signal);
  });
}
