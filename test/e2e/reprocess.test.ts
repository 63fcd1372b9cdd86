import { startHarness, type Harness, type TestUser } from '../support/harness';
import { actionsOf, cardIn, cardsOf, facts, joinedTexts, titleOf, tone } from '../support/cards';
import { expectFilled } from '../support/card-checks';
import type { AdaptiveCardJson } from '../../src/cards/templates';
import { DEMO } from '../../sandbox/graph-data';
import { Verbs } from '../../src/cards/templates';

let h: Harness;
const admin = DEMO.users.admin;
const A = DEMO.assignments;

beforeAll(async () => {
  h = await startHarness({ signedIn: [admin, DEMO.users.reader] });
});
afterAll(() => h.stop());
beforeEach(() => h.reset());

/** Sends a command and returns the one card the bot answered with. */
async function ask(text: string, user: TestUser = admin): Promise<AdaptiveCardJson> {
  const answer = await h.message(user, text);
  expect(answer.status).toBe(200);
  const reply = await h.waitFor((r) => cardsOf(r.activity).length > 0);
  expect(h.sandbox.channel.records.filter((r) => cardsOf(r.activity).length > 0)).toHaveLength(1);
  const card = cardIn(reply);
  expectFilled(card);
  return card;
}
const posts = () => h.sandbox.graph.calls.filter((c) => c.method === 'POST');

