import { settle, startHarness, type Harness } from '../support/harness';
import { cardsOf, titleOf } from '../support/cards';
import { DEMO } from '../../sandbox/graph-data';

let h: Harness;
const admin = DEMO.users.admin;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.stop());
beforeEach(() => h.reset());

const helpMessage = (overrides: Record<string, unknown> = {}) => ({ ...h.activity(admin, 'help'), ...overrides });
const token = (o: Parameters<Harness['sandbox']['channel']['signChannelToken']>[0] = {}) =>
  h.sandbox.channel.signChannelToken({ serviceUrl: h.sandbox.channel.serviceUrl, ...o });

async function expectRefused(bearer: string | null, status = 401, activity = helpMessage()) {
  const answer = await h.post(activity, bearer);
  expect(answer.status).toBe(status);
  // Nothing of the bot ran: no reply reached the connector, nothing reached Graph.
  await settle(100);
  expect(h.sandbox.channel.records).toHaveLength(0);
  expect(h.sandbox.graph.calls).toHaveLength(0);
}

describe('channel authentication', () => {
  it('a correctly signed Teams activity is answered', async () => {
    const answer = await h.post(helpMessage());
    expect(answer.status).toBe(200);
    const reply = await h.waitFor((r) => r.kind === 'reply' || r.kind === 'send');
    expect(cardsOf(reply.activity).map(titleOf)).toEqual(['Reprocess']);
  });

  it('a request without a token is refused with 401', () => expectRefused(null));
  it('a token signed with a key the channel never published is refused with 401', () =>
    expectRefused(token({ signWith: 'rogue' })));
  it('an unsigned (alg=none) token is refused with 401', () => expectRefused(token({ alg: 'none' })));
  it('an expired token is refused with 401', () => expectRefused(token({ expiresInSeconds: -600 })));
  it('a token for another bot is refused with 401', () =>
    expectRefused(token({ audience: '99999999-9999-9999-9999-999999999999' })));
  it('a token from another issuer is refused with 401', () =>
    expectRefused(token({ issuer: 'https://evil.example.com' })));
  it('a token whose serviceurl claim differs from the activity is refused with 401', () =>
    expectRefused(token({ serviceUrl: 'https://attacker.example.com/' })));
  it('a garbage bearer value is refused with 401', () => expectRefused('not-a-jwt'));

  it('a validly signed activity from a tenant outside ALLOWED_TENANT_IDS is refused with 403 and a short message', async () => {
    const foreign = '00000000-dead-beef-0000-000000000000';
    const answer = await h.post(
      helpMessage({
        conversation: { id: 'a:foreign', conversationType: 'personal', tenantId: foreign },
        channelData: { tenant: { id: foreign } },
      }),
    );
    expect(answer.status).toBe(403);
    expect(JSON.stringify(answer.body)).toMatch(/not available to your organization/);
    expect(h.sandbox.graph.calls).toHaveLength(0);
    expect(h.sandbox.channel.records).toHaveLength(0);
  });

  it('a body that is not an activity is a 400, not a crash', async () => {
    expect((await h.post({ hello: 'world' })).status).toBe(400);
  });

  it('a GET on the messaging endpoint is a 405, logged with that status', async () => {
    const response = await fetch(h.botUrl);
    expect(response.status).toBe(405);
    const line = h.logs.entries().find((l) => l['msg'] === 'request rejected' && l['method'] === 'GET');
    expect(line).toMatchObject({ path: '/api/messages', status: 405, reason: 'MethodNotAllowedError' });
  });

  it('the health endpoint answers', async () => {
    const response = await fetch(`${h.baseUrl}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });
});
