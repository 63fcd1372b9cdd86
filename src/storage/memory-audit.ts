import type { AuditEntry, AuditLog } from './audit';

/** In-process {@link AuditLog}: idempotent on `entry.id` (the first write wins), copies in and out. */
export class MemoryAuditLog implements AuditLog {
  private readonly entries = new Map<string, AuditEntry>();

  async record(entry: AuditEntry): Promise<void> {
    auditTime(entry);
    if (!this.entries.has(entry.id)) this.entries.set(entry.id, structuredClone(entry));
  }

  async recent(tenantId: string, aadObjectId: string, limit: number): Promise<AuditEntry[]> {
    return [...this.entries.values()]
      .filter((e) => e.tenantId === tenantId && e.actor.aadObjectId === aadObjectId)
      .sort(newestFirst)
      .slice(0, Math.max(0, limit))
      .map((e) => structuredClone(e));
  }

  async purgeOlderThan(before: Date): Promise<number> {
    let removed = 0;
    for (const [id, entry] of this.entries) {
      if (auditTime(entry) >= before.getTime()) continue;
      this.entries.delete(id);
      removed++;
    }
    return removed;
  }
}

// An unparseable time could be neither ordered nor purged: refuse it (the Table backend does the same).
function auditTime(entry: AuditEntry): number {
  const ms = Date.parse(entry.at);
  if (Number.isNaN(ms)) throw new RangeError(`Audit entry ${entry.id} has an invalid time: ${entry.at}`);
  return ms;
}

// Ties broken by id, the order the Table backend's row keys give.
function newestFirst(a: AuditEntry, b: AuditEntry): number {
  return auditTime(b) - auditTime(a) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