describe('reprocess <id>', () => {
  it('a delivered assignment is reprocessed as the admin and the card says it is queued', async () => {
    const card = await ask(`reprocess ${A.delivered}`);
    expect([titleOf(card), tone(card)]).toEqual(['Reprocess queued', 'good']);
    expect(posts()).toHaveLength(1);
    expect(posts()[0]).toMatchObject({
      oid: admin.oid,
      path: expect.stringContaining(`/assignments/${A.delivered}/reprocess`),
    });
    const get = h.sandbox.graph.calls.find((c) => c.method === 'GET')!;
    expect(get.query).toContain('$expand=target,accessPackage');
    // Every call carries our client-request-id, and the card shows the ids of the POST.
    expect(
      h.sandbox.graph.calls.every((c) => typeof c.clientRequestId === 'string' && c.clientRequestId.length > 0),
    ).toBe(true);
    expect(facts(card)).toMatchObject({
      'Assignment id': A.delivered,
      'Run by': expect.stringContaining(admin.name),
      'request-id': posts()[0].requestId,
      'client-request-id': posts()[0].clientRequestId,
    });
    expect(actionsOf(card)).toEqual([
      { title: 'Check status', verb: Verbs.status, data: { assignmentId: A.delivered } },
    ]);
  });

  it('an invalid id gets an error card and makes no Graph call', async () => {
    const card = await ask('reprocess ../../users');
    expect(titleOf(card)).toBe("That isn't an assignment id");
    expect(joinedTexts(card)).toContain('Nothing was sent to Microsoft Graph.');
    expect(h.sandbox.graph.calls).toHaveLength(0);
  });

  it.each([
    ['reprocess', 'No assignment id was given', /reprocess <assignment id>|reprocess followed by an assignment id/i],
    ['status', 'No assignment id was given', /status/],
    ['reprocess request', 'No request id was given', /request id/],
    ['reprocess package', 'No access package was given', /package/],
  ])('"%s" with nothing after it says what is missing, not that an id is wrong', async (text, title, hint) => {
    const card = await ask(text);
    expect(titleOf(card)).toBe(title);
    expect(joinedTexts(card)).toMatch(hint);
    expect(joinedTexts(card)).not.toMatch(/isn't an? /);
    expect(h.sandbox.graph.calls).toHaveLength(0);
  });

  it.each([
    ['reprocess request nope', "That isn't a request id", 'request ids are GUIDs'],
    ['status nope', "That isn't an assignment id", 'assignment ids are GUIDs'],
  ])('"%s" names the kind of id it expected', async (text, title, words) => {
    const card = await ask(text);
    expect(titleOf(card)).toBe(title);
    expect(joinedTexts(card)).toContain(words);
    expect(h.sandbox.graph.calls).toHaveLength(0);
  });

  it('an unknown id shows the not-found card', async () => {
    const card = await ask('reprocess 0b0b0b0b-0000-4000-8000-000000000404');
    expect(titleOf(card)).toBe('Assignment not found');
    expect(joinedTexts(card)).toMatch(/your role can't see it/);
    // No button would help: retrying or checking the status of an id Graph doesn't know answers the same.
    expect(actionsOf(card)).toEqual([]);
    expect(posts()).toHaveLength(0);
  });

  it('an assignment Graph refuses (403) shows the access-denied card', async () => {
    const card = await ask(`reprocess ${A.hidden}`);
    expect(titleOf(card)).toBe("You can't reprocess this assignment");
    expect(joinedTexts(card)).toContain('Access Package Assignment Manager');
    expect(actionsOf(card)).toEqual([]);
    expect(posts()).toHaveLength(0);
  });

  it('a user without an entitlement-management role gets the access-denied card', async () => {
    const card = await ask(`reprocess ${A.delivered}`, DEMO.users.reader);
    expect(titleOf(card)).toBe("You can't reprocess this assignment");
    expect(joinedTexts(card)).toContain('Access Package Assignment Manager');
    expect(posts()).toHaveLength(0);
  });

  it.each([
    ['expired', A.expired, 'Expired'],
    ['deliveryFailed', A.deliveryFailed, 'Delivery failed'],
    ['delivering', A.delivering, 'Delivering'],
  ])('a %s assignment is not eligible: the card names the state and nothing is POSTed', async (_s, id, words) => {
    const card = await ask(`reprocess ${id}`);
    expect(titleOf(card)).toBe('Not eligible for reprocess');
    expect(facts(card)).toMatchObject({ 'Assignment id': id, State: words });
    expect(joinedTexts(card)).toMatch(/Only a Delivered assignment can be reprocessed/);
    expect(posts()).toHaveLength(0);
  });

  it('a 429 is retried after Retry-After and then succeeds', async () => {
    h.sandbox.graph.inject({ method: 'POST', path: /\/reprocess$/, status: 429, retryAfterSeconds: 1, times: 1 });
    const card = await ask(`reprocess ${A.delivered}`);
    expect(titleOf(card)).toBe('Reprocess queued');
    expect(posts()).toHaveLength(2);
    expect(posts()[1].at - posts()[0].at).toBeGreaterThanOrEqual(950);
  });

  it('throttling that outlasts the budget is answered at once with "try again in N s", without waiting it out', async () => {
    h.sandbox.graph.inject({ method: 'POST', path: /\/reprocess$/, status: 429, retryAfterSeconds: 30, times: 5 });
    const card = await ask(`reprocess ${A.delivered}`);
    expect(titleOf(card)).toBe('Microsoft Graph is throttling requests');
    expect(joinedTexts(card)).toMatch(/Try again in 30 seconds/);
    // One attempt: the bot did not sleep through a Retry-After longer than its budget.
    expect(posts()).toHaveLength(1);
    expect(actionsOf(card)).toEqual([
      { title: 'Try again', verb: Verbs.reprocess, data: { assignmentId: A.delivered } },
    ]);
  });

  it('a Graph failure shows the status, code and request ids', async () => {
    h.sandbox.graph.inject({
      method: 'POST',
      path: /\/reprocess$/,
      status: 500,
      code: 'InternalServerError',
      times: 1,
    });
    const card = await ask(`reprocess ${A.delivered}`);
    expect([titleOf(card), tone(card)]).toEqual(['Microsoft Graph failed', 'attention']);
    expect(facts(card)).toMatchObject({
      'HTTP status': '500',
      'Error code': 'InternalServerError',
      'request-id': posts()[0].requestId,
    });
  });

  it('unknown text gets the help card listing the commands', async () => {
    const card = await ask('what can you do');
    expect(titleOf(card)).toBe('Reprocess');
    expect(Object.keys(facts(card))).toEqual(
      expect.arrayContaining(['reprocess \\<assignment id\\>', 'status \\<assignment id\\>', 'signout', 'history']),
    );
    expect(h.sandbox.graph.calls).toHaveLength(0);
  });

  it('the same activity delivered twice acts once', async () => {
    await h.message(admin, `reprocess ${A.delivered}`, { id: 'dup-activity-1' });
    await h.message(admin, `reprocess ${A.delivered}`, { id: 'dup-activity-1' });
    await h.waitFor((r) => cardsOf(r.activity).length > 0);
    expect(posts()).toHaveLength(1);
    expect(h.sandbox.channel.records.filter((r) => cardsOf(r.activity).length > 0)).toHaveLength(1);
  });
});
