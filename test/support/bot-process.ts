import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

/** The production server (`node dist/src/index.js`, built by `npm test`) running as its own process. */
export interface BotProcess {
  url: string;
  /** The process id (to read its memory from /proc). */
  pid: number;
  output(): string;
  /** SIGKILL: no shutdown hook runs (a crash). */
  kill(): Promise<void>;
  /** SIGTERM: graceful shutdown. */
  stop(): Promise<void>;
}

const ENTRY = resolve(__dirname, '../../dist/src/index.js');

/** Starts the built bot with exactly `env` (plus PATH) and waits until `/healthz` answers. */
export async function spawnBot(env: Record<string, string>, port: number): Promise<BotProcess> {
  const child = spawn(process.execPath, [ENTRY], {
    env: { PATH: process.env.PATH ?? '', NODE_EXTRA_CA_CERTS: process.env.NODE_EXTRA_CA_CERTS ?? '', ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  await waitHealthy(url, child, () => out);
  return { url: `${url}/api/messages`, pid: child.pid ?? 0, output: () => out, kill: () => end(child, 'SIGKILL'), stop: () => end(child, 'SIGTERM') };
}

async function waitHealthy(url: string, child: ChildProcess, out: () => string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`bot exited with ${child.exitCode}:\n${out()}`);
    const ok = await fetch(`${url}/healthz`).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`bot did not become healthy:\n${out()}`);
}

function end(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolveExit) => {
    child.once('exit', () => resolveExit());
    child.kill(signal);
  });
}
