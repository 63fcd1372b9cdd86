import type { Job, JobStore } from '../../src/storage';
import { closingAfterEach, fakeClock, sampleJob, winners, type StorageFactory } from './fixtures';

const DAY = 24 * 60 * 60_000;

/** Reads the job and writes it back changed, as the bot's state transitions do. */
async function move(jobs: JobStore, id: string, change: Partial<Job>): Promise<Job> {
  const stored = await jobs.get(id);
  if (!stored) throw new Error(`job ${id} is gone`);
  const next = { ...stored.value, ...change };
  expect(await jobs.replace(next, stored.etag)).toEqual(expect.any(String));
  return next;
}

/** The {@link JobStore} contract: create once, optimistic concurrency on etags, the running and open-job indexes, time to live. */
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

    test('listRunning returns exactly the running jobs, as last written, through every change of state', async () => {
      const { jobs } = await open();
      const waiting = sampleJob();
      const running = sampleJob({ state: 'running' });
      const done = sampleJob({ state: 'completed', finishedAt: new Date().toISOString() });
      for (const job of [waiting, running, done]) await jobs.create(job);
      const sorted = (list: Job[]) => list.map((j) => j.id).sort();
      expect(sorted(await jobs.listRunning())).toEqual([running.id]);
      // Confirmed, then paused, then resumed; the finished one retried; the running one finishes.
      const confirmed = await move(jobs, waiting.id, { state: 'running' });
      expect(sorted(await jobs.listRunning())).toEqual(sorted([waiting, running]));
      await move(jobs, waiting.id, { state: 'paused' });
      await move(jobs, running.id, { state: 'completed', finishedAt: new Date().toISOString() });
      await move(jobs, done.id, { state: 'running', finishedAt: undefined });
      expect(sorted(await jobs.listRunning())).toEqual([done.id]);
      await move(jobs, waiting.id, { state: 'running', pausedReason: undefined });
      const listed = await jobs.listRunning();
      expect(sorted(listed)).toEqual(sorted([waiting, done]));
      expect(listed.find((j) => j.id === waiting.id)).toEqual({
        ...confirmed,
        state: 'running',
        pausedReason: undefined,
      });
    });

    test("countOpen counts one creator's waiting, running and paused jobs in one tenant, nothing else", async () => {
      const { jobs } = await open();
      const mine = [sampleJob(), sampleJob({ state: 'running' }), sampleJob({ state: 'paused' })];
      const others = [
        sampleJob({ state: 'completed', finishedAt: new Date().toISOString() }),
        sampleJob({ state: 'cancelled', finishedAt: new Date().toISOString() }),
        sampleJob({ createdBy: 'admin-2' }),
        sampleJob({ tenantId: 'tenant-2' }),
      ];
      for (const job of [...mine, ...others]) await jobs.create(job);
      expect(await jobs.countOpen('tenant-1', 'admin-1')).toBe(3);
      // Confirming in a channel changes the owner, not whose job it was to open.
      await move(jobs, mine[0]!.id, { state: 'running', owner: { aadObjectId: 'admin-3', name: 'Someone Else' } });
      expect(await jobs.countOpen('tenant-1', 'admin-1')).toBe(3);
      expect(await jobs.countOpen('tenant-1', 'admin-3')).toBe(0);
      await move(jobs, mine[1]!.id, { state: 'cancelled', finishedAt: new Date().toISOString() });
      expect(await jobs.countOpen('tenant-1', 'admin-1')).toBe(2);
      expect(await jobs.countOpen('tenant-2', 'admin-1')).toBe(1);
      expect(await jobs.countOpen('tenant-1', 'nobody')).toBe(0);
    });

    test('an unconfirmed job lives a day and a finished one a week; running and paused jobs do not expire', async () => {
      const clock = fakeClock();
      const { jobs } = await open({ now: clock.now, sweepIntervalMs: 0 });
      const at = new Date(clock.now()).toISOString();
      const waiting = sampleJob({ createdAt: at });
      const finished = sampleJob({ state: 'completed', createdAt: at, finishedAt: at });
      const running = sampleJob({ state: 'running', createdAt: at });
      const paused = sampleJob({ state: 'paused', createdAt: at });
      for (const job of [waiting, finished, running, paused]) await jobs.create(job);
      clock.advance(DAY - 1_000);
      expect(await jobs.get(waiting.id)).toBeDefined();
      expect(await jobs.countOpen('tenant-1', 'admin-1')).toBe(3);
      clock.advance(2_000);
      expect(await jobs.get(waiting.id)).toBeUndefined();
      expect(await jobs.countOpen('tenant-1', 'admin-1')).toBe(2);
      expect(await jobs.get(finished.id)).toBeDefined();
      clock.advance(6 * DAY);
      expect(await jobs.get(finished.id)).toBeUndefined();
      expect(await jobs.get(running.id)).toBeDefined();
      expect(await jobs.get(paused.id)).toBeDefined();
      await jobs.sweep();
      expect((await jobs.listRunning()).map((j) => j.id)).toEqual([running.id]);
    });

    test('sweep deletes expired jobs for good and keeps live ones', async () => {
      const clock = fakeClock();
      const { jobs } = await open({ now: clock.now, sweepIntervalMs: 0 });
      const at = new Date(clock.now()).toISOString();
      const expired = [sampleJob({ createdAt: at }), sampleJob({ state: 'cancelled', createdAt: at, finishedAt: at })];
      const live = sampleJob({ state: 'paused', createdAt: at });
      for (const job of [...expired, live]) await jobs.create(job);
      clock.advance(8 * DAY);
      expect(await jobs.sweep()).toBe(2);
      expect(await jobs.sweep()).toBe(0);
      expect(await jobs.get(live.id)).toBeDefined();
      expect(await jobs.countOpen('tenant-1', 'admin-1')).toBe(1);
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
