import { startHarness, type Harness } from '../support/harness';
import { actionWith, cardIn, facts, jobIdOf, titled } from '../support/cards';
import { DEMO } from '../../sandbox/graph-data';
import { demoTenantWith, seriesId } from '../support/tenant';
import { Verbs } from '../../src/cards/templates';

// The docs disagree on the outer status of a $batch with a throttled item (json-batching.md: 200;
// throttling.md: 424). The bulk runner must read every item's own answer in both cases.
const admin = DEMO.users.admin;
const extra = (i: number) => seriesId('5b5b5b5b', i);
const tenant = () => demoTenantWith({ prefix: '5b5b5b5b', count: 6, package: DEMO.accessPackages.sales });

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ sandbox: { data: tenant() }, signedIn: [admin] });
});
afterAll(() => h.stop());

const itemPosts = () => h.sandbox.graph.calls.filter((c) => c.batched && c.method === 'POST');

describe.each([
  [200, 0],
  [424, 3],
] as const)('a $batch answered %i when an item is throttled', (outer, first) => {
  const ids = [extra(first), extra(first + 1), extra(first + 2)];

  it('accepted items are sent once, the throttled one again after its own Retry-After, and every audit entry has a request id', async () => {
    h.sandbox.channel.clear();
    h.sandbox.graph.clearCalls();
    h.sandbox.graph.setBatchThrottleStatus(outer);
    h.sandbox.graph.inject({
      method: 'POST',
      path: `${ids[1]}/reprocess`,
      status: 429,
      retryAfterSeconds: 1,
      times: 1,
    });
    await h.message(admin, `reprocess ${ids.join(' ')}`);
    const offer = await h.waitFor((r) => actionWith(cardIn(r), Verbs.bulkConfirm) !== undefined);
    const jobId = jobIdOf(cardIn(offer), Verbs.bulkConfirm);
    expect(
      (await h.click(admin, Verbs.bulkConfirm, { jobId }, { replyToId: offer.activity.id ?? offer.activityId })).status,
    ).toBe(200);
    const done = cardIn(await h.waitFor((r) => r.kind === 'update' && titled('Bulk reprocess finished')(r), 30_000));

    expect(h.sandbox.graph.calls.find((c) => c.path.endsWith('/$batch'))?.status).toBe(outer);
    const per = (id: string) => itemPosts().filter((c) => c.path.includes(id));
    expect(per(ids[0]).map((c) => c.status)).toEqual([202]);
    expect(per(ids[2]).map((c) => c.status)).toEqual([202]);
    expect(per(ids[1]).map((c) => c.status)).toEqual([429, 202]);
    expect(per(ids[1])[1]!.at - per(ids[1])[0]!.at).toBeGreaterThanOrEqual(950);
    expect(facts(done)).toMatchObject({ Succeeded: '3', Failed: '0' });
    expect(actionWith(done, Verbs.bulkRetryFailed)).toBeUndefined();

    // The audit trail (history shows a job as one row, not its items) has each item with a request id.
    const audit = await h.storage.audit.recent(h.sandbox.tenantId, admin.oid, 50);
    const batchIds = h.sandbox.graph.calls.filter((c) => c.path.endsWith('/$batch')).map((c) => c.requestId);
    for (const id of ids) {
      // A 202 item's request id is the batch's (Graph documents no request-id header on sub-responses).
      const entry = audit.find(
        (e) => e.mode === 'bulk' && e.jobId === jobId && e.targetId === id && e.outcome === 'accepted',
      );
      expect([id, batchIds.includes(entry?.requestId ?? '')]).toEqual([id, true]);
    }
  });
});
