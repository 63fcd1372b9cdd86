import { randomUUID } from 'node:crypto';
import type { JobRecord } from '../../src/storage/audit';
import { closingAfterEach, sampleEntry, type StorageFactory } from './fixtures';

const at = (minute: number) => new Date(Date.UTC(2025, 0, 1, 12, minute));

/** A finished job's history row for `admin-1` of `tenant-1`, offered at `offered`. */
function jobRow(offered: Date, overrides: Partial<JobRecord> = {}): JobRecord {
  return {
    jobId: randomUUID(),
    tenantId: 'tenant-1',
    actor: { aadObjectId: 'admin-1', upn: 'ada@contoso.test', name: 'Ada Admin' },
    at: offered.toISOString(),
    updatedAt: offered.toISOString(),
    state: 'completed',
    total: 100,
    succeeded: 97,
    failed: 3,
    source: { kind: 'package', accessPackageId: randomUUID(), displayName: 'All Staff' },
    ...overrides,
  };
}

/** The history half of the {@link AuditLog} contract: single attempts and one row per bulk job, never the job's items. */
export function historyContract(factory: StorageFactory): void {
  describe('AuditLog history', () => {
    const open = closingAfterEach(factory);

    test("a 100-item job is one row: its items never push the admin's single attempts out", async () => {
      const { audit } = await open();
      const singles = [1, 2, 3].map((minute) => sampleEntry(at(minute), { targetId: `single-${minute}` }));
      for (const entry of singles) await audit.record(entry);
      const job = jobRow(at(10));
      await Promise.all(
        Array.from({ length: 100 }, (_, i) =>
          audit.record(
            sampleEntry(at(11), {
              id: `${job.jobId}:item-${i}:1`,
              mode: 'bulk',
              jobId: job.jobId,
              targetId: `item-${i}`,
            }),
          ),
        ),
      );
      await audit.recordJob(job);
      const { items, total } = await audit.history('tenant-1', 'admin-1', 20);
      expect(total).toBe(4);
      expect(items).toEqual([
        { kind: 'job', job },
        ...[...singles].reverse().map((entry) => ({ kind: 'single', entry })),
      ]);
      // The audit trail itself still has every item.
      expect((await audit.recent('tenant-1', 'admin-1', 200)).filter((e) => e.mode === 'bulk')).toHaveLength(100);
    });

    test('history is newest first, limited, and counts every row ("20 of N")', async () => {
      const { audit } = await open();
      for (let minute = 0; minute < 23; minute++)
        await audit.record(sampleEntry(at(minute), { targetId: `t${minute}` }));
      await audit.recordJob(jobRow(at(30)));
      await audit.recordJob(jobRow(at(5)));
      const { items, total } = await audit.history('tenant-1', 'admin-1', 20);
      expect(total).toBe(25);
      expect(items).toHaveLength(20);
      expect(items[0]).toMatchObject({ kind: 'job', job: { at: at(30).toISOString() } });
      expect(items.slice(1, 4).map((i) => (i.kind === 'single' ? i.entry.targetId : 'job'))).toEqual([
        't22',
        't21',
        't20',
      ]);
      expect(await audit.history('tenant-1', 'admin-1', 0)).toEqual({ items: [], total: 25 });
    });

    test('a job written again (Retry failed, a stop) replaces its row in place', async () => {
      const { audit } = await open();
      const first = jobRow(at(5), { state: 'completed', succeeded: 90, failed: 10 });
      await audit.record(sampleEntry(at(7), { targetId: 'later-single' }));
      await audit.recordJob(first);
      const again = { ...first, updatedAt: at(20).toISOString(), succeeded: 98, failed: 2 };
      await audit.recordJob(again);
      const { items, total } = await audit.history('tenant-1', 'admin-1', 10);
      expect(total).toBe(2);
      expect(items.map((i) => i.kind)).toEqual(['single', 'job']);
      expect(items[1]).toEqual({ kind: 'job', job: again });
    });

    test('a single and a job at the same moment come in the same order on every backend', async () => {
      const { audit } = await open();
      const job = jobRow(at(1));
      const single = sampleEntry(at(1));
      await audit.record(single);
      await audit.recordJob(job);
      expect((await audit.history('tenant-1', 'admin-1', 10)).items).toEqual([
        { kind: 'job', job },
        { kind: 'single', entry: single },
      ]);
    });

    test("another user's rows are never in history, nor the same user's in another tenant", async () => {
      const { audit } = await open();
      await audit.recordJob(jobRow(at(1), { actor: { aadObjectId: 'admin-2', name: 'Bob' } }));
      await audit.recordJob(jobRow(at(2), { tenantId: 'tenant-2' }));
      await audit.record(sampleEntry(at(3), { actor: { aadObjectId: 'admin-2' } }));
      expect(await audit.history('tenant-1', 'admin-1', 10)).toEqual({ items: [], total: 0 });
      expect((await audit.history('tenant-1', 'admin-2', 10)).total).toBe(2);
    });

    test('retention removes job rows by when they were last written, and counts them', async () => {
      const { audit } = await open();
      await audit.recordJob(jobRow(at(1), { updatedAt: at(2).toISOString() }));
      const kept = jobRow(at(1), { updatedAt: at(9).toISOString() });
      await audit.recordJob(kept);
      await audit.record(sampleEntry(at(1), { mode: 'bulk', jobId: kept.jobId }));
      expect(await audit.purgeOlderThan(at(5))).toBe(2);
      expect((await audit.history('tenant-1', 'admin-1', 10)).items).toEqual([{ kind: 'job', job: kept }]);
      expect(await audit.recent('tenant-1', 'admin-1', 10)).toEqual([]);
    });

    test('a job row with an unparseable time is refused', async () => {
      const { audit } = await open();
      await expect(audit.recordJob(jobRow(at(1), { at: 'last week' }))).rejects.toThrow(RangeError);
      await expect(audit.recordJob(jobRow(at(1), { updatedAt: 'now' }))).rejects.toThrow(RangeError);
    });
  });
}
