import { createPublicKey } from 'node:crypto';
import { ConfidentialClientApplication } from '@azure/msal-node';
import jwt from 'jsonwebtoken';
import { invoke, message, teamsUserId } from '../../sandbox/activities';
import { CHANNEL_ISSUER, startChannel, type Channel } from '../../sandbox/channel';
import { startEntra, type Entra } from '../../sandbox/entra';

const TENANT = '9f1c7e2a-4b3d-4e5f-8a6b-7c8d9e0f1a2b';
const BOT = { clientId: '5e8a0c1b-2d3f-4a5b-9c6d-7e8f9a0b1c2d', clientSecret: 'bot-secret' };
const OTHER_APP = { clientId: '11111111-2222-4333-8444-555555555555', clientSecret: 'other-secret' };
const USER = { oid: 'a1d3e0f2-6b4c-4e8a-9f10-2b3c4d5e6f70', name: 'Adele Vance', upn: 'adele@contoso.example' };
const CONVERSATION = '19:5b4d1e0c2a7f4f3e9d8c7b6a5f4e3d2c@thread.tacv2;messageid=1700000000000';

let entra: Entra;
let channel: Channel;

beforeAll(async () => {
  entra = await startEntra({ tenantId: TENANT, apps: [BOT, OTHER_APP] });
  channel = await startChannel({ entra, botAppId: BOT.clientId, tenantId: TENANT, members: [USER] });
});
afterAll(async () => {
  await channel.close();
  await entra.close();
});
beforeEach(() => channel.clear());

/** The bot's outbound token, obtained as the bot does (msal-node with the emulator as a known authority). */
async function connectorToken(app = BOT): Promise<string> {
  const msal = new ConfidentialClientApplication({
    auth: {
      clientId: app.clientId,
      clientSecret: app.clientSecret,
      authority: `${entra.url}/${TENANT}`,
      knownAuthorities: [new URL(entra.url).host],
    },
  });
  const result = await msal.acquireTokenByClientCredential({ scopes: [`${CHANNEL_ISSUER}/.default`] });
  if (!result) throw new Error('no token');
  return result.accessToken;
}

async function verifyWithPublishedKeys(token: string): Promise<jwt.JwtPayload> {
  const metadata = (await (await fetch(channel.openIdMetadataUrl)).json()) as { issuer: string; jwks_uri: string };
  const jwks = (await (await fetch(metadata.jwks_uri)).json()) as {
    keys: { kid: string; n: string; e: string; endorsements: string[] }[];
  };
  const kid = jwt.decode(token, { complete: true })?.header.kid;
  const jwk = jwks.keys.find((k) => k.kid === kid);
  if (!jwk) throw new Error('kid not published');
  expect(jwk.endorsements).toContain('msteams');
  const key = createPublicKey({ key: { kty: 'RSA', n: jwk.n, e: jwk.e }, format: 'jwk' });
  return jwt.verify(token, key, {
    algorithms: ['RS256'],
    issuer: metadata.issuer,
    audience: BOT.clientId,
    clockTolerance: 300,
  }) as jwt.JwtPayload;
}

