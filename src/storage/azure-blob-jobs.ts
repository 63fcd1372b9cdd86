import type { BlockBlobClient, ContainerClient } from '@azure/storage-blob';
import { readJson, sweepExpired, writeJson } from './azure-blob-io';
import { statusOf } from './azure-errors';
import { JobIndex } from './azure-job-index';
import { encodePart } from './keys';
import { isOpen, jobExpiresAt, type Job, type JobState, type JobStore, type Versioned } from './jobs';

const PREFIX = 'jobs/';
const STATES: readonly string[] = ['awaitingConfirmation', 'running', 'paused', 'completed', 'cancelled'];

/**
 * {@link JobStore} on Blob: `jobs/<id>.json`, optimistic concurrency on the blob's etag, and marker blobs
 * ({@link JobIndex}) for running jobs and each creator's open jobs. The version handed out is the etag plus the
 * state the job had at that version, so a write knows whether the state changes (and the markers must follow)
 * without reading the job first.
 */
export class AzureBlobJobStore implements JobStore {
  private readonly index: JobIndex;

  constructor(
    private readonly container: ContainerClient,
    private readonly now: () => number = Date.now,
  ) {
    this.index = new JobIndex(container);
  }

  async create(job: Job): Promise<boolean> {
    await this.index.enter(job, undefined, jobExpiresAt(job));
    return (await writeJson(this.blob(job.id), job, { ifNoneMatch: '*' }, metadataOf(job))) !== undefined;
  }

  async get(id: string): Promise<Versioned<Job> | undefined> {
    const read = await readJson<Job>(this.blob(id));
    if (!read || jobExpiresAt(read.body) <= this.now()) return undefined;
    return { value: read.body, etag: versionOf(read.etag, read.body.state) };
  }

  async replace(job: Job, version: string): Promise<string | undefined> {
    const { etag, state: previous } = parseVersion(version);
    await this.index.enter(job, previous, jobExpiresAt(job));
    // 412 on a stale etag (and on a deleted job) becomes undefined: the caller re-reads and decides again.
    const written = await writeJson(this.blob(job.id), job, { ifMatch: etag }, metadataOf(job));
    if (written === undefined) return undefined;
    await this.index.leave(job, previous);
    return versionOf(written, job.state);
  }

  async listRunning(): Promise<Job[]> {
    const now = this.now();
    const running: Job[] = [];
    for (const marker of await this.index.running()) {
      const read = await readJson<Job>(this.blob(marker.id));
      if (read?.body.state === 'running') running.push(read.body);
      else await this.index.prune(marker, now);
    }
    return running;
  }

  async countOpen(tenantId: string, createdBy: string): Promise<number> {
    const now = this.now();
    let open = 0;
    for (const marker of await this.index.open(tenantId, createdBy, now)) {
      // The job's own metadata has its state and expiry: a HEAD, not a download.
      const job = await this.properties(marker.id);
      if (job && isOpen(job.state) && job.expiresAt > now) open++;
      else await this.index.prune(marker, now);
    }
    return open;
  }

  async sweep(): Promise<number> {
    const now = this.now();
    const removed = await sweepExpired(this.container, PREFIX, now);
    await this.index.sweepOpen(now);
    return removed;
  }

  private async properties(id: string): Promise<{ state: JobState; expiresAt: number } | undefined> {
    try {
      const { metadata } = await this.blob(id).getProperties();
      const state = metadata?.['state'] ?? '';
      return STATES.includes(state)
        ? { state: state as JobState, expiresAt: Number(metadata?.['expiresat'] ?? Infinity) }
        : undefined;
    } catch (error) {
      if (statusOf(error) === 404) return undefined;
      throw error;
    }
  }

  private blob(id: string): BlockBlobClient {
    return this.container.getBlockBlobClient(`${PREFIX}${encodePart(id)}.json`);
  }
}

// State and expiry in metadata let listings and HEADs decide without downloading the job.
function metadataOf(job: Job): Record<string, string> {
  const expiresAt = jobExpiresAt(job);
  return { state: job.state, ...(Number.isFinite(expiresAt) ? { expiresat: String(expiresAt) } : {}) };
}

function versionOf(etag: string, state: JobState): string {
  return `${state} ${etag}`;
}

/** The etag and state of a version; a version this store did not hand out has no state (all markers are checked). */
function parseVersion(version: string): { etag: string; state?: JobState } {
  const space = version.indexOf(' ');
  const state = version.slice(0, space);
  return space > 0 && STATES.includes(state)
    ? { etag: version.slice(space + 1), state: state as JobState }
    : { etag: version };
}
