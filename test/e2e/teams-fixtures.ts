import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BOT_NAME, conversationIdFor, teamsUserId } from '../../sandbox/activities';
import type { Harness, TestUser } from '../support/harness';

type Activity = Record<string, unknown> & {
  id: string;
  text?: string;
  conversation: { id: string; conversationType?: string; tenantId?: string };
  channelData?: { tenant?: { id: string } };
  entities?: Record<string, unknown>[];
};

let counter = 0;

/** A captured Teams activity from test/fixtures/teams (its `_source` names where it comes from). */
export function fixture(name: string): Activity {
  const file = JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'teams', `${name}.json`), 'utf8')) as {
    _source: string;
    activity: Activity;
  };
  if (!file._source) throw new Error(`${name}.json names no source`);
  return file.activity;
}

/**
 * The captured activity with our ids (tenant, service URL, bot, sender, a fresh activity id) and the bot's name
 * in its mentions; everything else stays as Teams sent it. Posted with a freshly signed channel token.
 */
export function replay(
  h: Harness,
  name: string,
  user: TestUser,
  change: (a: Activity) => void = () => undefined,
): Promise<{ status: number; body: unknown }> {
  const a = fixture(name);
  const botId = `28:${h.sandbox.env.BOT_ID}`;
  const captured = String((a['recipient'] as { id?: string } | undefined)?.id ?? '');
  a.id = `${a.id.startsWith('f:') ? 'f:' : ''}replay-${++counter}-${Date.now()}`;
  a['serviceUrl'] = h.sandbox.channel.serviceUrl;
  a['timestamp'] = new Date().toISOString();
  a['recipient'] = { id: botId, name: BOT_NAME };
  a['from'] = { id: teamsUserId(user.oid), name: user.name, aadObjectId: user.oid };
  a.conversation.tenantId = h.sandbox.tenantId;
  if (a.channelData?.tenant) a.channelData.tenant.id = h.sandbox.tenantId;
  if (a.conversation.conversationType === 'personal')
    a.conversation.id = conversationIdFor('personal', user.oid, h.sandbox.env.BOT_ID ?? '', a.id);
  for (const e of a.entities ?? [])
    if (e['type'] === 'mention')
      Object.assign(e, { mentioned: { id: botId, name: BOT_NAME }, text: `<at>${BOT_NAME}</at>` });
  for (const m of (a['membersAdded'] as { id: string }[] | undefined) ?? []) if (m.id === captured) m.id = botId;
  if (typeof a.text === 'string') a.text = a.text.replace(/<at>[^<]*<\/at>/g, `<at>${BOT_NAME}</at>`);
  change(a);
  return h.post(a);
}
