import type { Job, JobStore } from '../storage/jobs';
import { transition, type JobEvent } from './job-machine';

/**
 * The lease holder's handle on a running job. Only the holder changes items; others may only change the job's
 * state (cancel). Writes are coalesced (one write covers every change made before it started) and renew the
 * lease; on an etag conflict the stored state is taken and our items written over it, so no result is lost.
 */
export class JobWriter {
  private flushing?: Promise<boolean>;
  private dirty = false;
  // Another instance holds the job now: nothing more is written from here, or its progress would be overwritten.
  private lost = false;
  private renewal?: NodeJS.Timeout;

  private constructor(
    private readonly jobs: JobStore,
    readonly job: Job,
    private etag: string,
    private readonly holder: string,
    private readonly leaseMs: number,
  ) {}

  /** Takes the job's lease if it is running and nobody else holds a live lease. */
  static async acquire(
    jobs: JobStore,
    jobId: string,
    holder: string,
    leaseMs: number,
  ): Promise<JobWriter | 'notRunning' | 'leaseHeld'> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const stored = await jobs.get(jobId);
      if (!stored || stored.value.state !== 'running') return 'notRunning';
      const lease = stored.value.lease;
      if (lease && lease.holder !== holder && lease.until > Date.now()) return 'leaseHeld';
      const job = {
        ...stored.value,
        lease: { holder, until: Date.now() + leaseMs },
        updatedAt: new Date().toISOString(),
      };
      const etag = await jobs.replace(job, stored.etag);
      if (etag) return new JobWriter(jobs, job, etag, holder, leaseMs).renewEvery(leaseMs / 3);
    }
    return 'leaseHeld';
  }

  // The lease must outlive long waits (a 30 s Retry-After) between item writes, so it is renewed on a timer too.
  private renewEvery(ms: number): this {
    this.renewal = setInterval(() => void this.flush().catch(() => undefined), ms);
    this.renewal.unref();
    return this;
  }

  /** Stops renewing the lease (the run is over). */
  close(): void {
    clearInterval(this.renewal);
  }

  /** Persists the job; false when it should stop (cancelled, paused, or the lease was taken). */
  async flush(): Promise<boolean> {
    if (this.lost) return false;
    this.dirty = true;
    while (this.flushing) await this.flushing;
    if (!this.dirty) return this.stillOurs();
    this.dirty = false;
    this.flushing = this.write().finally(() => (this.flushing = undefined));
    return this.flushing;
  }

  /** Ends the run through the job state machine (`finish`, or `pause` with its reason); releases the lease. */
  async finish(event: Extract<JobEvent, { kind: 'finish' | 'pause' }>): Promise<void> {
    const result = transition(this.job, event, new Date());
    // Cancelled (or paused) meanwhile: that decision stands.
    if ('refused' in result) return;
    // In place: the runner holds references to this job's items.
    Object.assign(this.job, result.job);
    await this.flush();
  }

  private async write(): Promise<boolean> {
    const now = Date.now();
    this.job.updatedAt = new Date(now).toISOString();
    if (this.job.lease) this.job.lease = { holder: this.holder, until: now + this.leaseMs };
    for (let attempt = 0; attempt < 5; attempt++) {
      const etag = await this.jobs.replace(this.job, this.etag);
      if (etag) {
        this.etag = etag;
        return this.stillOurs();
      }
      const stored = await this.jobs.get(this.job.id);
      if (!stored) return false;
      this.etag = stored.etag;
      // Someone cancelled (or paused) it: keep their decision (and their release of the lease), keep our item results.
      if (stored.value.state !== this.job.state)
        Object.assign(this.job, { ...stored.value, lease: stored.value.lease, items: this.job.items });
      if (stored.value.lease?.holder !== this.holder && this.job.state === 'running') {
        this.lost = true;
        return false;
      }
    }
    return false;
  }

  private stillOurs(): boolean {
    return this.job.state === 'running' || this.job.state === 'completed';
  }
}
