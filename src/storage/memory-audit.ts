import type { AuditEntry, AuditLog, HistoryItem, JobRecord } from './audit';

/** In-process {@link AuditLog}: idempotent on `entry.id` (the first write wins), copies in and out. */
export class MemoryAuditLog implements AuditLog {
  private readonly entries = new Map<string, AuditEntry>();
  private readonly jobs = new Map<string, JobRecord>();

  async record(entry: AuditEntry): Promise<void> {
    timeOf(entry.at, entry.id);
    if (!this.entries.has(entry.id)) this.entries.set(entry.id, structuredClone(entry));
  }

  async recordJob(job: JobRecord): Promise<void> {
    timeOf(job.at, job.jobId);
    timeOf(job.updatedAt, job.jobId);
    this.jobs.set(JSON.stringify([job.tenantId, job.actor.aadObjectId, job.jobId]), structuredClone(job));
  }

  async recent(tenantId: string, aadObjectId: string, limit: number): Promise<AuditEntry[]> {
    return [...this.entries.values()]
      .filter((e) => e.tenantId === tenantId && e.actor.aadObjectId === aadObjectId)
      .sort((a, b) => newestFirst({ kind: 'single', entry: a }, { kind: 'single', entry: b }))
      .slice(0, Math.max(0, limit))
      .map((e) => structuredClone(e));
  }

  async history(
    tenantId: string,
    aadObjectId: string,
    limit: number,
  ): Promise<{ items: HistoryItem[]; total: number }> {
    const mine = (x: { tenantId: string; actor: { aadObjectId: string } }) =>
      x.tenantId === tenantId && x.actor.aadObjectId === aadObjectId;
    const rows: HistoryItem[] = [
      ...[...this.entries.values()]
        .filter((e) => e.mode === 'single' && mine(e))
        .map((entry) => ({ kind: 'single' as const, entry })),
      ...[...this.jobs.values()].filter(mine).map((job) => ({ kind: 'job' as const, job })),
    ];
    return { items: structuredClone(rows.sort(newestFirst).slice(0, Math.max(0, limit))), total: rows.length };
  }

  async purgeOlderThan(before: Date): Promise<number> {
    let removed = 0;
    for (const [id, entry] of this.entries) {
      if (timeOf(entry.at, id) >= before.getTime()) continue;
      this.entries.delete(id);
      removed++;
    }
    for (const [key, job] of this.jobs) {
      if (timeOf(job.updatedAt, job.jobId) >= before.getTime()) continue;
      this.jobs.delete(key);
      removed++;
    }
    return removed;
  }
}

// An unparseable time could be neither ordered nor purged: refuse it (the Table backend does the same).
function timeOf(at: string, id: string): number {
  const ms = Date.parse(at);
  if (Number.isNaN(ms)) throw new RangeError(`Audit entry ${id} has an invalid time: ${at}`);
  return ms;
}

// Ties broken as the Table backend's row keys order them (see azure-table-audit.ts): a job before a single.
const tieKey = (item: HistoryItem) =>
  item.kind === 'job' ? `$job.${encodeURIComponent(item.job.jobId)}` : encodeURIComponent(item.entry.id);
const timeOfItem = (item: HistoryItem) =>
  item.kind === 'job' ? timeOf(item.job.at, item.job.jobId) : timeOf(item.entry.at, item.entry.id);

function newestFirst(a: HistoryItem, b: HistoryItem): number {
  const [ka, kb] = [tieKey(a), tieKey(b)];
  return timeOfItem(b) - timeOfItem(a) || (ka < kb ? -1 : ka > kb ? 1 : 0);
}
