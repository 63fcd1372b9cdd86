import { exchangeValue, startHarness, type Answer, type Harness, type TestUser } from '../support/harness';
import { actionsOf, actionWith, facts, joinedTexts, titled, titleOf } from '../support/cards';
import { expectFilled } from '../support/card-checks';
import type { AdaptiveCardJson } from '../../src/cards/templates';
import { DEMO } from '../../sandbox/graph-data';
import { Verbs } from '../../src/cards/templates';

let h: Harness;
const admin = DEMO.users.admin;
const A = DEMO.assignments;
const R = DEMO.requests;
const CARD = 'application/vnd.microsoft.card.adaptive';

beforeAll(async () => {
  h = await startHarness({ signedIn: [admin] });
});
afterAll(() => h.stop());
beforeEach(() => h.reset());

const click = (
  user: TestUser,
  verb: string,
  data: unknown,
  extra: Record<string, unknown> = {},
  replyToId = 'card-1',
) => h.click(user, verb, data, { replyToId }, extra);
const posts = () => h.sandbox.graph.calls.filter((c) => c.method === 'POST');

/** The card of an invoke answer, which must be HTTP 200 with an Adaptive Card, every placeholder filled. */
function cardOf(answer: Answer): AdaptiveCardJson {
  expect(answer.status).toBe(200);
  expect(answer.body).toMatchObject({ statusCode: 200, type: CARD });
  const card = (answer.body as { value: AdaptiveCardJson }).value;
  expectFilled(card);
  return card;
}

describe('Action.Execute with a usable credential', () => {
  it('Reprocess returns the result card, which replaces the clicked one', async () => {
    const card = cardOf(await click(admin, Verbs.reprocess, { assignmentId: A.delivered }));
    expect(titleOf(card)).toBe('Reprocess queued');
    expect(facts(card)).toMatchObject({ 'Assignment id': A.delivered });
    expect(posts()).toHaveLength(1);
    expect(posts()[0].oid).toBe(admin.oid);
  });

  it.each(Object.entries(A).filter(([k]) => k !== 'hidden'))(
    'Check status shows the %s assignment with its state',
    async (_name, id) => {
      const card = cardOf(await click(admin, Verbs.status, { assignmentId: id }));
      expect(titleOf(card)).toBe('Assignment status');
      expect(facts(card)).toMatchObject({ 'Assignment id': id, State: expect.stringMatching(/\S/) });
      expect(actionWith(card, Verbs.status)).toEqual({
        title: 'Refresh',
        verb: Verbs.status,
        data: { assignmentId: id },
      });
      expect(posts()).toHaveLength(0);
    },
  );

  it('status of a delivered assignment offers Reprocess; of a failed one, Reprocess request', async () => {
    const delivered = cardOf(await click(admin, Verbs.status, { assignmentId: A.delivered }));
    expect(actionWith(delivered, Verbs.reprocess)).toEqual({
      title: 'Reprocess',
      verb: Verbs.reprocess,
      data: { assignmentId: A.delivered },
    });
    expect(actionWith(delivered, Verbs.reprocessRequest)).toBeUndefined();
    const failed = cardOf(await click(admin, Verbs.status, { assignmentId: A.deliveryFailed }));
    expect(actionWith(failed, Verbs.reprocessRequest)).toEqual({
      title: 'Reprocess request',
      verb: Verbs.reprocessRequest,
      data: { requestId: R.deliveryFailed },
    });
    expect(actionWith(failed, Verbs.reprocess)).toBeUndefined();
  });

  it('the form input id may come with braces and upper case', async () => {
    const card = cardOf(await click(admin, Verbs.reprocess, { assignmentId: `{${A.delivered.toUpperCase()}}` }));
    expect(titleOf(card)).toBe('Reprocess queued');
    expect(facts(card)).toMatchObject({ 'Assignment id': A.delivered });
  });
});

