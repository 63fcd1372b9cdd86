import type { BlobItem, ContainerClient } from '@azure/storage-blob';
import { deleteAt, sweepExpired, writeJson } from './azure-blob-io';
import { isOpen, type Job, type JobState } from './jobs';
import { decodePart, encodePart, storageKey } from './keys';

const RUNNING = 'running/';
const OPEN = 'open/';
// A marker is written a few milliseconds before its job; one older than this whose job disagrees is stale.
const PRUNE_GRACE_MS = 60_000;

/** One marker blob: the job it stands for, and what is needed to prune it safely. */
export interface Marker {
  id: string;
  name: string;
  etag: string;
  writtenAt: number;
}

/**
 * Small marker blobs that let the job store answer "which jobs run?" and "how many open jobs has this user?" by
 * listing a short prefix instead of every job. Markers are written before the job enters a state and deleted
 * after it leaves it, so a crash in between leaves a stale marker (pruned by whoever reads it), never a job
 * without one. Every marker write is an unconditional upload: a new etag, so a pruner holding an older listing
 * can never delete a marker that was just re-written.
 */
export class JobIndex {
  constructor(private readonly container: ContainerClient) {}

  /** Writes the markers `job` needs in its new state, before the job itself is written. */
  async enter(job: Job, previous: JobState | undefined, expiresAt: number): Promise<void> {
    const writes: Promise<unknown>[] = [];
    if (job.state === 'running' && previous !== 'running')
      writes.push(writeJson(this.container.getBlockBlobClient(runningName(job.id)), { id: job.id }));
    // An open marker carries the job's expiry, so counting and sweeping need no job download.
    if (isOpen(job.state) && previous !== job.state)
      writes.push(writeJson(this.openBlob(job), { id: job.id }, {}, { expiresat: String(expiresAt) }));
    await Promise.all(writes);
  }

  /** Deletes the markers of states `job` has left, after the job was written. */
  async leave(job: Job, previous: JobState | undefined): Promise<void> {
    const deletes: Promise<unknown>[] = [];
    if (job.state !== 'running' && previous !== job.state)
      deletes.push(this.container.getBlockBlobClient(runningName(job.id)).deleteIfExists());
    if (!isOpen(job.state) && (previous === undefined || isOpen(previous)))
      deletes.push(this.openBlob(job).deleteIfExists());
    await Promise.all(deletes);
  }

  /** The running markers: one per job that is (or was about to be) running. */
  running(): Promise<Marker[]> {
    return this.list(RUNNING, () => true);
  }

  /** Unexpired open markers of one creator in one tenant. */
  open(tenantId: string, createdBy: string, now: number): Promise<Marker[]> {
    return this.list(openPrefix(tenantId, createdBy), (item) => Number(item.metadata?.expiresat ?? Infinity) > now);
  }

  /**
   * Deletes a marker whose job turned out not to be in its state, if nobody re-wrote it since it was listed. A
   * marker younger than a minute may belong to a job whose own write is still on its way, so it stays.
   */
  async prune(marker: Marker, now: number): Promise<void> {
    if (marker.etag && marker.writtenAt < now - PRUNE_GRACE_MS)
      await deleteAt(this.container.getBlockBlobClient(marker.name), marker.etag);
  }

  /** Deletes open markers whose job expired unconfirmed; returns how many. */
  sweepOpen(now: number): Promise<number> {
    return sweepExpired(this.container, OPEN, now);
  }

  private async list(prefix: string, keep: (item: BlobItem) => boolean): Promise<Marker[]> {
    const found: Marker[] = [];
    for await (const item of this.container.listBlobsFlat({ prefix, includeMetadata: true })) {
      if (!keep(item)) continue;
      found.push({
        id: decodePart(item.name.slice(prefix.length)),
        name: item.name,
        etag: item.properties.etag ?? '',
        writtenAt: item.properties.lastModified.getTime(),
      });
    }
    return found;
  }

  private openBlob(job: Job) {
    return this.container.getBlockBlobClient(`${openPrefix(job.tenantId, job.createdBy)}${encodePart(job.id)}`);
  }
}

function openPrefix(tenantId: string, createdBy: string): string {
  return `${OPEN}${storageKey(tenantId, createdBy)}/`;
}

function runningName(id: string): string {
  return `${RUNNING}${encodePart(id)}`;
}
