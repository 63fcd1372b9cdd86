import { isOpen, jobExpiresAt, type Job, type JobStore, type Versioned } from './jobs';

// Expired jobs are dropped as they are read; a full pass now and then catches the ones nobody reads again.
const SWEEP_EVERY_CREATES = 100;

/** In-process {@link JobStore}: the etag is a counter, and jobs are copied in and out so callers can't mutate stored state. */
export class MemoryJobStore implements JobStore {
  private readonly jobs = new Map<string, Versioned<Job>>();
  private version = 0;
  private creates = 0;

  constructor(private readonly now: () => number = Date.now) {}

  async create(job: Job): Promise<boolean> {
    if (this.live(job.id)) return false;
    if (++this.creates % SWEEP_EVERY_CREATES === 0) await this.sweep();
    this.put(job);
    return true;
  }

  async get(id: string): Promise<Versioned<Job> | undefined> {
    const stored = this.live(id);
    return stored && structuredClone(stored);
  }

  async replace(job: Job, etag: string): Promise<string | undefined> {
    // A stale etag means someone else wrote since the caller read: refuse rather than merge.
    if (this.live(job.id)?.etag !== etag) return undefined;
    return this.put(job);
  }

  async listRunning(): Promise<Job[]> {
    return [...this.jobs.values()].filter((s) => s.value.state === 'running').map((s) => structuredClone(s.value));
  }

  async countOpen(tenantId: string, createdBy: string): Promise<number> {
    let open = 0;
    for (const { value } of this.jobs.values()) {
      if (value.tenantId === tenantId && value.createdBy === createdBy && isOpen(value.state) && !this.expired(value))
        open++;
    }
    return open;
  }

  async sweep(): Promise<number> {
    let removed = 0;
    for (const [id, stored] of this.jobs) {
      if (!this.expired(stored.value)) continue;
      this.jobs.delete(id);
      removed++;
    }
    return removed;
  }

  private live(id: string): Versioned<Job> | undefined {
    const stored = this.jobs.get(id);
    if (stored && this.expired(stored.value)) {
      this.jobs.delete(id);
      return undefined;
    }
    return stored;
  }

  private expired(job: Job): boolean {
    return jobExpiresAt(job) <= this.now();
  }

  private put(job: Job): string {
    const etag = String(++this.version);
    this.jobs.set(job.id, { value: structuredClone(job), etag });
    return etag;
  }
}
