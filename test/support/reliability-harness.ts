import type { AddressInfo } from 'node:net';
import { loadConfig } from '../../src/config';
import { start } from '../../src/index';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../sandbox';
import * as activities from '../../sandbox/activities';
import { exchangeValue, type Answer, type TestUser } from '../e2e/harness';
import { LogScan } from './reliability-logs';

/** Where an activity comes from and what it answers. */
export type Where = Partial<Pick<activities.ActivityOptions, 'conversation' | 'conversationId' | 'id' | 'replyToId' | 'mentionBot'>>;

/**
 * The real bot over HTTP against the emulators, like `test/e2e/harness.ts`, with what long and busy runs need:
 * a streamed log check instead of a kept log, the store's size, `/healthz`, raw bodies, and one channel token
 * reused for every request (minting an RS256 token per request would dominate a 10,000-request fuzz run).
 */
export interface ReliabilityHarness {
  sandbox: Sandbox;
  botUrl: string;
  logs: LogScan;
  message(user: TestUser, text: string, where?: Where): Promise<Answer>;
  invoke(user: TestUser, name: string, value: unknown, where?: Where): Promise<Answer>;
  /** Posts any activity object (or a raw JSON string) with a valid channel token. */
  post(activity: Record<string, unknown> | string): Promise<Answer>;
  /** The Teams activity `message()` would send, for tests that alter it before posting. */
  messageActivity(user: TestUser, text: string, where?: Where): activities.TeamsActivity;
  signIn(user: TestUser, exchangeId?: string): Promise<Answer>;
  healthy(): Promise<boolean>;
  /** Live entries in the bot's memory store (dedupe keys, pending commands, click ledger). */
  storeSize(): number;
  stop(): Promise<void>;
}

/** Starts emulators (with `sandbox` options, e.g. a bigger tenant) and the bot, logging at `logLevel`. */
export async function startReliabilityHarness(opts: { sandbox?: SandboxOptions; logLevel?: string } = {}): Promise<ReliabilityHarness> {
  const sandbox = await startSandbox(opts.sandbox);
  const logs = new LogScan();
  const config = loadConfig({ ...sandbox.env, PORT: '0', LOG_LEVEL: opts.logLevel ?? 'debug' });
  const bot = await start(config, { logDestination: logs });
  const base = `http://127.0.0.1:${(bot.server.address() as AddressInfo).port}`;
  const botUrl = `${base}/api/messages`;
  const token = sandbox.channel.signChannelToken({ serviceUrl: sandbox.channel.serviceUrl });
  const common = () => ({ tenantId: sandbox.tenantId, serviceUrl: sandbox.channel.serviceUrl, botAppId: sandbox.env.BOT_ID });
  const post = (activity: Record<string, unknown> | string) => deliver(() => activities.postRaw(botUrl, typeof activity === 'string' ? activity : JSON.stringify(activity), token));
  const messageActivity = (user: TestUser, text: string, where: Where = {}) =>
    activities.message({ ...common(), text, user: channelUser(user), ...where });
  const harness: ReliabilityHarness = {
    sandbox,
    botUrl,
    logs,
    message: (user, text, where) => post(messageActivity(user, text, where)),
    invoke: (user, name, value, where = {}) => post(activities.invoke(name, value, { ...common(), user: channelUser(user), ...where })),
    post,
    messageActivity,
    signIn: (user, exchangeId) => harness.invoke(user, 'signin/tokenExchange', exchangeValue(sandbox, user, exchangeId)),
    healthy: () => fetch(`${base}/healthz`).then((r) => r.ok, () => false),
    storeSize: () => (bot.storage.store as { size?: number }).size ?? -1,
    stop: async () => {
      await bot.stop();
      await sandbox.stop();
    },
  };
  return harness;
}

const DELIVERIES = 3;
const DROPPED = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET']);

/**
 * Delivers like Teams: an activity whose connection dropped before any answer came back is delivered again (Teams
 * redelivers what it did not see acknowledged, and the bot acts once per activity). On a loaded machine the usual
 * cause is the keep-alive race: the client reuses an idle socket in the same moment the server's keep-alive timeout
 * closes it, before the server read a byte ("fetch failed", read ECONNRESET).
 */
async function deliver(send: () => Promise<Answer>): Promise<Answer> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await send();
    } catch (error) {
      // By name and code: fetch's errors come from Node's own realm, not jest's, so instanceof does not match.
      const { name, cause } = error as { name?: unknown; cause?: { code?: unknown } };
      if (attempt >= DELIVERIES || name !== 'TypeError' || !DROPPED.has(String(cause?.code))) throw error;
    }
  }
}

/** A Teams channel account for a directory user. */
export function channelUser(user: TestUser): { id: string; name: string; aadObjectId: string } {
  return { id: `29:${user.oid}`, name: user.name, aadObjectId: user.oid };
}

