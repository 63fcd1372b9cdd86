import type { BlockBlobClient, ContainerClient } from '@azure/storage-blob';
import { readJson, writeJson } from './azure-blob-io';
import type { Job, JobState, JobStore, Versioned } from './jobs';

const PREFIX = 'jobs/';

/** {@link JobStore} on Blob: `jobs/<id>.json`, optimistic concurrency on the blob's etag. */
export class AzureBlobJobStore implements JobStore {
  constructor(private readonly container: ContainerClient) {}

  async create(job: Job): Promise<boolean> {
    return (await writeJson(this.blob(job.id), job, { ifNoneMatch: '*' }, metadataOf(job))) !== undefined;
  }

  async get(id: string): Promise<Versioned<Job> | undefined> {
    const read = await readJson<Job>(this.blob(id));
    return read && { value: read.body, etag: read.etag };
  }

  async replace(job: Job, etag: string): Promise<string | undefined> {
    // 412 on a stale etag (and on a deleted job) becomes undefined: the caller re-reads and decides again.
    return writeJson(this.blob(job.id), job, { ifMatch: etag }, metadataOf(job));
  }

  async listByState(states: JobState[]): Promise<Job[]> {
    const wanted = new Set<string>(states);
    const names: string[] = [];
    // The state in metadata lets the listing filter without downloading every job.
    for await (const item of this.container.listBlobsFlat({ prefix: PREFIX, includeMetadata: true })) {
      if (wanted.has(item.metadata?.state ?? '')) names.push(item.name);
    }
    const reads = await Promise.all(names.map((name) => readJson<Job>(this.container.getBlockBlobClient(name))));
    // Re-checked after download: a job may have moved on (or been deleted) since the listing.
    return reads.flatMap((read) => (read && wanted.has(read.body.state) ? [read.body] : []));
  }

  private blob(id: string): BlockBlobClient {
    return this.container.getBlockBlobClient(`${PREFIX}${encodeURIComponent(id)}.json`);
  }
}

function metadataOf(job: Job): Record<string, string> {
  return { state: job.state };
}
