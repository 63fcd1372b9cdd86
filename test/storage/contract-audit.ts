import { closingAfterEach, sampleEntry, type StorageFactory } from './fixtures';

const at = (minute: number) => new Date(Date.UTC(2025, 0, 1, 12, minute));

/** The {@link AuditLog} contract: idempotent on id, newest first per actor, purge by age. */
export function auditLogContract(factory: StorageFactory): void {
  describe('AuditLog', () => {
    const open = closingAfterEach(factory);

    test('recording the same id twice keeps one entry, the first', async () => {
      const { audit } = await open();
      const entry = sampleEntry(at(1));
      await audit.record(entry);
      await audit.record(entry);
      await audit.record({ ...entry, at: at(2).toISOString(), outcome: 'throttled' });
      expect(await audit.recent('tenant-1', 'admin-1', 10)).toEqual([entry]);
    });

    test('ten concurrent records of one id keep one entry', async () => {
      const { audit } = await open();
      const entry = sampleEntry(at(1));
      await Promise.all(Array.from({ length: 10 }, () => audit.record(entry)));
      expect(await audit.recent('tenant-1', 'admin-1', 10)).toHaveLength(1);
    });

    test('recent is newest first and limited', async () => {
      const { audit } = await open();
      const entries = [3, 1, 5, 2, 4].map((minute) => sampleEntry(at(minute), { targetId: `t${minute}` }));
      for (const entry of entries) await audit.record(entry);
      const recent = await audit.recent('tenant-1', 'admin-1', 3);
      expect(recent.map((e) => e.targetId)).toEqual(['t5', 't4', 't3']);
      expect(recent[0]).toEqual(entries[2]);
      expect(await audit.recent('tenant-1', 'admin-1', 0)).toEqual([]);
    });

    test("another user's entries are never returned, nor the same user's in another tenant", async () => {
      const { audit } = await open();
      const mine = sampleEntry(at(1));
      await audit.record(mine);
      await audit.record(sampleEntry(at(2), { actor: { aadObjectId: 'admin-2', name: 'Bob' } }));
      await audit.record(sampleEntry(at(3), { tenantId: 'tenant-2' }));
      expect(await audit.recent('tenant-1', 'admin-1', 10)).toEqual([mine]);
      expect(await audit.recent('tenant-1', 'admin-3', 10)).toEqual([]);
    });

    test('purgeOlderThan removes older entries only and counts them', async () => {
      const { audit } = await open();
      for (const minute of [1, 2, 3]) await audit.record(sampleEntry(at(minute), { targetId: `t${minute}` }));
      await audit.record(sampleEntry(at(1), { actor: { aadObjectId: 'admin-2' }, targetId: 'other' }));
      expect(await audit.purgeOlderThan(at(3))).toBe(3);
      expect(await audit.purgeOlderThan(at(3))).toBe(0);
      expect((await audit.recent('tenant-1', 'admin-1', 10)).map((e) => e.targetId)).toEqual(['t3']);
      expect(await audit.recent('tenant-1', 'admin-2', 10)).toEqual([]);
    });

    test('an entry with an unparseable time is refused', async () => {
      const { audit } = await open();
      await expect(audit.record({ ...sampleEntry(at(1)), at: 'yesterday' })).rejects.toThrow(RangeError);
    });
  });
}
