import type { Job, JobState, JobStore, Versioned } from './jobs';

/** In-process {@link JobStore}: the etag is a counter, and jobs are copied in and out so callers can't mutate stored state. */
export class MemoryJobStore implements JobStore {
  private readonly jobs = new Map<string, Versioned<Job>>();
  private version = 0;

  async create(job: Job): Promise<boolean> {
    if (this.jobs.has(job.id)) return false;
    this.put(job);
    return true;
  }

  async get(id: string): Promise<Versioned<Job> | undefined> {
    const stored = this.jobs.get(id);
    return stored && structuredClone(stored);
  }

  async replace(job: Job, etag: string): Promise<string | undefined> {
    // A stale etag means someone else wrote since the caller read: refuse rather than merge.
    if (this.jobs.get(job.id)?.etag !== etag) return undefined;
    return this.put(job);
  }

  async listByState(states: JobState[]): Promise<Job[]> {
    const wanted = new Set(states);
    return [...this.jobs.values()].filter((s) => wanted.has(s.value.state)).map((s) => structuredClone(s.value));
  }

  private put(job: Job): string {
    const etag = String(++this.version);
    this.jobs.set(job.id, { value: structuredClone(job), etag });
    return etag;
  }
}
