import type { AddressInfo } from 'node:net';
import type { DestinationStream } from 'pino';
import { loadConfig } from '../src/config';
import { start } from '../src/index';
import { startSandbox, type Sandbox } from './index';
import { banner } from './launch-banner';
import { assertPortFree } from './ports';
import { startPlayground, PLAYGROUND_PORT, type Playground } from './playground';
import { PlaygroundApi } from './playground-api';
import { startSsoBridge, type SsoBridge } from './sso-bridge';

/** Where `npm run sandbox` serves the bot (the Bot Framework default). */
export const BOT_PORT = 3978;

/** Ports (0 = any free one) and where the pieces log. */
export interface LaunchOptions {
  botPort?: number;
  playgroundPort?: number;
  /** The bot's pino logs (default: stdout, as in production). */
  logDestination?: DestinationStream;
  /** The launcher's, the bridge's and the Playground CLI's lines (default: stderr). */
  log?: (line: string) => void;
}

/** Everything `npm run sandbox` runs, for the launcher and the client tests alike. */
export interface Launched {
  sandbox: Sandbox;
  botEndpoint: string;
  playground: Playground;
  api: PlaygroundApi;
  bridge: SsoBridge;
  /** Stops all of it, last started first; safe to call twice. */
  stop(): Promise<void>;
}

/**
 * Starts the emulators (demo tenant), the bot in-process through its production composition root (only URLs and
 * keys differ), the Agents Playground pointed at it, and the SSO bridge. On failure, stops what had started.
 */
export async function launchSandbox(opts: LaunchOptions = {}): Promise<Launched> {
  const log = opts.log ?? ((line: string) => void process.stderr.write(`${line}\n`));
  const stops: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (let next = stops.pop(); next; next = stops.pop()) await next();
  };
  try {
    const botPort = opts.botPort ?? BOT_PORT;
    if (botPort !== 0) await assertPortFree(botPort);
    const sandbox = await startSandbox({ anonymousBot: true });
    stops.push(() => sandbox.stop());
    const bot = await start(loadConfig({ ...sandbox.env, PORT: String(botPort) }, 'sandbox'), {
      logDestination: opts.logDestination,
      host: '127.0.0.1',
    });
    stops.push(() => bot.stop());
    const botEndpoint = `http://127.0.0.1:${(bot.server.address() as AddressInfo).port}/api/messages`;
    const playground = await startPlayground({
      botEndpoint,
      port: opts.playgroundPort ?? PLAYGROUND_PORT,
      onOutput: (line) => log(`playground: ${line}`),
    });
    stops.push(() => playground.stop());
    const api = new PlaygroundApi(playground.url);
    const bridge = await startSsoBridge({ api, mintToken: (user) => sandbox.entra.mintSsoToken(user), log });
    stops.push(() => bridge.stop());
    // The bridge's start-up sign-in is relayed by the Playground; ready means the bot has exchanged it.
    await until(
      () => sandbox.entra.oboCount(bridge.user.aadObjectId) > 0,
      15_000,
      'the SSO bridge could not sign the Playground user in',
    );
    return { sandbox, botEndpoint, playground, api, bridge, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function until(done: () => boolean, timeoutMs: number, failure: string): Promise<void> {
  for (const deadline = Date.now() + timeoutMs; !done(); await new Promise((resolve) => setTimeout(resolve, 50))) {
    if (Date.now() > deadline) throw new Error(failure);
  }
}

async function main(): Promise<void> {
  const launched = await launchSandbox();
  const seconds = performance.now() / 1000; // since the process started, module loading included
  process.stdout.write(banner({ ...launched, currentUser: launched.bridge.user.name, seconds }));
  let stopping = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) process.exit(1); // a second Ctrl-C: leave now; the Playground's guard follows us out
    stopping = true;
    process.stderr.write(`\n${signal}: stopping the Playground, the bot and the emulators...\n`);
    launched.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`stop failed: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, shutdown);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`npm run sandbox failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
