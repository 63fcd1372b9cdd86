import { cardsOf, cardText, startHarness, type Harness, type TestUser } from './harness';
import { DEMO } from '../../sandbox/graph-data';

let h: Harness;
const admin = DEMO.users.admin;
const A = DEMO.assignments;

beforeAll(async () => {
  h = await startHarness();
  expect((await h.signIn(admin)).status).toBe(200);
  expect((await h.signIn(DEMO.users.reader)).status).toBe(200);
});
afterAll(() => h.stop());
beforeEach(() => {
  h.sandbox.channel.clear();
  h.sandbox.graph.clearCalls();
  h.sandbox.graph.clearInjections();
});

/** Sends a command and returns the text of the one card the bot answered with. */
async function ask(text: string, user: TestUser = admin): Promise<string> {
  const answer = await h.message(user, text);
  expect(answer.status).toBe(200);
  const reply = await h.sandbox.channel.waitFor((r) => cardsOf(r.activity).length > 0);
  expect(h.sandbox.channel.records.filter((r) => cardsOf(r.activity).length > 0)).toHaveLength(1);
  const text_ = cardText(cardsOf(reply.activity)[0]);
  expect(text_).not.toContain('${');
  return text_;
}
const posts = () => h.sandbox.graph.calls.filter((c) => c.method === 'POST');

describe('reprocess <id>', () => {
  it('a delivered assignment is reprocessed as the admin and the card says it is queued', async () => {
    const card = await ask(`reprocess ${A.delivered}`);
    expect(card).toContain('Reprocess queued');
    expect(card).toContain(A.delivered);
    expect(card).toMatch(/request-id|Request id/i);
    expect(posts()).toHaveLength(1);
    expect(posts()[0]).toMatchObject({ oid: admin.oid, path: expect.stringContaining(`/assignments/${A.delivered}/reprocess`) });
    const get = h.sandbox.graph.calls.find((c) => c.method === 'GET')!;
    expect(get.query).toContain('$expand=target,accessPackage');
    // Every call carries our client-request-id, and the card shows the one of the POST.
    expect(h.sandbox.graph.calls.every((c) => typeof c.clientRequestId === 'string' && c.clientRequestId.length > 0)).toBe(true);
    expect(card).toContain(posts()[0].clientRequestId!);
    expect(card).toContain(posts()[0].requestId);
  });

  it('an invalid id gets an error card and makes no Graph call', async () => {
    const card = await ask('reprocess ../../users');
    expect(card).toMatch(/isn't an assignment id/i);
    expect(h.sandbox.graph.calls).toHaveLength(0);
  });

  it('an unknown id shows the not-found card', async () => {
    const card = await ask('reprocess 0b0b0b0b-0000-4000-8000-000000000404');
    expect(card).toMatch(/your role can't see it/);
    expect(posts()).toHaveLength(0);
  });

  it('an assignment Graph refuses (403) shows the access-denied card', async () => {
    const card = await ask(`reprocess ${A.hidden}`);
    expect(card).toContain('Access Package Assignment Manager');
    expect(posts()).toHaveLength(0);
  });

  it('a user without an entitlement-management role gets the access-denied card', async () => {
    const card = await ask(`reprocess ${A.delivered}`, DEMO.users.reader);
    expect(card).toContain('Access Package Assignment Manager');
    expect(posts()).toHaveLength(0);
  });

  it.each([
    ['expired', A.expired, 'Expired'],
    ['deliveryFailed', A.deliveryFailed, 'Delivery failed'],
    ['delivering', A.delivering, 'Delivering'],
  ])('a %s assignment is not eligible: the card names the state and nothing is POSTed', async (_s, id, words) => {
    const card = await ask(`reprocess ${id}`);
    expect(card).toContain(words);
    expect(card).toMatch(/Only a Delivered assignment can be reprocessed/);
    expect(posts()).toHaveLength(0);
  });

  it('a 429 is retried after Retry-After and then succeeds', async () => {
    h.sandbox.graph.inject({ method: 'POST', path: /\/reprocess$/, status: 429, retryAfterSeconds: 1, times: 1 });
    const started = Date.now();
    const card = await ask(`reprocess ${A.delivered}`);
    expect(card).toContain('Reprocess queued');
    expect(posts()).toHaveLength(2);
    expect(posts()[1].at - posts()[0].at).toBeGreaterThanOrEqual(950);
    expect(Date.now() - started).toBeLessThan(8000);
  });

  it('throttling that outlasts the budget answers in time with "try again in N s"', async () => {
    h.sandbox.graph.inject({ method: 'POST', path: /\/reprocess$/, status: 429, retryAfterSeconds: 30, times: 5 });
    const started = Date.now();
    const card = await ask(`reprocess ${A.delivered}`);
    expect(card).toMatch(/try again in 30 seconds/i);
    expect(posts()).toHaveLength(1);
    expect(Date.now() - started).toBeLessThan(8000);
  });

  it('a Graph failure shows the status, code and request ids', async () => {
    h.sandbox.graph.inject({ method: 'POST', path: /\/reprocess$/, status: 500, code: 'InternalServerError', times: 1 });
    const card = await ask(`reprocess ${A.delivered}`);
    expect(card).toContain('500');
    expect(card).toContain('InternalServerError');
    expect(card).toContain(posts()[0].requestId);
  });

  it('unknown text gets the help card listing the commands', async () => {
    const card = await ask('what can you do');
    expect(card).toContain('reprocess');
    expect(card).toContain('signout');
    expect(h.sandbox.graph.calls).toHaveLength(0);
  });

  it('the same activity delivered twice acts once', async () => {
    await h.message(admin, `reprocess ${A.delivered}`, { id: 'dup-activity-1' });
    await h.message(admin, `reprocess ${A.delivered}`, { id: 'dup-activity-1' });
    await h.sandbox.channel.waitFor((r) => cardsOf(r.activity).length > 0);
    expect(posts()).toHaveLength(1);
    expect(h.sandbox.channel.records.filter((r) => cardsOf(r.activity).length > 0)).toHaveLength(1);
  });
});
