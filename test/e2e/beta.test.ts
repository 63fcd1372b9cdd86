import { cardsOf, cardText, startHarness, type Harness } from './harness';
import { DEMO } from '../../sandbox/graph-data';
import { Verbs } from '../../src/cards/templates';

// A file of its own: botbuilder keeps per-process caches keyed by URL and app id (FIELD-NOTES).
const admin = DEMO.users.admin;
const A = DEMO.assignments;
const R = DEMO.requests;
const BETA = '/beta/identityGovernance/entitlementManagement';

let beta: Harness;
beforeAll(async () => {
  beta = await startHarness({ env: { GRAPH_API_VERSION: 'beta' } });
  await beta.signIn(admin);
});
afterAll(() => beta.stop());
beforeEach(() => {
  beta.sandbox.channel.clear();
  beta.sandbox.graph.clearCalls();
});

async function ask(text: string, user = admin): Promise<string> {
  await beta.message(user, text);
  const reply = await beta.sandbox.channel.waitFor((r) => cardsOf(r.activity).length > 0);
  return cardText(cardsOf(reply.activity)[0]);
}

describe('the beta endpoint (GRAPH_API_VERSION=beta)', () => {
  it('reprocess uses accessPackageAssignments paths and reads beta property names', async () => {
    expect(await ask(`reprocess ${A.delivered}`)).toContain('Reprocess queued');
    const post = beta.sandbox.graph.calls.find((c) => c.method === 'POST')!;
    expect(post.path).toBe(`${BETA}/accessPackageAssignments/${A.delivered}/reprocess`);
  });

  it('status of a failed assignment finds its latest request through accessPackageAssignmentRequests', async () => {
    const card = await ask(`status ${A.deliveryFailed}`);
    expect(card).toContain('Delivery failed');
    expect(card).toContain(`"verb":"${Verbs.reprocessRequest}"`);
    expect(card).toContain(R.deliveryFailed);
    const list = beta.sandbox.graph.calls.find((c) => c.path === `${BETA}/accessPackageAssignmentRequests`);
    expect(list?.query).toContain(`accessPackage/id eq '${DEMO.accessPackages.finance}'`);
    expect(list?.query).toContain('$expand=accessPackageAssignment');
    expect(beta.sandbox.graph.calls.every((c) => c.status === 200)).toBe(true);
  });

  it('reprocess request reads the PascalCase requestState and requestType and posts the beta path', async () => {
    const card = await ask(`reprocess request ${R.deliveryFailed}`);
    expect(card).toContain('Request reprocess queued');
    expect(card).toContain('Updated by an admin');
    expect(beta.sandbox.graph.calls.find((c) => c.method === 'POST')?.path).toBe(`${BETA}/accessPackageAssignmentRequests/${R.deliveryFailed}/reprocess`);
  });

  it('reprocess package lists the package through accessPackageAssignments filtered on assignmentState', async () => {
    const card = await ask(`reprocess package ${DEMO.accessPackages.sales}`);
    expect(card).toMatch(/Reprocess 2 assignments\?/);
    const list = beta.sandbox.graph.calls.find((c) => c.path === `${BETA}/accessPackageAssignments`);
    expect(list).toMatchObject({ status: 200, query: expect.stringContaining("assignmentState eq 'Delivered'") });
  });
});
