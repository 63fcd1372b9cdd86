import { teamsUserId } from './activities';
import type { SandboxUser } from './entra-claims';
import type { Router, SandboxRequest, SandboxResponse } from './router';
import type { Recorder } from './recorder';

/** One call the bot made to the connector. `create` records the ConversationParameters as `activity`. */
export interface ConnectorCall {
  kind: 'send' | 'reply' | 'update' | 'delete' | 'create';
  conversationId: string;
  activityId?: string;
  replyToId?: string;
  activity: RecordedActivity;
  appId?: string;
  at: number;
}

/** An activity (or ConversationParameters) the bot sent, with the fields tests read typed. */
export type RecordedActivity = {
  type?: string;
  id?: string;
  text?: string;
  replyToId?: string;
  attachments?: { contentType: string; content: unknown; name?: string }[];
  [key: string]: unknown;
};

/** A user the connector knows as a conversation member. */
export type ChannelMember = SandboxUser & { email?: string };

/** Registers the Bot Connector REST routes (`/v3/conversations/…`); every call is recorded. */
export function addConnectorRoutes(
  router: Router<string | undefined>,
  recorder: Recorder<ConnectorCall>,
  directory: { members: ChannelMember[]; tenantId: string },
): void {
  const members = directory.members.map((m) => ({ ...m, tid: m.tid ?? directory.tenantId }));
  let counter = 0;
  const record = (
    kind: ConnectorCall['kind'],
    req: SandboxRequest,
    appId: string | undefined,
    ids: Partial<ConnectorCall> = {},
  ): SandboxResponse => {
    const activityId = ids.activityId ?? `activity-${++counter}`;
    const activity = (typeof req.body === 'object' && req.body !== null ? req.body : {}) as RecordedActivity;
    recorder.push({
      kind,
      conversationId: req.params['cid'] ?? '',
      activity,
      appId,
      at: Date.now(),
      ...ids,
      activityId,
    });
    return {
      status: kind === 'update' || kind === 'delete' ? 200 : 201,
      body: kind === 'delete' ? undefined : { id: activityId },
    };
  };
  router
    .add('POST', '/v3/conversations/:cid/activities', (req, appId) => record('send', req, appId))
    .add('POST', '/v3/conversations/:cid/activities/:replyToId', (req, appId) =>
      record('reply', req, appId, { replyToId: req.params['replyToId'] }),
    )
    .add('PUT', '/v3/conversations/:cid/activities/:aid', (req, appId) =>
      record('update', req, appId, { activityId: req.params['aid'] }),
    )
    .add('DELETE', '/v3/conversations/:cid/activities/:aid', (req, appId) =>
      record('delete', req, appId, { activityId: req.params['aid'] }),
    )
    .add('POST', '/v3/conversations', (req, appId) =>
      createConversation(req, appId, recorder, () => `activity-${++counter}`),
    )
    .add('GET', '/v3/conversations/:cid/members', () => ({ status: 200, body: members.map(toTeamsMember) }))
    .add('GET', '/v3/conversations/:cid/members/:mid', (req) => {
      const mid = req.params['mid'] ?? '';
      const member = members.find((m) => [m.oid, `29:${m.oid}`, teamsUserId(m.oid)].includes(mid));
      if (member) return { status: 200, body: toTeamsMember(member) };
      return {
        status: 404,
        body: {
          error: { code: 'MemberNotFoundInConversation', message: 'The member was not found in the conversation.' },
        },
      };
    });
}

function createConversation(
  req: SandboxRequest,
  appId: string | undefined,
  recorder: Recorder<ConnectorCall>,
  nextActivityId: () => string,
): SandboxResponse {
  const params = (typeof req.body === 'object' && req.body !== null ? req.body : {}) as Record<string, unknown>;
  const member = Array.isArray(params['members']) ? (params['members'][0] as { id?: string } | undefined) : undefined;
  const conversationId = `a:1${Buffer.from(`${member?.id ?? 'conversation'}:${Date.now()}`).toString('base64url')}`;
  const activityId = params['activity'] ? nextActivityId() : undefined;
  recorder.push({ kind: 'create', conversationId, activityId, activity: params, appId, at: Date.now() });
  return { status: 201, body: { id: conversationId, ...(activityId ? { activityId } : {}) } };
}

function toTeamsMember(user: ChannelMember): Record<string, unknown> {
  const [givenName, ...rest] = user.name.split(' ');
  const email = user.email ?? user.upn;
  return {
    id: teamsUserId(user.oid),
    name: user.name,
    aadObjectId: user.oid,
    objectId: user.oid,
    givenName,
    surname: rest.join(' '),
    email,
    userPrincipalName: user.upn,
    tenantId: user.tid,
    userRole: 'user',
  };
}

/** One line per call, for timeout messages. */
export function describeCall(call: ConnectorCall): string {
  const type = String(call.activity['type'] ?? '');
  const text = typeof call.activity['text'] === 'string' ? ` "${call.activity['text'].slice(0, 60)}"` : '';
  const cards = Array.isArray(call.activity['attachments'])
    ? ` [${call.activity['attachments'].length} attachment(s)]`
    : '';
  return `${call.kind} ${call.conversationId}${call.activityId ? ` #${call.activityId}` : ''} ${type}${text}${cards}`;
}
