import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createInterface } from 'node:readline';
import { assertPortFree, freePort } from './ports';

/** Where `npm run sandbox` serves the Playground (the CLI's own default). */
export const PLAYGROUND_PORT = 56150;
/** The repository root, from sandbox/ (ts-jest) as from dist/sandbox/ (`npm run sandbox`). */
export const REPO_ROOT = findUp(__dirname, 'package.json');
/** The checked-in mock tenant the Playground loads: the demo users of sandbox/graph-data.ts. */
export const PLAYGROUND_CONFIG = path.join(REPO_ROOT, 'sandbox', '.m365agentsplayground.yml');

const CLI = require.resolve('@microsoft/m365agentsplayground/cli.js');
const GUARD = path.join(REPO_ROOT, 'sandbox', 'scripts', 'playground-guard.js');

/** How to start the Microsoft 365 Agents Playground CLI. */
export interface PlaygroundOptions {
  /** The bot's messaging endpoint, e.g. `http://127.0.0.1:3978/api/messages`. */
  botEndpoint: string;
  /** 0 = any free loopback port. */
  port?: number;
  configFile?: string;
  /** The Playground's own log (it writes one whatever we do). Default: `.sandbox/playground.log`; with port 0, a temporary file removed on stop. */
  logFile?: string;
  /** Every line the CLI prints on stdout/stderr. */
  onOutput?: (line: string) => void;
  readyTimeoutMs?: number;
}

/** A running Playground: its web UI and API at `url`. */
export interface Playground {
  url: string;
  port: number;
  pid: number;
  logFile: string;
  stop(): Promise<void>;
}

/**
 * Starts the Playground CLI from node_modules in its own process group, on loopback, and resolves once
 * `GET /_debug/ping` answers `pong` on the port we asked for. Fails (and leaves nothing running) otherwise.
 */
export async function startPlayground(opts: PlaygroundOptions): Promise<Playground> {
  const configFile = opts.configFile ?? PLAYGROUND_CONFIG;
  const port = opts.port === 0 ? await freePort() : (opts.port ?? PLAYGROUND_PORT);
  await assertPortFree(port);
  const url = `http://127.0.0.1:${port}`;
  const log = logFileFor(opts);
  const args = [
    '--require',
    GUARD,
    CLI,
    '-e',
    opts.botEndpoint,
    '-p',
    String(port),
    '--su',
    `${url}/_connector`,
    '--dt',
  ];
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    TEAMSAPPTESTER_BROWSER: 'none',
    M365_AGENTS_PLAYGROUND_CONFIG_PATH: configFile,
    M365_AGENTS_PLAYGROUND_LOGFILE: log.file,
  };
  delete env['NODE_EXTRA_CA_CERTS']; // the Playground makes no TLS calls, and a relative path breaks in its cwd
  const child = spawn(process.execPath, args, {
    cwd: path.dirname(configFile),
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let spawnError: Error | undefined;
  child.once('error', (error) => (spawnError = error));
  const output = captureOutput(child, opts.onOutput);
  const stop = async () => {
    await stopProcessGroup(child);
    log.cleanUp();
  };
  try {
    await waitUntilReady(child, url, opts.readyTimeoutMs ?? 30_000, () => spawnError);
  } catch (error) {
    const logTail = readTail(log.file);
    await stop();
    throw new Error(
      `The Agents Playground did not start: ${(error as Error).message}\n${[...output(), logTail].join('\n')}`,
    );
  }
  return { url, port, pid: child.pid ?? 0, logFile: log.file, stop };
}

// Off a TTY the CLI writes almost everything (errors included) to this file only.
function logFileFor(opts: PlaygroundOptions): { file: string; cleanUp(): void } {
  if (opts.logFile) return { file: opts.logFile, cleanUp: () => undefined };
  if (opts.port !== 0) return { file: path.join(REPO_ROOT, '.sandbox', 'playground.log'), cleanUp: () => undefined };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'reprocess-playground-'));
  return { file: path.join(dir, 'playground.log'), cleanUp: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

function readTail(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-40).join('\n');
  } catch {
    return ''; // it never got as far as writing one
  }
}

async function waitUntilReady(
  child: ChildProcess,
  url: string,
  timeoutMs: number,
  spawnError: () => Error | undefined,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const failed = spawnError();
    if (failed) throw failed;
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`it exited (${child.exitCode ?? child.signalCode})`);
    if (await answersPong(url)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no pong from ${url}/_debug/ping within ${timeoutMs} ms`);
}

async function answersPong(url: string): Promise<boolean> {
  try {
    const res = await fetch(`${url}/_debug/ping`, { signal: AbortSignal.timeout(2_000) });
    return (await res.text()) === 'pong';
  } catch {
    return false; // not listening yet
  }
}

function captureOutput(child: ChildProcess, onLine?: (line: string) => void): () => string[] {
  const last: string[] = [];
  for (const stream of [child.stdout, child.stderr]) {
    if (!stream) continue;
    // Always drained: a full pipe would block the Playground.
    createInterface({ input: stream }).on('line', (line) => {
      last.push(line);
      if (last.length > 40) last.shift();
      onLine?.(line);
    });
  }
  return () => [...last];
}

/** SIGTERM to the whole process group, SIGKILL if it is still there after 5 s; resolves once it has exited. */
async function stopProcessGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || !child.pid) return;
  const exited = once(child, 'exit');
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(-(child.pid as number), name);
    } catch {
      // the group is already gone
    }
  };
  signal('SIGTERM');
  const timer = setTimeout(() => signal('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
  if (child.connected) child.disconnect();
}

function findUp(dir: string, file: string): string {
  if (fs.existsSync(path.join(dir, file))) return dir;
  const parent = path.dirname(dir);
  if (parent === dir) throw new Error(`no ${file} above ${__dirname}`);
  return findUp(parent, file);
}
