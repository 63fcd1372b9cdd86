import { odata, type TableClient } from '@azure/data-tables';
import type { AuditEntry, AuditLog } from './audit';
import { statusOf } from './azure-errors';
import { encodePart } from './keys';

// Newest first by row key: the time subtracted from the largest JS date, zero-padded to a fixed width.
const MAX_TIME_MS = 8_640_000_000_000_000;
const TIME_WIDTH = String(MAX_TIME_MS).length;
// Id markers sort after every digit, so `RowKey lt '~'` reads entries only.
const MARKER = '~';

interface EntryEntity {
  partitionKey: string;
  rowKey: string;
  at: Date;
  entry?: string;
}

/** {@link AuditLog} on Table storage: one partition per actor, newest first by row key, idempotent on `entry.id`. */
export class AzureTableAuditLog implements AuditLog {
  constructor(private readonly table: TableClient) {}

  async record(entry: AuditEntry): Promise<void> {
    const at = new Date(entry.at);
    if (Number.isNaN(at.getTime())) throw new RangeError(`Audit entry ${entry.id} has an invalid time: ${entry.at}`);
    const partitionKey = partitionOf(entry.tenantId, entry.actor.aadObjectId);
    const id = encodeURIComponent(entry.id);
    const inverted = String(MAX_TIME_MS - at.getTime()).padStart(TIME_WIDTH, '0');
    try {
      // One transaction writes the id marker and the entry together; a retry (even with another `at`, from
      // another instance) collides on the marker with 409 and writes nothing.
      await this.table.submitTransaction([
        ['create', { partitionKey, rowKey: `${MARKER}${id}`, at } satisfies EntryEntity],
        ['create', { partitionKey, rowKey: `${inverted}_${id}`, at, entry: JSON.stringify(entry) } satisfies EntryEntity],
      ]);
    } catch (error) {
      if (statusOf(error) !== 409) throw error;
    }
  }

  async recent(tenantId: string, aadObjectId: string, limit: number): Promise<AuditEntry[]> {
    const found: AuditEntry[] = [];
    if (limit <= 0) return found;
    const filter = odata`PartitionKey eq ${partitionOf(tenantId, aadObjectId)} and RowKey lt ${MARKER}`;
    const pages = this.table.listEntities<EntryEntity>({ queryOptions: { filter } }).byPage({ maxPageSize: Math.min(limit, 1000) });
    for await (const page of pages) {
      for (const entity of page) {
        if (entity.entry) found.push(JSON.parse(entity.entry) as AuditEntry);
        if (found.length >= limit) return found;
      }
    }
    return found;
  }

  async purgeOlderThan(before: Date): Promise<number> {
    let removed = 0;
    // A scan across partitions; retention runs rarely and the table stays small.
    for await (const entity of this.table.listEntities<EntryEntity>({ queryOptions: { filter: odata`at lt ${before}` } })) {
      const deleted = await this.deleteEntity(entity.partitionKey, entity.rowKey);
      if (deleted && !entity.rowKey.startsWith(MARKER)) removed++;
    }
    return removed;
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
