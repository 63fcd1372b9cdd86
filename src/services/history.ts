import type { AuditLog, HistoryItem, JobRecord } from '../storage/audit';
import type { Job } from '../storage/jobs';
import type { HistoryRow, HistoryView } from './bulk-views';
import { tally } from './job-views';
import type { Actor } from './outcomes';

/** Rows one `history` card shows (the card says "20 of N" when there are more). */
export const HISTORY_LIMIT = 20;

/**
 * Writes (or replaces) a bulk job's one history row, under its owner. Only jobs that ran have one: an offer that
 * was cancelled before anything was sent is not reprocess activity, as a single command that never reached Graph.
 */
export async function recordJobRow(audit: AuditLog, job: Job, now = new Date()): Promise<void> {
  if (!job.startedAt || job.state === 'awaitingConfirmation') return;
  const { total, succeeded, failed } = tally(job);
  const { aadObjectId, name, upn } = job.owner;
  const row: JobRecord = {
    jobId: job.id,
    tenantId: job.tenantId,
    actor: { aadObjectId, name, ...(upn ? { upn } : {}) },
    at: job.createdAt,
    updatedAt: now.toISOString(),
    state: job.state,
    total,
    succeeded,
    failed,
    source: job.source,
  };
  await audit.recordJob(row);
}

/** The `history` card's data: the actor's newest single attempts and bulk jobs (one row each), and how many in all. */
export async function historyView(
  audit: AuditLog,
  tenantId: string,
  actor: Actor,
  retentionDays: number,
): Promise<HistoryView> {
  const { items, total } = actor.aadObjectId
    ? await audit.history(tenantId, actor.aadObjectId, HISTORY_LIMIT)
    : { items: [], total: 0 };
  return { actor, retentionDays, rows: items.map(rowOf), total };
}

function rowOf(item: HistoryItem): HistoryRow {
  if (item.kind === 'job') {
    const { job } = item;
    return {
      kind: 'job',
      at: new Date(job.at),
      jobId: job.jobId,
      state: job.state,
      total: job.total,
      succeeded: job.succeeded,
      failed: job.failed,
      source: job.source,
    };
  }
  const { entry } = item;
  return {
    kind: 'single',
    at: new Date(entry.at),
    target: { kind: entry.kind, id: entry.targetId },
    outcome: entry.outcome,
    ...(entry.httpStatus ? { httpStatus: entry.httpStatus } : {}),
    ...(entry.requestId ? { requestId: entry.requestId } : {}),
  };
}
