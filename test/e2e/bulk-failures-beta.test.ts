import { randomUUID } from 'node:crypto';
import { DEMO } from '../../sandbox/graph-data';
import { Verbs, type AdaptiveCardJson } from '../../src/cards/templates';
import { cardsOf, actionWith, texts, titleOf } from '../support/cards';
import { startHarness, type Harness } from '../support/harness';

// The bulk 400 wording on Graph beta, whose assignments spell the state `assignmentState` (PascalCase values).
// Its own file: botbuilder's and MSAL's static caches allow one emulator set per jest process.
const admin = DEMO.users.admin;
const A = DEMO.assignments;

describe('on Graph beta', () => {
  let beta: Harness;
  beforeAll(async () => {
    beta = await startHarness({ env: { GRAPH_API_VERSION: 'beta' } });
    expect((await beta.signIn(admin)).status).toBe(200);
  });
  afterAll(() => beta.stop());

  it('the state is read as assignmentState and worded the same', async () => {
    const id = `msg-${randomUUID()}`;
    await beta.message(admin, `reprocess ${A.delivered} ${A.delivering}`, { id });
    const reply = await beta.sandbox.channel.waitFor(
      (r) => r.replyToId === id && cardsOf(r.activity).length > 0,
      15_000,
    );
    const jobId = actionWith(cardsOf(reply.activity)[0] as AdaptiveCardJson, Verbs.bulkConfirm)?.data?.jobId;
    await beta.invoke(
      admin,
      'adaptiveCard/action',
      { action: { type: 'Action.Execute', verb: Verbs.bulkConfirm, data: { jobId } } },
      { replyToId: reply.activityId },
    );
    const update = await beta.sandbox.channel.waitFor(
      (r) => r.kind === 'update' && cardsOf(r.activity).some((c) => titleOf(c) === 'Bulk reprocess finished'),
      30_000,
    );
    const reads = beta.sandbox.graph.calls.filter((c) => c.batched && c.method === 'GET');
    expect(reads.map((c) => [c.path, c.query])).toEqual([
      [
        `/beta/identityGovernance/entitlementManagement/accessPackageAssignments/${A.delivering}`,
        '$select=id,assignmentState',
      ],
    ]);
    expect(texts(cardsOf(update.activity)[0] as AdaptiveCardJson)).toContainEqual(
      expect.stringMatching(/^Not eligible: Delivering · HTTP 400 · request-id /),
    );
  });
});
