import { Writable } from 'node:stream';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '../../src/config';
import { start } from '../../src/index';
import type { Storage } from '../../src/storage';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../sandbox';
import * as activities from '../../sandbox/activities';
import { exchangeValue, type Answer, type TestUser } from '../e2e/harness';

/** Where an activity happens; `tenantId` overrides the sandbox tenant. */
export type Where = Partial<Pick<activities.ActivityOptions, 'conversation' | 'conversationId' | 'id' | 'replyToId' | 'mentionBot' | 'tenantId'>>;

/**
 * The real bot (`start(config)`, as `npm start` runs it) over HTTP against the emulators, like test/e2e/harness.ts,
 * plus what the security tests inspect: the storage the bot wrote to and its log lines.
 */
export interface SecurityHarness {
  sandbox: Sandbox;
  botUrl: string;
  storage: Storage;
  logs(): string[];
  activity(user: TestUser, text: string, where?: Where): activities.TeamsActivity;
  message(user: TestUser, text: string, where?: Where): Promise<Answer>;
  invoke(user: TestUser, name: string, value: unknown, where?: Where): Promise<Answer>;
  /** Posts any activity with a valid channel token (or `token`). */
  post(activity: Record<string, unknown>, token?: string): Promise<Answer>;
  signIn(user: TestUser, where?: Where): Promise<Answer>;
  stop(): Promise<void>;
}

let exchanges = 0;

/** Starts the emulators and the bot; `env` overrides configuration variables. */
export async function startSecurityHarness(opts: { env?: Record<string, string>; sandbox?: SandboxOptions; sandboxRunning?: Sandbox } = {}): Promise<SecurityHarness> {
  const sandbox = opts.sandboxRunning ?? (await startSandbox(opts.sandbox));
  const lines: string[] = [];
  const logDestination = new Writable({ write(chunk, _enc, done) { lines.push(...String(chunk).split('\n').filter(Boolean)); done(); } });
  const config = loadConfig({ ...sandbox.env, PORT: '0', LOG_LEVEL: 'debug', ...opts.env });
  const bot = await start(config, { logDestination, host: '127.0.0.1' });
  const botUrl = `http://127.0.0.1:${(bot.server.address() as AddressInfo).port}/api/messages`;
  const common = (where: Where) => ({ tenantId: sandbox.tenantId, serviceUrl: sandbox.channel.serviceUrl, botAppId: sandbox.env.BOT_ID ?? '', ...where });
  const post = (activity: Record<string, unknown>, token?: string) =>
    activities.postActivity(botUrl, activity, token ?? sandbox.channel.signChannelToken({ serviceUrl: sandbox.channel.serviceUrl }));
  const harness: SecurityHarness = {
    sandbox,
    botUrl,
    storage: bot.storage,
    logs: () => [...lines],
    activity: (user, text, where = {}) => activities.message({ ...common(where), text, user: channelUser(user) }),
    message: (user, text, where = {}) => post(harness.activity(user, text, where)),
    invoke: (user, name, value, where = {}) => post(activities.invoke(name, value, { ...common(where), user: channelUser(user) })),
    post,
    signIn: (user, where) => harness.invoke(user, 'signin/tokenExchange', exchangeValue(sandbox, user, `security-exchange-${++exchanges}`), where),
    stop: async () => {
      await bot.stop();
      if (!opts.sandboxRunning) await sandbox.stop();
    },
  };
  return harness;
}

/** The Teams channel account of a directory user. */
export function channelUser(user: TestUser): { id: string; name: string; aadObjectId: string } {
  return { id: `29:${user.oid}`, name: user.name, aadObjectId: user.oid };
}

/** Resolves when `condition` holds, or false after `timeoutMs` (generous: CI is a loaded 2-core machine). */
export async function waitUntil(condition: () => boolean | Promise<boolean>, timeoutMs = 15_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return condition();
}

/** Lets in-flight background work reach the emulators before a test asserts that nothing did. */
export const settle = (ms = 500) => new Promise((resolve) => setTimeout(resolve, ms));
