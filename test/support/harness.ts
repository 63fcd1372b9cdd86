import { startSandbox, type ConnectorCall, type Sandbox, type SandboxOptions } from '../../sandbox';
import * as activities from '../../sandbox/activities';
import type { Storage } from '../../src/storage';
import { runBot, type BotProcess, type RunningBot } from './bot-process';
import { BotClient, type Answer } from './http';
import { LogCapture } from './logs';

export type { Answer } from './http';

/** A directory user as the tests address them. */
export interface TestUser {
  oid: string;
  name: string;
  upn: string;
}

/** Where an activity happens (chat kind, ids, @mention); `tenantId` overrides the sandbox tenant. */
export type Where = Partial<
  Pick<activities.ActivityOptions, 'conversation' | 'conversationId' | 'id' | 'replyToId' | 'mentionBot' | 'tenantId'>
>;

/** What differs between suites; everything else (real server, HTTP, signed channel tokens) is the same. */
export interface HarnessOptions {
  /** Configuration variables (DESIGN.md's names) over the sandbox's. */
  env?: Record<string, string>;
  /** Options of the emulators the harness starts (a bigger tenant, a credential mode). */
  sandbox?: SandboxOptions;
  /** Emulators already running, for several bots on one sandbox: the harness neither starts nor stops them. */
  shared?: Sandbox;
  /** The production entry (`node dist/src/index.js`) as its own process instead of `start(config)` in this one. */
  spawn?: boolean;
  /** Keep every log line (default), or only count and scan them (long runs). */
  keepLogs?: boolean;
  /** Users signed in (Teams SSO) before the harness is handed over; starting fails if one is refused. */
  signedIn?: TestUser[];
}

/** The real bot over HTTP, wired to the sandbox emulators, driven as Teams drives it. */
export interface Harness {
  sandbox: Sandbox;
  /** `http://127.0.0.1:<port>/api/messages` */
  botUrl: string;
  /** `http://127.0.0.1:<port>`, for `/healthz` and `/readyz`. */
  baseUrl: string;
  /** The configuration variables the bot got (a spawned one: its whole environment but PATH and the CA file). */
  env: Record<string, string>;
  logs: LogCapture;
  /** The bot's storage (in-process bots only). */
  storage: Storage;
  /** The bot's own process (spawned bots only). */
  process?: BotProcess;
  /** Requests sent again after the idle keep-alive race (see BotClient). */
  retries(): number;
  activity(user: TestUser, text: string, where?: Where): activities.TeamsActivity;
  message(user: TestUser, text: string, where?: Where): Promise<Answer>;
  invoke(user: TestUser, name: string, value: unknown, where?: Where): Promise<Answer>;
  /** An Action.Execute click on a button with `verb` and `data`; `extra` joins the invoke value (e.g. authentication). */
  click(user: TestUser, verb: string, data: unknown, where?: Where, extra?: Record<string, unknown>): Promise<Answer>;
  /** Posts any activity (or a raw, maybe damaged, body) with a valid channel token, another `token`, or none (null). */
  post(activity: Record<string, unknown> | string, token?: string | null): Promise<Answer>;
  /** Signs the user in as Teams does: a `signin/tokenExchange` invoke carrying a fresh SSO token. */
  signIn(user: TestUser, where?: Where & { exchangeId?: string }): Promise<Answer>;
  /** The first message the bot sent to the connector that matches (generous default: CI is a loaded 2-core machine). */
  waitFor(predicate: (call: ConnectorCall) => boolean, timeoutMs?: number): Promise<ConnectorCall>;
  /** Forgets what the emulators recorded (connector messages, Graph calls) and drops injected Graph and Entra faults. */
  reset(): void;
  healthy(): Promise<boolean>;
  /** Live entries in an in-process bot's memory store (dedupe keys, pending commands, click ledger); -1 otherwise. */
  storeSize(): number;
  stop(): Promise<void>;
}

/** Waits for connector messages this long unless told otherwise. */
export const WAIT_MS = 20_000;
// A channel token lasts an hour; sign a new one well before, and not per request (RS256 per request would
// dominate a 10,000-request run).
const TOKEN_REFRESH_MS = 10 * 60_000;
let exchanges = 0;

/** Starts the emulators (unless shared) and the bot, in this process or as its own. */
export async function startHarness(opts: HarnessOptions = {}): Promise<Harness> {
  const sandbox = opts.shared ?? (await startSandbox(opts.sandbox));
  const env = {
    ...sandbox.env,
    ...(opts.spawn ? sandbox.platformEnv : {}),
    LOG_LEVEL: opts.spawn ? 'info' : 'debug',
    ...opts.env,
  };
  const logs = new LogCapture(opts.keepLogs ?? true);
  const bot = await runBot(env, logs, opts.spawn ?? false).catch(async (error: unknown) => {
    if (!opts.shared) await sandbox.stop();
    throw error;
  });
  const h = teamsOver(sandbox, bot, env, logs, async () => {
    if (!opts.shared) await sandbox.stop();
  });
  await signIn(h, opts.signedIn ?? []);
  return h;
}

