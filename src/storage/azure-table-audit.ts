import { odata, type TableClient } from '@azure/data-tables';
import type { AuditEntry, AuditLog, HistoryItem, JobRecord } from './audit';
import { statusOf } from './azure-errors';
import { encodePart } from './keys';

// Newest first by row key: the time subtracted from the largest JS date, zero-padded to a fixed width.
const MAX_TIME_MS = 8_640_000_000_000_000;
const TIME_WIDTH = String(MAX_TIME_MS).length;
// Id markers sort after every digit, so `RowKey lt '~'` reads rows only.
const MARKER = '~';
// A job row's key: `$` is never in an encodeURIComponent'd id, so a job row and an entry never share a key.
const JOB = '$job.';
// Bulk items live in their own partition (`~` never appears in an encoded part), so history reads single
// attempts and job rows without wading through a big job's items.
const BULK = '~bulk';

interface RowEntity {
  partitionKey: string;
  rowKey: string;
  /** The row's time for retention: an entry's `at`, a job row's `updatedAt`. */
  at: Date;
  entry?: string;
  job?: string;
}

/**
 * {@link AuditLog} on Table storage. Per actor, partition `tenant_actor` holds single attempts and one row per bulk
 * job, newest first by row key; partition `tenant_actor~bulk` holds bulk items. Entries are idempotent on `entry.id`.
 */
export class AzureTableAuditLog implements AuditLog {
  constructor(private readonly table: TableClient) {}

  async record(entry: AuditEntry): Promise<void> {
    const at = validTime(entry.at, entry.id);
    const partitionKey = partitionOf(entry.tenantId, entry.actor.aadObjectId) + (entry.mode === 'bulk' ? BULK : '');
    const id = encodeURIComponent(entry.id);
    try {
      // One transaction writes the id marker and the entry together; a retry (even with another `at`, from
      // another instance) collides on the marker with 409 and writes nothing.
      await this.table.submitTransaction([
        ['create', { partitionKey, rowKey: `${MARKER}${id}`, at } satisfies RowEntity],
        [
          'create',
          { partitionKey, rowKey: `${inverted(at)}_${id}`, at, entry: JSON.stringify(entry) } satisfies RowEntity,
        ],
      ]);
    } catch (error) {
      if (statusOf(error) !== 409) throw error;
    }
  }

  async recordJob(job: JobRecord): Promise<void> {
    const at = validTime(job.at, job.jobId);
    const partitionKey = partitionOf(job.tenantId, job.actor.aadObjectId);
    // The key rests on the job's offer time, which never changes: a later run replaces the row in place.
    const row: RowEntity = {
      partitionKey,
      rowKey: `${inverted(at)}_${JOB}${encodeURIComponent(job.jobId)}`,
      at: validTime(job.updatedAt, job.jobId),
      job: JSON.stringify(job),
    };
    await this.table.upsertEntity(row, 'Replace');
  }

  async recent(tenantId: string, aadObjectId: string, limit: number): Promise<AuditEntry[]> {
    if (limit <= 0) return [];
    const partition = partitionOf(tenantId, aadObjectId);
    const [singles, bulk] = await Promise.all([
      this.rows(partition, limit, (e) => !!e.entry),
      this.rows(partition + BULK, limit, (e) => !!e.entry),
    ]);
    // Both partitions are ordered by the same row keys: merging by key keeps newest first across them.
    return [...singles, ...bulk]
      .sort(byRowKey)
      .slice(0, limit)
      .map((e) => JSON.parse(e.entry ?? '') as AuditEntry);
  }

  async history(
    tenantId: string,
    aadObjectId: string,
    limit: number,
  ): Promise<{ items: HistoryItem[]; total: number }> {
    const partition = partitionOf(tenantId, aadObjectId);
    const isRow = (e: RowEntity) => !!e.job || (!!e.entry && (JSON.parse(e.entry) as AuditEntry).mode !== 'bulk');
    const [rows, total] = await Promise.all([
      limit > 0 ? this.rows(partition, limit, isRow) : [],
      this.count(partition),
    ]);
    const items = rows.map((e): HistoryItem =>
      e.job
        ? { kind: 'job', job: JSON.parse(e.job) as JobRecord }
        : { kind: 'single', entry: JSON.parse(e.entry ?? '') as AuditEntry },
    );
    return { items, total };
  }

  async purgeOlderThan(before: Date): Promise<number> {
    let removed = 0;
    // A scan across partitions; retention runs rarely and the table stays small.
    for await (const entity of this.table.listEntities<RowEntity>({
      queryOptions: { filter: odata`at lt ${before}`, select: ['PartitionKey', 'RowKey'] },
    })) {
      const deleted = await this.deleteEntity(entity.partitionKey, entity.rowKey);
      if (deleted && !entity.rowKey.startsWith(MARKER)) removed++;
    }
    return removed;
  }

  /** The first `limit` rows of a partition, newest first, that `keep` accepts. */
  private async rows(partitionKey: string, limit: number, keep: (e: RowEntity) => boolean): Promise<RowEntity[]> {
    const found: RowEntity[] = [];
    const filter = odata`PartitionKey eq ${partitionKey} and RowKey lt ${MARKER}`;
    for await (const page of this.table
      .listEntities<RowEntity>({ queryOptions: { filter } })
      .byPage({ maxPageSize: Math.min(limit, 1000) })) {
      for (const entity of page) {
        if (keep(entity)) found.push(entity);
        if (found.length >= limit) return found;
      }
    }
    return found;
  }

  // Keys only: the count reads every row of the actor's partition kept within retention, but no row's content.
  private async count(partitionKey: string): Promise<number> {
    let total = 0;
    const filter = odata`PartitionKey eq ${partitionKey} and RowKey lt ${MARKER}`;
    for await (const page of this.table
      .listEntities({ queryOptions: { filter, select: ['RowKey'] } })
      .byPage({ maxPageSize: 1000 }))
      total += page.length;
    return total;
  }

  private async deleteEntity(partitionKey: string, rowKey: string): Promise<boolean> {
    try {
      await this.table.deleteEntity(partitionKey, rowKey);
      return true;
    } catch (error) {
      // Another instance purging at the same time removed it first.
      if (statusOf(error) === 404) return false;
      throw error;
    }
  }
}

/** Table name for a container name: tables allow letters and digits only and must start with a letter. */
export function auditTableName(container: string): string {
  const base = container.replace(/[^A-Za-z0-9]/g, '');
  return `${/^[A-Za-z]/.test(base) ? '' : 't'}${base}audit`.slice(0, 63);
}

// Row/partition keys must not contain / \ # ? or control characters; ids are GUIDs (which encode to themselves), but
// encode anyway, with an encoding that never throws.
function partitionOf(tenantId: string, aadObjectId: string): string {
  return `${encodePart(tenantId)}_${encodePart(aadObjectId)}`;
}

// An unparseable time could be neither ordered nor purged: refuse it (the memory backend does the same).
function validTime(at: string, id: string): Date {
  const time = new Date(at);
  if (Number.isNaN(time.getTime())) throw new RangeError(`Audit entry ${id} has an invalid time: ${at}`);
  return time;
}

const inverted = (at: Date) => String(MAX_TIME_MS - at.getTime()).padStart(TIME_WIDTH, '0');
const byRowKey = (a: RowEntity, b: RowEntity) => (a.rowKey < b.rowKey ? -1 : a.rowKey > b.rowKey ? 1 : 0);
