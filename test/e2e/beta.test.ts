import { cardsOf, cardText, startHarness, type Harness } from './harness';
import { DEMO } from '../../sandbox/graph-data';

// A file of its own: botbuilder keeps per-process caches keyed by URL and app id (FIELD-NOTES).
const admin = DEMO.users.admin;
const A = DEMO.assignments;

describe('reprocess on the beta endpoint', () => {
  let beta: Harness;
  beforeAll(async () => {
    beta = await startHarness({ env: { GRAPH_API_VERSION: 'beta' } });
    await beta.signIn(admin);
  });
  afterAll(() => beta.stop());

  it('uses accessPackageAssignments paths and reads beta property names', async () => {
    await beta.message(admin, `reprocess ${A.delivered}`);
    const reply = await beta.sandbox.channel.waitFor((r) => cardsOf(r.activity).length > 0);
    expect(cardText(cardsOf(reply.activity)[0])).toContain('Reprocess queued');
    const post = beta.sandbox.graph.calls.find((c) => c.method === 'POST')!;
    expect(post.path).toBe(`/beta/identityGovernance/entitlementManagement/accessPackageAssignments/${A.delivered}/reprocess`);
  });
});
