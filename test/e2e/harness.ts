import { Writable } from 'node:stream';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '../../src/config';
import { start } from '../../src/index';
import type { Storage } from '../../src/storage';
import { startSandbox, type Sandbox } from '../../sandbox';
import * as activities from '../../sandbox/activities';

/** A Teams user of the demo tenant as the tests address them. */
export interface TestUser {
  oid: string;
  name: string;
  upn: string;
}

type Where = Partial<Pick<activities.ActivityOptions, 'conversation' | 'conversationId' | 'id' | 'replyToId' | 'mentionBot'>>;

/** The real bot (same composition root as `npm start`) over HTTP, wired to the sandbox emulators. */
export interface Harness {
  sandbox: Sandbox;
  botUrl: string;
  /** The storage the bot writes to (jobs, audit trail). */
  storage: Storage;
  logs(): string;
  message(user: TestUser, text: string, opts?: Where): Promise<Answer>;
  invoke(user: TestUser, name: string, value: unknown, opts?: Where): Promise<Answer>;
  post(activity: Record<string, unknown>, token?: string): Promise<Answer>;
  /** Signs the user in the way Teams does: answers the OAuthCard with a tokenExchange invoke. */
  signIn(user: TestUser): Promise<Answer>;
  stop(): Promise<void>;
}

/** HTTP answer of `POST /api/messages`. */
export interface Answer {
  status: number;
  body: unknown;
}

/** Starts emulators + bot; `env` overrides configuration variables. */
export async function startHarness(opts: { env?: Record<string, string>; sandbox?: Parameters<typeof startSandbox>[0] } = {}): Promise<Harness> {
  const sandbox = await startSandbox(opts.sandbox);
  const lines: string[] = [];
  const logDestination = new Writable({ write(chunk, _enc, done) { lines.push(String(chunk)); done(); } });
  const config = loadConfig({ ...sandbox.env, PORT: '0', LOG_LEVEL: 'debug', ...opts.env });
  const bot = await start(config, { logDestination, host: '127.0.0.1' });
  const botUrl = `http://127.0.0.1:${(bot.server.address() as AddressInfo).port}/api/messages`;
  const common = () => ({ tenantId: sandbox.tenantId, serviceUrl: sandbox.channel.serviceUrl, botAppId: sandbox.env.BOT_ID });
  const post = (activity: Record<string, unknown>, token?: string) =>
    activities.postActivity(botUrl, activity, token ?? sandbox.channel.signChannelToken({ serviceUrl: sandbox.channel.serviceUrl }));
  const harness: Harness = {
    sandbox,
    botUrl,
    storage: bot.storage,
    logs: () => lines.join(''),
    message: (user, text, o = {}) => post(activities.message({ ...common(), text, user: asChannelUser(user), ...o })),
    invoke: (user, name, value, o = {}) => post(activities.invoke(name, value, { ...common(), user: asChannelUser(user), ...o })),
    post,
    signIn: (user) => harness.invoke(user, 'signin/tokenExchange', exchangeValue(sandbox, user)),
    stop: async () => {
      await bot.stop();
      await sandbox.stop();
    },
  };
  return harness;
}

/** The `value` of a `signin/tokenExchange` invoke carrying a fresh SSO token for `user`. */
export function exchangeValue(sandbox: Sandbox, user: TestUser, id = 'exchange-1') {
  return { id, connectionName: '', token: sandbox.entra.mintSsoToken({ oid: user.oid, name: user.name, upn: user.upn }) };
}

function asChannelUser(user: TestUser) {
  return { id: `29:${user.oid}`, name: user.name, aadObjectId: user.oid };
}

/** Cards in the activities the bot sent to the connector (adaptive card contents). */
export function cardsOf(activity: { attachments?: { contentType: string; content: unknown }[] }): Record<string, unknown>[] {
  return (activity.attachments ?? [])
    .filter((a) => a.contentType === 'application/vnd.microsoft.card.adaptive')
    .map((a) => a.content as Record<string, unknown>);
}

/** All visible text of a card, for wording assertions. */
export function cardText(card: unknown): string {
  return JSON.stringify(card);
}
