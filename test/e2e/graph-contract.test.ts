import { startHarness, type Harness, type TestUser } from '../support/harness';
import { actionWith, cardIn, cardsOf, facts, joinedTexts, titleOf, visibleText } from '../support/cards';
import type { AdaptiveCardJson } from '../../src/cards/templates';
import { DEMO } from '../../sandbox/graph-data';
import { Verbs } from '../../src/cards/templates';

// The bot against the strict Graph emulator: only documented query options, a catalog-scoped admin, Graph's
// 14-day rule for request reprocess, and the demo tenant's throttled, failing and unconsented cases.
let h: Harness;
const A = DEMO.assignments;
const R = DEMO.requests;
const { admin, manager, grady } = DEMO.users;

beforeAll(async () => {
  h = await startHarness({ signedIn: [admin, manager] });
});
afterAll(() => h.stop());
beforeEach(() => h.reset());

async function ask(text: string, user: TestUser = admin): Promise<AdaptiveCardJson> {
  expect((await h.message(user, text)).status).toBe(200);
  return cardIn(await h.waitFor((r) => cardsOf(r.activity).length > 0));
}

const undocumented = /\$top|\$orderby|\$skip=|assignment\/id|accessPackageAssignment\/id/i;

describe('the latest request is found with documented query options', () => {
  it('status of a failed assignment offers "reprocess request" for its latest request, filtered by its access package', async () => {
    const card = await ask(`status ${A.deliveryFailed}`);
    expect(actionWith(card, Verbs.reprocessRequest)?.data).toEqual({ requestId: R.deliveryFailed });
    expect(facts(card)).toMatchObject({ 'Latest request': R.deliveryFailed });
    expect(visibleText(card)).not.toContain(R.deliveryFailedEarlier);
    const lists = h.sandbox.graph.calls.filter((c) => c.method === 'GET' && c.path.endsWith('/assignmentRequests'));
    expect(lists.length).toBeGreaterThanOrEqual(1);
    expect(lists[0]?.query).toContain(`accessPackage/id eq '${DEMO.accessPackages.finance}'`);
    expect(h.sandbox.graph.calls.filter((c) => undocumented.test(c.query))).toEqual([]);
    expect(h.sandbox.graph.calls.every((c) => c.status === 200)).toBe(true);
  });

  it('a catalog-scoped admin gets the same: status of a partially delivered assignment in her catalog offers its request', async () => {
    const card = await ask(`status ${A.partiallyDelivered}`, manager);
    expect(actionWith(card, Verbs.reprocessRequest)?.data).toEqual({ requestId: R.partiallyDelivered });
    expect(facts(card)).toMatchObject({ State: 'Partially delivered', 'Latest request': R.partiallyDelivered });
    expect(h.sandbox.graph.calls.every((c) => c.status === 200 && c.oid === manager.oid)).toBe(true);
  });

  it('reprocess of a failed assignment (not eligible) still offers its latest failed request', async () => {
    const card = await ask(`reprocess ${A.deliveryFailed}`);
    expect(titleOf(card)).toBe('Not eligible for reprocess');
    expect(actionWith(card, Verbs.reprocessRequest)?.data).toEqual({ requestId: R.deliveryFailed });
  });

  it('a catalog-scoped admin is refused outside her catalog, and the card says access is denied', async () => {
    const card = await ask(`reprocess ${A.deliveredFinance}`, manager);
    expect(titleOf(card)).toBe("You can't reprocess this assignment");
    expect(joinedTexts(card)).toContain('Access Package Assignment Manager');
    expect(h.sandbox.graph.calls.filter((c) => c.method === 'POST')).toHaveLength(0);
  });
});

describe("Graph's own rules and the demo tenant's outcomes", () => {
  it('a failed request completed more than 14 days ago is refused by Graph (400), shown plainly', async () => {
    const card = await ask(`reprocess request ${R.deliveryFailedEarlier}`);
    expect(titleOf(card)).toBe('Microsoft Graph refused to reprocess the request');
    expect(joinedTexts(card)).toContain('within 14 days after it completed');
    expect(h.sandbox.graph.calls.filter((c) => c.method === 'POST').map((c) => c.status)).toEqual([400]);
  });

  it('the demo throttled assignment answers the throttled card with its Retry-After', async () => {
    const card = await ask(`reprocess ${A.throttled}`);
    expect(titleOf(card)).toBe('Microsoft Graph is throttling requests');
    expect(joinedTexts(card)).toContain(`Try again in ${DEMO.throttledRetryAfterSeconds} seconds`);
  });

  it('the demo failing assignment answers the Graph-failure card with status and request id', async () => {
    const card = await ask(`reprocess ${A.failing}`);
    const post = h.sandbox.graph.calls.find((c) => c.method === 'POST');
    expect(post?.status).toBe(500);
    expect(titleOf(card)).toBe('Microsoft Graph failed');
    expect(facts(card)).toMatchObject({ 'HTTP status': '500', 'request-id': post?.requestId ?? 'missing' });
  });

  it('the demo user without a delegated grant gets the admin-consent card (AADSTS65001), and Graph is never called', async () => {
    expect((await h.signIn(grady)).status).toBe(412);
    const card = cardIn(await h.waitFor((r) => cardsOf(r.activity).length > 0));
    expect(titleOf(card)).toBe('Admin consent needed');
    expect(h.sandbox.graph.calls).toHaveLength(0);
  });
});
