import { auditSingle } from '../../src/services/audit-record';
import type { ReprocessOutcome } from '../../src/services/outcomes';
import { MemoryAuditLog } from '../../src/storage/memory-audit';

const ID = 'd82eb508-acc4-43cc-bcf1-7c1c4a2c073b';
const ids = { clientRequestId: 'client-1', requestId: 'graph-1' };
const actor = { name: 'Grace Hopper', upn: 'grace@contoso.com', aadObjectId: 'oid-grace' };
const where = { tenantId: 'tenant-1', conversationType: 'personal' };

async function recordedStatus(outcome: ReprocessOutcome): Promise<number | undefined> {
  const audit = new MemoryAuditLog();
  await auditSingle(audit, outcome, { kind: 'assignment', id: ID }, actor, where);
  const [entry] = await audit.recent(where.tenantId, actor.aadObjectId, 10);
  return entry?.httpStatus;
}

describe('auditSingle records the HTTP status Graph gave', () => {
  test.each([429, 503] as const)('a throttled %p is recorded as %p', async (status) => {
    expect(
      await recordedStatus({
        kind: 'throttled',
        target: { kind: 'assignment', id: ID },
        status,
        retryAfterSeconds: 5,
        ids,
      }),
    ).toBe(status);
  });

  it('a Graph failure keeps its status and an accepted reprocess is 202', async () => {
    expect(
      await recordedStatus({
        kind: 'graphFailure',
        target: { kind: 'assignment', id: ID },
        status: 500,
        code: 'Boom',
        ids,
      }),
    ).toBe(500);
    expect(await recordedStatus({ kind: 'accepted', assignment: { id: ID, state: 'delivered' }, ids })).toBe(202);
  });
});
