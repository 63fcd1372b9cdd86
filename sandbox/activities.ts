import { createHash } from 'node:crypto';
import type { SandboxUser } from './entra-claims';

/** Where a Teams activity happens. */
export type ConversationKind = 'personal' | 'channel' | 'groupChat';

/** The sender: a directory user (`oid`, `name`, `upn`) or a Teams channel account (`id`, `name`, `aadObjectId`). */
export type ActivityUser = SandboxUser | { id: string; name: string; aadObjectId: string };

/** Who sends the activity, to which bot, and where. */
export interface ActivityOptions {
  user: ActivityUser;
  tenantId: string;
  serviceUrl: string;
  botAppId: string;
  conversation?: ConversationKind;
  /** Overrides the conversation id derived from the user/kind (e.g. to continue a channel thread). */
  conversationId?: string;
  id?: string;
  replyToId?: string;
  mentionBot?: boolean;
  locale?: string;
}

/** A Teams activity as the channel posts it to the bot's `/api/messages`. */
export type TeamsActivity = {
  type: string;
  id: string;
  timestamp: string;
  localTimestamp: string;
  serviceUrl: string;
  channelId: 'msteams';
  from: { id: string; name: string; aadObjectId: string };
  recipient: { id: string; name: string };
  conversation: { id: string; conversationType: ConversationKind; tenantId: string; isGroup?: boolean };
  channelData: Record<string, unknown>;
  locale: string;
  entities: Record<string, unknown>[];
  text?: string;
  textFormat?: string;
  attachments?: { contentType: string; content: unknown }[];
  localTimezone?: string;
  name?: string;
  value?: unknown;
  replyToId?: string;
};

/** The bot's display name in mentions, as the app manifest names it. */
export const BOT_NAME = 'Reprocess';
const TEAM = {
  id: '19:5b4d1e0c2a7f4f3e9d8c7b6a5f4e3d2c@thread.tacv2',
  name: 'Identity Governance',
  aadGroupId: '6c7d8e9f-0a1b-4c2d-8e3f-4a5b6c7d8e9f',
};
let lastId = 0;

/** The Teams (`29:…`) id of a user, stable for an Entra object id. */
export function teamsUserId(aadObjectId: string): string {
  return `29:1${createHash('sha256').update(`user:${aadObjectId}`).digest('base64url')}`;
}

/** The conversation id Teams uses for `kind` (`a:…` 1:1, `19:…@thread.v2` group chat, `19:…@thread.tacv2;messageid=…` channel thread). */
export function conversationIdFor(
  kind: ConversationKind,
  aadObjectId: string,
  botAppId: string,
  rootMessageId: string,
): string {
  switch (kind) {
    case 'personal':
      return `a:1${createHash('sha256').update(`personal:${aadObjectId}:${botAppId}`).digest('base64url')}`;
    case 'groupChat':
      return `19:${createHash('sha256').update('groupChat').digest('hex').slice(0, 32)}@thread.v2`;
    case 'channel':
      return `${TEAM.id};messageid=${rootMessageId}`;
  }
}

/**
 * A user's message to the bot, shaped like microsoft/teams.net TeamsActivityTests.cs's capture: `textFormat`
 * plain, and with `mentionBot` a text starting `<at>Reprocess</at>`, the mention entity, and the text/html copy
 * Teams attaches (mention as a span, then `&nbsp;`).
 */
export function message(opts: ActivityOptions & { text: string }): TeamsActivity {
  const activity = baseActivity('message', opts);
  const mention = `<at>${BOT_NAME}</at>`;
  activity.text = opts.mentionBot ? `${mention} ${opts.text}` : opts.text;
  activity.textFormat = 'plain';
  if (opts.mentionBot) {
    activity.entities.unshift({
      type: 'mention',
      mentioned: { id: `28:${opts.botAppId}`, name: BOT_NAME },
      text: mention,
    });
    const html = `<p><span itemtype="http://schema.skype.com/Mention" itemscope="" itemid="0">${BOT_NAME}</span>&nbsp;${escapeHtml(opts.text)}</p>`;
    activity.attachments = [{ contentType: 'text/html', content: html }];
  }
  return activity;
}

/**
 * An invoke (e.g. `adaptiveCard/action`, `signin/tokenExchange`) carrying `value`; like the captures (teams.net
 * TeamsActivityTests.cs jsonInvoke, docs/sso trace) its id starts `f:` and channelData names its source.
 */
export function invoke(name: string, value: unknown, opts: ActivityOptions): TeamsActivity {
  const activity = baseActivity('invoke', { ...opts, id: opts.id ?? `f:${nextId()}` });
  activity.channelData = { ...activity.channelData, source: { name: 'message' } };
  return { ...activity, name, value };
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function baseActivity(type: string, opts: ActivityOptions): TeamsActivity {
  const id = opts.id ?? nextId();
  const kind = opts.conversation ?? 'personal';
  const now = new Date();
  const locale = opts.locale ?? 'en-US';
  const from =
    'oid' in opts.user
      ? { id: teamsUserId(opts.user.oid), name: opts.user.name, aadObjectId: opts.user.oid }
      : { id: opts.user.id, name: opts.user.name, aadObjectId: opts.user.aadObjectId };
  return {
    type,
    id,
    timestamp: now.toISOString(),
    localTimestamp: now.toISOString().replace('Z', '+00:00'),
    serviceUrl: opts.serviceUrl,
    channelId: 'msteams',
    from,
    recipient: { id: `28:${opts.botAppId}`, name: BOT_NAME },
    conversation: {
      id: opts.conversationId ?? conversationIdFor(kind, from.aadObjectId, opts.botAppId, opts.replyToId ?? id),
      conversationType: kind,
      tenantId: opts.tenantId,
      ...(kind === 'personal' ? {} : { isGroup: true }),
    },
    channelData: channelDataFor(kind, opts.tenantId),
    locale,
    localTimezone: 'Europe/Berlin',
    entities: [{ type: 'clientInfo', locale, country: 'US', platform: 'Web', timezone: 'Europe/Berlin' }],
    ...(opts.replyToId ? { replyToId: opts.replyToId } : {}),
  };
}

function channelDataFor(kind: ConversationKind, tenantId: string): Record<string, unknown> {
  const tenant = { id: tenantId };
  if (kind !== 'channel') return { tenant };
  return {
    tenant,
    team: TEAM,
    channel: { id: TEAM.id, name: 'General' },
    teamsTeamId: TEAM.id,
    teamsChannelId: TEAM.id,
  };
}

/** Teams message ids are millisecond timestamps; keep them unique within the process. */
function nextId(): string {
  lastId = Math.max(Date.now(), lastId + 1);
  return String(lastId);
}

/** POSTs `activity` to the bot (`botUrl` = its `/api/messages`), with the channel's token if given. */
export async function postActivity(
  botUrl: string,
  activity: TeamsActivity | Record<string, unknown>,
  token?: string,
): Promise<{ status: number; body: unknown }> {
  return postRaw(botUrl, JSON.stringify(activity), token);
}

/** POSTs an already serialized body (which may be damaged on purpose) to the bot; the answer's JSON when it has one. */
export async function postRaw(
  botUrl: string,
  body: string,
  token?: string,
): Promise<{ status: number; body: unknown }> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers['authorization'] = `Bearer ${token}`;
  const res = await fetch(botUrl, { method: 'POST', headers, body });
  const text = await res.text();
  if (text === '') return { status: res.status, body: undefined };
  try {
    return { status: res.status, body: JSON.parse(text) as unknown };
  } catch {
    return { status: res.status, body: text };
  }
}
