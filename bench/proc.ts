import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** The production entry point, as `npm start` runs it (compiled next to this file under dist/). */
export const BOT_ENTRY = resolve(__dirname, '../src/index.js');
/** The comparison echo bot. */
export const ECHO_ENTRY = resolve(__dirname, 'echo-bot.js');

/** A bot running as its own Node process on loopback. */
export interface NodeProcess {
  pid: number;
  /** `http://127.0.0.1:PORT/api/messages`. */
  url: string;
  /** When it was spawned (`performance.now()`). */
  spawnedAt: number;
  /** Where its stdout/stderr go. */
  logFile: string;
  /** Peak resident set size so far (`VmHWM` of /proc/<pid>/status), in MB. */
  peakRssMb(): number;
  /** CPU time (user + system) it has used so far, in ms. */
  cpuMs(): number;
  /** SIGTERM (graceful), SIGKILL after 10 s; its log file is removed. */
  stop(): Promise<void>;
}

/** A free loopback port (bound and released). */
export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

/** Spawns `node entry` with exactly `env` (plus PATH and the sandbox CA) without waiting for it to listen. */
export async function spawnNode(name: string, entry: string, env: Record<string, string>): Promise<NodeProcess> {
  const port = await freePort();
  const logFile = join(tmpdir(), `reprocess-bench-${name}-${Date.now()}.log`);
  const fd = openSync(logFile, 'w');
  const spawnedAt = performance.now();
  const child = spawn(process.execPath, [entry], {
    env: {
      PATH: process.env.PATH ?? '',
      NODE_EXTRA_CA_CERTS: process.env.NODE_EXTRA_CA_CERTS ?? '',
      ...env,
      PORT: String(port),
    },
    stdio: ['ignore', fd, fd],
  });
  closeSync(fd);
  if (child.pid === undefined) throw new Error(`${name} did not start`);
  const pid = child.pid;
  let peak = 0;
  const peakRssMb = () => (peak = Math.max(peak, readPeakRssMb(pid)));
  const stop = () => stopChild(child, peakRssMb).then(() => rmSync(logFile, { force: true }));
  return {
    pid,
    url: `http://127.0.0.1:${port}/api/messages`,
    spawnedAt,
    logFile,
    peakRssMb,
    cpuMs: () => readCpuMs(pid),
    stop,
  };
}

/** Spawns and waits until `GET /healthz` answers. */
export async function startNode(name: string, entry: string, env: Record<string, string>): Promise<NodeProcess> {
  const started = await spawnNode(name, entry, env);
  const health = started.url.replace(/\/api\/messages$/, '/healthz');
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (
      await fetch(health).then(
        (r) => r.ok,
        () => false,
      )
    )
      return started;
    await sleep(50);
  }
  const log = readFileSync(started.logFile, 'utf8').slice(-2000);
  await started.stop();
  throw new Error(`${name} did not become healthy within 30 s; its last output:\n${log}`);
}

function readPeakRssMb(pid: number): number {
  try {
    const kb = /^VmHWM:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Number(kb) / 1024 : 0;
  } catch {
    return 0; // the process has exited: the last sample stands
  }
}

// Linux reports utime/stime in USER_HZ ticks, 100 per second on every architecture Node supports.
const TICKS_PER_SECOND = 100;

function readCpuMs(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return Number.NaN;
  }
}

async function stopChild(child: ChildProcess, lastSample: () => number): Promise<void> {
  lastSample();
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}
