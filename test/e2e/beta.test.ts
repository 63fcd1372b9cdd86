import { startHarness, type Harness } from '../support/harness';
import { actionWith, cardIn, cardsOf, facts, titleOf } from '../support/cards';
import type { AdaptiveCardJson } from '../../src/cards/templates';
import { DEMO } from '../../sandbox/graph-data';
import { Verbs } from '../../src/cards/templates';

// A file of its own: botbuilder keeps per-process caches keyed by URL and app id (FIELD-NOTES).
const admin = DEMO.users.admin;
const A = DEMO.assignments;
const R = DEMO.requests;
const BETA = '/beta/identityGovernance/entitlementManagement';

let beta: Harness;
beforeAll(async () => {
  beta = await startHarness({ env: { GRAPH_API_VERSION: 'beta' }, signedIn: [admin] });
});
afterAll(() => beta.stop());
beforeEach(() => beta.reset());

async function ask(text: string, user = admin): Promise<AdaptiveCardJson> {
  await beta.message(user, text);
  return cardIn(await beta.waitFor((r) => cardsOf(r.activity).length > 0));
}

describe('the beta endpoint (GRAPH_API_VERSION=beta)', () => {
  it('reprocess uses accessPackageAssignments paths and reads beta property names', async () => {
    const card = await ask(`reprocess ${A.delivered}`);
    expect(titleOf(card)).toBe('Reprocess queued');
    expect(facts(card)).toMatchObject({ 'Assignment id': A.delivered, State: 'Delivered' });
    const post = beta.sandbox.graph.calls.find((c) => c.method === 'POST')!;
    expect(post.path).toBe(`${BETA}/accessPackageAssignments/${A.delivered}/reprocess`);
  });

  it('status of a failed assignment finds its latest request through accessPackageAssignmentRequests', async () => {
    const card = await ask(`status ${A.deliveryFailed}`);
    expect(titleOf(card)).toBe('Assignment status');
    expect(facts(card)).toMatchObject({ State: 'Delivery failed', 'Latest request': R.deliveryFailed });
    expect(actionWith(card, Verbs.reprocessRequest)?.data).toEqual({ requestId: R.deliveryFailed });
    const list = beta.sandbox.graph.calls.find((c) => c.path === `${BETA}/accessPackageAssignmentRequests`);
    expect(list?.query).toContain(`accessPackage/id eq '${DEMO.accessPackages.finance}'`);
    expect(list?.query).toContain('$expand=accessPackageAssignment');
    expect(beta.sandbox.graph.calls.every((c) => c.status === 200)).toBe(true);
  });

  it('reprocess request reads the PascalCase requestState and requestType and posts the beta path', async () => {
    const card = await ask(`reprocess request ${R.deliveryFailed}`);
    expect(titleOf(card)).toBe('Request reprocess queued');
    expect(facts(card)).toMatchObject({ 'Request id': R.deliveryFailed, 'Request type': 'Updated by an admin' });
    expect(beta.sandbox.graph.calls.find((c) => c.method === 'POST')?.path).toBe(
      `${BETA}/accessPackageAssignmentRequests/${R.deliveryFailed}/reprocess`,
    );
  });

  it('reprocess package lists the package through accessPackageAssignments filtered on assignmentState', async () => {
    const card = await ask(`reprocess package ${DEMO.accessPackages.sales}`);
    expect(titleOf(card)).toBe('Reprocess 2 assignments?');
    const list = beta.sandbox.graph.calls.find((c) => c.path === `${BETA}/accessPackageAssignments`);
    expect(list).toMatchObject({ status: 200, query: expect.stringContaining("assignmentState eq 'Delivered'") });
  });
});