describe('Action.Execute sign-in', () => {
  const newcomer = DEMO.users.manager;

  it('a click without a credential is answered HTTP 200 with a 401 loginRequest naming a connection and the SSO resource; nothing reaches Graph', async () => {
    const answer = await click(newcomer, Verbs.reprocess, { assignmentId: A.delivered });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      statusCode: 401,
      type: 'application/vnd.microsoft.activity.loginRequest',
      value: {
        connectionName: expect.stringMatching(/\S/),
        tokenExchangeResource: { uri: h.sandbox.env.SSO_APP_ID_URI },
      },
    });
    expect(JSON.stringify(answer.body)).not.toMatch(/eyJ/);
    expect(h.sandbox.graph.calls).toHaveLength(0);
  });

  it('a failed exchange in the retried invoke answers 412 preconditionFailed', async () => {
    h.sandbox.entra.failObo(newcomer.oid, { error: 'invalid_grant', aadsts: 65001, suberror: 'consent_required' });
    const authentication = exchangeValue(h.sandbox, newcomer);
    const answer = await click(newcomer, Verbs.reprocess, { assignmentId: A.delivered }, { authentication });
    expect(answer.status).toBe(412);
    expect(answer.body).toMatchObject({ statusCode: 412, type: 'application/vnd.microsoft.error.preconditionFailed' });
    expect(h.sandbox.graph.calls).toHaveLength(0);
  });

  it('the retried invoke carries the SSO token: OBO, then the action runs as the clicker', async () => {
    const before = h.sandbox.entra.oboCount(newcomer.oid);
    const authentication = exchangeValue(h.sandbox, newcomer);
    const card = cardOf(await click(newcomer, Verbs.reprocess, { assignmentId: A.delivered }, { authentication }));
    expect(titleOf(card)).toBe('Reprocess queued');
    expect(facts(card)).toMatchObject({ 'Run by': expect.stringContaining(newcomer.name) });
    expect(h.sandbox.entra.oboCount(newcomer.oid)).toBe(before + 1);
    expect(posts()[0].oid).toBe(newcomer.oid);
  });
});

describe('malformed card data', () => {
  it.each([
    [
      'an unknown verb',
      { action: { type: 'Action.Execute', verb: 'deleteEverything', data: { assignmentId: A.delivered } } },
    ],
    ['missing data', { action: { type: 'Action.Execute', verb: Verbs.reprocess } }],
    ['a number for the id', { action: { type: 'Action.Execute', verb: Verbs.reprocess, data: { assignmentId: 42 } } }],
    [
      'an oversized id',
      { action: { type: 'Action.Execute', verb: Verbs.status, data: { assignmentId: 'x'.repeat(5000) } } },
    ],
    ['no action at all', { hello: 'world' }],
  ])('%s gets an error card and no Graph call', async (_name, value) => {
    const card = cardOf(await h.invoke(admin, 'adaptiveCard/action', value, { replyToId: 'card-x' }));
    expect(titleOf(card)).toBe("That button's data isn't valid");
    expect(actionsOf(card)).toEqual([]);
    expect(h.sandbox.graph.calls).toHaveLength(0);
  });

  it('an id that is not a GUID gets the invalid-id card, no Graph call', async () => {
    const card = cardOf(await click(admin, Verbs.reprocess, { assignmentId: '../../users' }));
    expect(titleOf(card)).toBe("That isn't an assignment id");
    expect(h.sandbox.graph.calls).toHaveLength(0);
  });
});

describe('request reprocess', () => {
  it('an eligible (deliveryFailed) request is reprocessed', async () => {
    const card = cardOf(await click(admin, Verbs.reprocessRequest, { requestId: R.deliveryFailed }));
    expect(titleOf(card)).toBe('Request reprocess queued');
    expect(facts(card)).toMatchObject({ 'Request id': R.deliveryFailed });
    expect(posts()[0].path).toContain(`/assignmentRequests/${R.deliveryFailed}/reprocess`);
  });

  it('a delivered request is not eligible and nothing is POSTed', async () => {
    const card = cardOf(await click(admin, Verbs.reprocessRequest, { requestId: R.delivered }));
    expect(titleOf(card)).toBe('Request not eligible for reprocess');
    expect(joinedTexts(card)).toContain(
      'Only a request whose delivery failed or was partial can be reprocessed, and this one is Delivered',
    );
    expect(posts()).toHaveLength(0);
  });

  it("Graph's own 400 is shown plainly with its code", async () => {
    h.sandbox.graph.inject({
      method: 'POST',
      path: /assignmentRequests\/.*\/reprocess$/,
      status: 400,
      code: 'RequestOutsideReprocessWindow',
      times: 1,
    });
    const card = cardOf(await click(admin, Verbs.reprocessRequest, { requestId: R.partiallyDelivered }));
    expect(titleOf(card)).toBe('Microsoft Graph refused to reprocess the request');
    expect(facts(card)).toMatchObject({ 'HTTP status': '400', 'Error code': 'RequestOutsideReprocessWindow' });
  });

  it('reprocess request <id> works as text too', async () => {
    await h.message(admin, `reprocess request ${R.deliveryFailed}`);
    const reply = await h.waitFor(titled('Request reprocess queued'));
    expect(reply.kind).toBe('reply');
  });
});

describe('double clicks', () => {
  it('two concurrent clicks on the same card act once and both get the result card', async () => {
    const [a, b] = await Promise.all([
      click(admin, Verbs.reprocess, { assignmentId: A.deliveredSales }, {}, 'card-double'),
      click(admin, Verbs.reprocess, { assignmentId: A.deliveredSales }, {}, 'card-double'),
    ]);
    expect(titleOf(cardOf(a))).toBe('Reprocess queued');
    expect(titleOf(cardOf(b))).toBe('Reprocess queued');
    expect(posts()).toHaveLength(1);
  });
});
