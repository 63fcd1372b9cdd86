import { cardsOf, startHarness, type Harness, type TestUser } from './harness';
import { DEMO } from '../../sandbox/graph-data';
import * as activities from '../../sandbox/activities';

let h: Harness;
let admin: TestUser;

beforeAll(async () => {
  h = await startHarness();
  admin = DEMO.users.admin;
});
afterAll(() => h.stop());
beforeEach(() => {
  h.sandbox.channel.clear();
  h.sandbox.graph.clearCalls();
});

function helpMessage(overrides: Record<string, unknown> = {}) {
  return {
    ...activities.message({
      text: 'help',
      user: { id: `29:${admin.oid}`, name: admin.name, aadObjectId: admin.oid },
      tenantId: h.sandbox.tenantId,
      serviceUrl: h.sandbox.channel.serviceUrl,
      botAppId: h.sandbox.env.BOT_ID,
    }),
    ...overrides,
  };
}

async function expectRefused(token: string | undefined, status = 401, activity = helpMessage()) {
  const answer = await activities.postActivity(h.botUrl, activity, token);
  expect(answer.status).toBe(status);
  // Nothing of the bot ran: no reply reached the connector, nothing reached Graph.
  await new Promise((r) => setTimeout(r, 100));
  expect(h.sandbox.channel.records).toHaveLength(0);
  expect(h.sandbox.graph.calls).toHaveLength(0);
}

describe('channel authentication', () => {
  it('a correctly signed Teams activity is answered', async () => {
    const answer = await h.post(helpMessage());
    expect(answer.status).toBe(200);
    const reply = await h.sandbox.channel.waitFor((r) => r.kind === 'reply' || r.kind === 'send');
    expect(cardsOf(reply.activity)).toHaveLength(1);
  });

  it('a request without a token is refused with 401', () => expectRefused(undefined));
  it('a token signed with a key the channel never published is refused with 401', () =>
    expectRefused(h.sandbox.channel.signChannelToken({ serviceUrl: h.sandbox.channel.serviceUrl, signWith: 'rogue' })));
  it('an unsigned (alg=none) token is refused with 401', () =>
    expectRefused(h.sandbox.channel.signChannelToken({ serviceUrl: h.sandbox.channel.serviceUrl, alg: 'none' })));
  it('an expired token is refused with 401', () =>
    expectRefused(h.sandbox.channel.signChannelToken({ serviceUrl: h.sandbox.channel.serviceUrl, expiresInSeconds: -600 })));
  it('a token for another bot is refused with 401', () =>
    expectRefused(h.sandbox.channel.signChannelToken({ serviceUrl: h.sandbox.channel.serviceUrl, audience: '99999999-9999-9999-9999-999999999999' })));
  it('a token from another issuer is refused with 401', () =>
    expectRefused(h.sandbox.channel.signChannelToken({ serviceUrl: h.sandbox.channel.serviceUrl, issuer: 'https://evil.example.com' })));
  it('a token whose serviceurl claim differs from the activity is refused with 401', () =>
    expectRefused(h.sandbox.channel.signChannelToken({ serviceUrl: 'https://attacker.example.com/' })));
  it('a garbage bearer value is refused with 401', () => expectRefused('not-a-jwt'));

  it('a validly signed activity from a tenant outside ALLOWED_TENANT_IDS is refused with 403 and a short message', async () => {
    const foreign = '00000000-dead-beef-0000-000000000000';
    const activity = helpMessage({ conversation: { id: 'a:foreign', conversationType: 'personal', tenantId: foreign }, channelData: { tenant: { id: foreign } } });
    const answer = await activities.postActivity(h.botUrl, activity, h.sandbox.channel.signChannelToken({ serviceUrl: h.sandbox.channel.serviceUrl }));
    expect(answer.status).toBe(403);
    expect(JSON.stringify(answer.body)).toMatch(/not available to your organization/);
    expect(h.sandbox.graph.calls).toHaveLength(0);
    expect(h.sandbox.channel.records).toHaveLength(0);
  });

  it('a body that is not an activity is a 400, not a crash', async () => {
    const answer = await activities.postActivity(h.botUrl, { hello: 'world' } as never, h.sandbox.channel.signChannelToken({ serviceUrl: h.sandbox.channel.serviceUrl }));
    expect(answer.status).toBe(400);
  });

  it('a GET on the messaging endpoint is a 405, logged with that status', async () => {
    const response = await fetch(h.botUrl);
    expect(response.status).toBe(405);
    const line = h.logs().split('\n').find((l) => l.includes('request rejected') && l.includes('"method":"GET"'));
    expect(JSON.parse(line ?? '{}')).toMatchObject({ path: '/api/messages', status: 405, reason: 'MethodNotAllowedError' });
  });

  it('the health endpoint answers', async () => {
    const response = await fetch(h.botUrl.replace('/api/messages', '/healthz'));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });
});
