import { closingAfterEach, sampleJob, winners, type StorageFactory } from './fixtures';

/** The {@link JobStore} contract: create once, optimistic concurrency on etags, listing by state. */
export function jobStoreContract(factory: StorageFactory): void {
  describe('JobStore', () => {
    const open = closingAfterEach(factory);

    test('create stores a job once; get returns it with an etag', async () => {
      const { jobs } = await open();
      const job = sampleJob();
      expect(await jobs.create(job)).toBe(true);
      expect(await jobs.create({ ...job, state: 'running' })).toBe(false);
      const read = await jobs.get(job.id);
      expect(read?.value).toEqual(job);
      expect(read?.etag).toEqual(expect.any(String));
      expect(await jobs.get('no-such-job')).toBeUndefined();
    });

    test('replace at the current etag succeeds and moves the etag; the old etag is refused', async () => {
      const { jobs } = await open();
      const job = sampleJob();
      await jobs.create(job);
      const first = await jobs.get(job.id);
      const etag = await jobs.replace({ ...job, state: 'running' }, first!.etag);
      expect(etag).toEqual(expect.any(String));
      expect(etag).not.toBe(first!.etag);
      expect(await jobs.replace({ ...job, state: 'cancelled' }, first!.etag)).toBeUndefined();
      expect(await jobs.get(job.id)).toEqual({ value: { ...job, state: 'running' }, etag });
    });

    test('two writers from one read: one wins, the other gets a conflict and nothing is merged', async () => {
      const { jobs } = await open();
      const job = sampleJob();
      await jobs.create(job);
      const { etag } = (await jobs.get(job.id))!;
      const paused = { ...job, state: 'paused' as const };
      const cancelled = { ...job, state: 'cancelled' as const };
      const results = await Promise.all([jobs.replace(paused, etag), jobs.replace(cancelled, etag)]);
      expect(winners(results)).toBe(1);
      const stored = await jobs.get(job.id);
      expect(stored?.value).toEqual(results[0] !== undefined ? paused : cancelled);
      expect(stored?.etag).toBe(results[0] ?? results[1]);
    });

    test('replace of a job that was never created is a conflict', async () => {
      const { jobs } = await open();
      expect(await jobs.replace(sampleJob(), '"0x1"')).toBeUndefined();
    });

    test('listByState returns the jobs in the given states, as last written', async () => {
      const { jobs } = await open();
      const waiting = sampleJob();
      const running = sampleJob({ state: 'running' });
      const done = sampleJob({ state: 'completed' });
      for (const job of [waiting, running, done]) await jobs.create(job);
      const { etag } = (await jobs.get(waiting.id))!;
      const paused = { ...waiting, state: 'paused' as const };
      await jobs.replace(paused, etag);
      const listed = await jobs.listByState(['running', 'paused']);
      expect(listed.sort((a, b) => a.id.localeCompare(b.id))).toEqual([running, paused].sort((a, b) => a.id.localeCompare(b.id)));
      expect(await jobs.listByState(['awaitingConfirmation'])).toEqual([]);
      expect(await jobs.listByState([])).toEqual([]);
    });

    test('jobs are copies: mutating what was written or read changes nothing', async () => {
      const { jobs } = await open();
      const job = sampleJob();
      await jobs.create(job);
      job.items[0].status = 'succeeded';
      const read = await jobs.get(job.id);
      read!.value.items[1].status = 'failed';
      const again = await jobs.get(job.id);
      expect(again?.value.items.map((i) => i.status)).toEqual(['pending', 'pending']);
    });
  });
}