/** The harness around a running bot: activities built and signed as Teams sends them, posted over one client. */
function teamsOver(
  sandbox: Sandbox,
  bot: RunningBot,
  env: Record<string, string>,
  logs: LogCapture,
  stopSandbox: () => Promise<void>,
): Harness {
  const client = new BotClient();
  const serviceUrl = sandbox.channel.serviceUrl;
  const token = channelTokens(sandbox);
  const common = (where: Where) => ({
    tenantId: sandbox.tenantId,
    serviceUrl,
    botAppId: sandbox.env.BOT_ID ?? '',
    ...where,
  });
  const botUrl = `${bot.baseUrl}/api/messages`;
  const h: Harness = {
    sandbox,
    botUrl,
    baseUrl: bot.baseUrl,
    env,
    logs,
    get storage() {
      return bot.storage ?? fail('a spawned bot keeps its storage in its own process');
    },
    process: bot.process,
    retries: () => client.retries,
    activity: (user, text, where = {}) => activities.message({ ...common(where), text, user: channelUser(user) }),
    message: (user, text, where) => h.post(h.activity(user, text, where)),
    invoke: (user, name, value, where = {}) =>
      h.post(activities.invoke(name, value, { ...common(where), user: channelUser(user) })),
    click: (user, verb, data, where, extra = {}) =>
      h.invoke(
        user,
        'adaptiveCard/action',
        { action: { type: 'Action.Execute', verb, data }, trigger: 'manual', ...extra },
        where,
      ),
    post: (activity, t) =>
      client.post(
        botUrl,
        typeof activity === 'string' ? activity : JSON.stringify(activity),
        t === null ? undefined : (t ?? token()),
      ),
    signIn: (user, { exchangeId, ...where } = {}) =>
      h.invoke(user, 'signin/tokenExchange', exchangeValue(sandbox, user, exchangeId), where),
    waitFor: (predicate, timeoutMs = WAIT_MS) => sandbox.channel.waitFor(predicate, timeoutMs),
    reset: () => resetEmulators(sandbox),
    healthy: () =>
      client.get(`${bot.baseUrl}/healthz`).then(
        (r) => r.status === 200,
        () => false,
      ),
    storeSize: () => (bot.storage?.store as { size?: number } | undefined)?.size ?? -1,
    stop: async () => {
      client.close();
      await bot.stop();
      await stopSandbox();
    },
  };
  return h;
}

/** A valid channel token, signed again well before it expires. */
function channelTokens(sandbox: Sandbox): () => string {
  let token = { value: '', at: 0 };
  return () => {
    if (Date.now() - token.at > TOKEN_REFRESH_MS)
      token = { value: sandbox.channel.signChannelToken({ serviceUrl: sandbox.channel.serviceUrl }), at: Date.now() };
    return token.value;
  };
}

function resetEmulators(sandbox: Sandbox): void {
  sandbox.channel.clear();
  sandbox.graph.clearCalls();
  sandbox.graph.clearInjections();
  sandbox.entra.clearFaults();
}

async function signIn(h: Harness, users: TestUser[]): Promise<void> {
  for (const user of users) {
    const answer = await h.signIn(user);
    if (answer.status === 200) continue;
    await h.stop();
    throw new Error(`signing ${user.name} in was answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  }
}

/** The `value` of a `signin/tokenExchange` invoke carrying a fresh SSO token for `user` (a new exchange id unless given). */
export function exchangeValue(sandbox: Sandbox, user: TestUser, id = `exchange-${++exchanges}`) {
  return {
    id,
    connectionName: '',
    token: sandbox.entra.mintSsoToken({ oid: user.oid, name: user.name, upn: user.upn }),
  };
}

/** The Teams channel account of a directory user. */
export function channelUser(user: TestUser): { id: string; name: string; aadObjectId: string } {
  return { id: `29:${user.oid}`, name: user.name, aadObjectId: user.oid };
}

/** Resolves when `condition` holds, or false after `timeoutMs` (generous: CI is a loaded 2-core machine). */
export async function waitUntil(condition: () => boolean | Promise<boolean>, timeoutMs = WAIT_MS): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return condition();
}

/** Lets in-flight background work reach the emulators before a test asserts that nothing (more) happened. */
export const settle = (ms = 500) => new Promise((resolve) => setTimeout(resolve, ms));

function fail(message: string): never {
  throw new Error(message);
}
