import { spawn, type ChildProcess } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { loadConfig } from '../../src/config';
import { start } from '../../src/index';
import type { Storage } from '../../src/storage';
import { freePort } from './http';
import type { LogCapture } from './logs';

/** The bot as a harness runs it: where it listens, its storage (in-process) or its process (spawned), how to stop it. */
export interface RunningBot {
  baseUrl: string;
  storage?: Storage;
  process?: BotProcess;
  stop(): Promise<void>;
}

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

/** `start(config)` in this process (what `npm start` runs), or the built entry as a process of its own. */
export async function runBot(env: Record<string, string>, logs: LogCapture, spawned: boolean): Promise<RunningBot> {
  if (spawned) {
    const port = await freePort();
    const child = await spawnBot(env, port, logs);
    return { baseUrl: `http://127.0.0.1:${port}`, process: child, stop: () => child.stop() };
  }
  const bot = await start(loadConfig({ ...env, PORT: '0' }), { logDestination: logs, host: '127.0.0.1' });
  const { port } = bot.server.address() as AddressInfo;
  const stop = async () => {
    await bot.stop();
    // The bot stops listening but lets open keep-alive connections idle out; a finished test file must not wait.
    bot.server.server.closeAllConnections();
  };
  return { baseUrl: `http://127.0.0.1:${port}`, storage: bot.storage, stop };
}

/** Starts the built bot with exactly `env` (plus PATH and the CA file), its output into `logs`, and waits for `/healthz`. */
export async function spawnBot(env: Record<string, string>, port: number, logs: LogCapture): Promise<BotProcess> {
  const child = spawn(process.execPath, [ENTRY], {
    env: {
      PATH: process.env.PATH ?? '',
      NODE_EXTRA_CA_CERTS: process.env.NODE_EXTRA_CA_CERTS ?? '',
      ...env,
      PORT: String(port),
    },
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
    const ok = await fetch(`${url}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
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