async function connector(
  method: string,
  path: string,
  token?: string,
  body?: unknown,
): Promise<{ status: number; body: unknown }> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers['authorization'] = `Bearer ${token}`;
  const res = await fetch(`${channel.serviceUrl}${path.replace(/^\//, '')}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as unknown) : undefined };
}

describe('channel emulator: tokens to the bot', () => {
  test('a channel token verifies against the published JWKS exactly like the Bot Framework’s', async () => {
    const claims = await verifyWithPublishedKeys(channel.signChannelToken());
    expect(claims).toMatchObject({
      iss: 'https://api.botframework.com',
      aud: BOT.clientId,
      serviceurl: channel.serviceUrl,
    });
  });

  test('a token signed with a key the channel never published fails verification', async () => {
    await expect(verifyWithPublishedKeys(channel.signChannelToken({ signWith: 'rogue' }))).rejects.toThrow(
      /invalid signature/,
    );
  });

  test('an unsigned token and an expired token fail verification', async () => {
    await expect(verifyWithPublishedKeys(channel.signChannelToken({ alg: 'none' }))).rejects.toThrow(
      /signature is required|invalid algorithm/,
    );
    await expect(verifyWithPublishedKeys(channel.signChannelToken({ expiresInSeconds: -600 }))).rejects.toThrow(
      /jwt expired/,
    );
  });
});

describe('channel emulator: the connector', () => {
  test('replies, sends, updates and deletes are recorded with the decoded conversation id', async () => {
    const token = await connectorToken();
    const cid = encodeURIComponent(CONVERSATION);
    const reply = await connector('POST', `/v3/conversations/${cid}/activities/1700000000000`, token, {
      type: 'message',
      text: 'hello',
    });
    expect(reply).toEqual({ status: 201, body: { id: expect.stringMatching(/^activity-\d+$/) } });
    const id = (reply.body as { id: string }).id;
    expect(
      (await connector('PUT', `/v3/conversations/${cid}/activities/${id}`, token, { type: 'message', text: 'updated' }))
        .status,
    ).toBe(200);
    expect(
      (await connector('POST', `/v3/conversations/${cid}/activities`, token, { type: 'message', text: 'proactive' }))
        .status,
    ).toBe(201);
    expect((await connector('DELETE', `/v3/conversations/${cid}/activities/${id}`, token)).status).toBe(200);
    expect(channel.records.map((r) => [r.kind, r.conversationId])).toEqual([
      ['reply', CONVERSATION],
      ['update', CONVERSATION],
      ['send', CONVERSATION],
      ['delete', CONVERSATION],
    ]);
    expect(channel.records[0]).toMatchObject({
      replyToId: '1700000000000',
      appId: BOT.clientId,
      activity: { text: 'hello' },
    });
    expect(channel.records[1]).toMatchObject({ activityId: id, activity: { text: 'updated' } });
  });

  test('creating a conversation returns its id; members are looked up by Teams id or object id', async () => {
    const token = await connectorToken();
    const created = await connector('POST', '/v3/conversations', token, {
      members: [{ id: teamsUserId(USER.oid) }],
      tenantId: TENANT,
    });
    expect(created.body).toEqual({ id: expect.stringMatching(/^a:/) });
    expect(channel.records[0]).toMatchObject({ kind: 'create', conversationId: (created.body as { id: string }).id });
    for (const memberId of [teamsUserId(USER.oid), USER.oid]) {
      const member = await connector('GET', `/v3/conversations/x/members/${encodeURIComponent(memberId)}`, token);
      expect(member.body).toMatchObject({
        id: teamsUserId(USER.oid),
        name: USER.name,
        aadObjectId: USER.oid,
        userPrincipalName: USER.upn,
        email: USER.upn,
      });
    }
    expect((await connector('GET', '/v3/conversations/x/members/29:unknown', token)).status).toBe(404);
  });

  test('the connector refuses calls without a token, with another app’s token, or with a token for another resource', async () => {
    expect((await connector('POST', '/v3/conversations/a%3A1/activities', undefined, { type: 'message' })).status).toBe(
      401,
    );
    expect(
      (
        await connector('POST', '/v3/conversations/a%3A1/activities', await connectorToken(OTHER_APP), {
          type: 'message',
        })
      ).status,
    ).toBe(401);
    expect(
      (await connector('POST', '/v3/conversations/a%3A1/activities', entra.mintSsoToken(USER), { type: 'message' }))
        .status,
    ).toBe(401);
    expect(channel.records).toHaveLength(0);
  });

  test('an anonymous (Playground-mode) channel needs no token', async () => {
    const anonymous = await startChannel({ entra, botAppId: '', tenantId: TENANT });
    try {
      const res = await fetch(`${anonymous.serviceUrl}v3/conversations/a%3A1/activities`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"type":"message"}',
      });
      expect(res.status).toBe(201);
      expect(anonymous.records[0]?.appId).toBeUndefined();
    } finally {
      await anonymous.close();
    }
  });

  test('waitFor resolves on a future record and times out listing what was recorded', async () => {
    const token = await connectorToken();
    const waiting = channel.waitFor((r) => r.activity.text === 'later');
    await connector('POST', '/v3/conversations/a%3A1/activities', token, { type: 'message', text: 'sooner' });
    await connector('POST', '/v3/conversations/a%3A1/activities', token, { type: 'message', text: 'later' });
    expect((await waiting).activity.text).toBe('later');
    await expect(channel.waitFor((r) => r.kind === 'delete', 50)).rejects.toThrow(
      /send a:1 #activity-\d+ message "sooner"/,
    );
  });
});

describe('activity builders', () => {
  const common = { tenantId: TENANT, serviceUrl: 'https://127.0.0.1:1/', botAppId: BOT.clientId };

  test('a channel message mentioning the bot looks like Teams’', () => {
    const activity = message({ ...common, text: 'reprocess x', user: USER, conversation: 'channel', mentionBot: true });
    expect(activity).toMatchObject({
      type: 'message',
      channelId: 'msteams',
      text: '<at>Reprocess</at> reprocess x',
      from: { id: teamsUserId(USER.oid), name: USER.name, aadObjectId: USER.oid },
      recipient: { id: `28:${BOT.clientId}`, name: 'Reprocess' },
      conversation: { conversationType: 'channel', tenantId: TENANT, isGroup: true },
      channelData: { tenant: { id: TENANT }, team: { name: 'Identity Governance' }, channel: { name: 'General' } },
    });
    expect(activity.conversation.id).toBe(`19:5b4d1e0c2a7f4f3e9d8c7b6a5f4e3d2c@thread.tacv2;messageid=${activity.id}`);
    expect(activity.entities).toContainEqual({
      type: 'mention',
      mentioned: { id: `28:${BOT.clientId}`, name: 'Reprocess' },
      text: '<at>Reprocess</at>',
    });
  });

  test('an invoke carries name and value, and a channel account works as the sender', () => {
    const sender = { id: '29:custom', name: 'Lee Gu', aadObjectId: 'c3f5a2b4-8d6e-4a0c-9b32-4d5e6f708192' };
    const activity = invoke(
      'adaptiveCard/action',
      { action: { type: 'Action.Execute', verb: 'status' } },
      { ...common, user: sender },
    );
    expect(activity).toMatchObject({
      type: 'invoke',
      name: 'adaptiveCard/action',
      from: sender,
      conversation: { conversationType: 'personal' },
    });
    expect(activity.id).toMatch(/^f:\d+$/);
    expect(activity.conversation.id).toMatch(/^a:1/);
  });
});
