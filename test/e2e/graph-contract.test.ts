import { cardsOf, cardText, startHarness, type Harness, type TestUser } from './harness';
import { DEMO } from '../../sandbox/graph-data';
import { Verbs } from '../../src/cards/templates';

// The bot against the strict Graph emulator: only documented query options, a catalog-scoped admin, Graph's
// 14-day rule for request reprocess, and the demo tenant's throttled, failing and unconsented cases.
let h: Harness;
const A = DEMO.assignments;
const R = DEMO.requests;
const { admin, manager, grady } = DEMO.users;

beforeAll(async () => {
  h = await startHarness();
  for (const user of [admin, manager]) expect((await h.signIn(user)).status).toBe(200);
});
afterAll(() => h.stop());
beforeEach(() => {
  h.sandbox.channel.clear();
  h.sandbox.graph.clearCalls();
});

async function ask(text: string, user: TestUser = admin): Promise<string> {
  expect((await h.message(user, text)).status).toBe(200);
  const reply = await h.sandbox.channel.waitFor((r) => cardsOf(r.activity).length > 0);
  return cardText(cardsOf(reply.activity)[0]);
}

const undocumented = /\$top|\$orderby|\$skip=|assignment\/id|accessPackageAssignment\/id/i;

describe('the latest request is found with documented query options', () => {
  it('status of a failed assignment offers "reprocess request" for its latest request, filtered by its access package', async () => {
    const card = await ask(`status ${A.deliveryFailed}`);
    expect(card).toContain(`"verb":"${Verbs.reprocessRequest}"`);
    expect(card).toContain(R.deliveryFailed);
    expect(card).not.toContain(R.deliveryFailedEarlier);
    const lists = h.sandbox.graph.calls.filter((c) => c.method === 'GET' && c.path.endsWith('/assignmentRequests'));
    expect(lists.length).toBeGreaterThanOrEqual(1);
    expect(lists[0]?.query).toContain(`accessPackage/id eq '${DEMO.accessPackages.finance}'`);
    expect(h.sandbox.graph.calls.filter((c) => undocumented.test(c.query))).toEqual([]);
    expect(h.sandbox.graph.calls.every((c) => c.status === 200)).toBe(true);
  });

  it('a catalog-scoped admin gets the same: status of a partially delivered assignment in her catalog offers its request', async () => {
    const card = await ask(`status ${A.partiallyDelivered}`, manager);
    expect(card).toContain(`"verb":"${Verbs.reprocessRequest}"`);
    expect(card).toContain(R.partiallyDelivered);
    expect(h.sandbox.graph.calls.every((c) => c.status === 200 && c.oid === manager.oid)).toBe(true);
  });

  it('reprocess of a failed assignment (not eligible) still offers its latest failed request', async () => {
    const card = await ask(`reprocess ${A.deliveryFailed}`);
    expect(card).toContain(`"verb":"${Verbs.reprocessRequest}"`);
    expect(card).toContain(R.deliveryFailed);
  });

  it('a catalog-scoped admin is refused outside her catalog, and the card says access is denied', async () => {
    const card = await ask(`reprocess ${A.deliveredFinance}`, manager);
    expect(card).toContain('Access Package Assignment Manager');
    expect(h.sandbox.graph.calls.filter((c) => c.method === 'POST')).toHaveLength(0);
  });
});

describe("Graph's own rules and the demo tenant's outcomes", () => {
  it('a failed request completed more than 14 days ago is refused by Graph (400), shown plainly', async () => {
    const card = await ask(`reprocess request ${R.deliveryFailedEarlier}`);
    expect(card).toContain('14 days');
    expect(h.sandbox.graph.calls.filter((c) => c.method === 'POST').map((c) => c.status)).toEqual([400]);
  });

  it('the demo throttled assignment answers the throttled card with its Retry-After', async () => {
    const card = await ask(`reprocess ${A.throttled}`);
    expect(card).toMatch(new RegExp(`try again in ${DEMO.throttledRetryAfterSeconds} seconds`, 'i'));
  });

  it('the demo failing assignment answers the Graph-failure card with status and request id', async () => {
    const card = await ask(`reprocess ${A.failing}`);
    const post = h.sandbox.graph.calls.find((c) => c.method === 'POST');
    expect(post?.status).toBe(500);
    expect(card).toContain('500');
    expect(card).toContain(post?.requestId ?? 'missing');
  });

  it('the demo user without a delegated grant gets the admin-consent card (AADSTS65001), and Graph is never called', async () => {
    expect((await h.signIn(grady)).status).toBe(412);
    const reply = await h.sandbox.channel.waitFor((r) => cardsOf(r.activity).length > 0);
    expect(cardText(cardsOf(reply.activity)[0])).toMatch(/consent/i);
    expect(h.sandbox.graph.calls).toHaveLength(0);
  });
});
