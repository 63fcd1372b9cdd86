import { randomUUID } from 'node:crypto';
import type { AuditEntry, AuditLog } from '../storage/audit';
import type { Job, JobItem } from '../storage/jobs';
import { failureOf } from './job-views';
import type { Actor, ReprocessOutcome, RequestReprocessOutcome } from './outcomes';

/** Where an attempt happened, for the audit trail. */
export interface AuditWhere {
  tenantId: string;
  conversationType: string;
}

const STATUS: Record<string, number> = {
  accepted: 202,
  requestAccepted: 202,
  notFound: 404,
  accessDenied: 403,
  requestRejected: 400,
};

/**
 * Records a single reprocess attempt (assignment or request). Attempts that never reached Graph — an invalid id,
 * a sign-in prompt — are not reprocess attempts and are not recorded.
 */
export async function auditSingle(
  audit: AuditLog,
  outcome: ReprocessOutcome | RequestReprocessOutcome,
  target: { kind: 'assignment' | 'request'; id: string },
  actor: Actor,
  where: AuditWhere,
): Promise<void> {
  if (outcome.kind === 'invalidId') return;
  const ids = 'ids' in outcome ? outcome.ids : undefined;
  const httpStatus =
    outcome.kind === 'graphFailure' || outcome.kind === 'throttled' ? outcome.status : STATUS[outcome.kind];
  const entry: AuditEntry = {
    id: randomUUID(),
    at: new Date().toISOString(),
    tenantId: where.tenantId,
    actor: { aadObjectId: actor.aadObjectId ?? '', ...(actor.upn ? { upn: actor.upn } : {}), name: actor.name },
    kind: target.kind,
    mode: 'single',
    targetId: target.id,
    outcome: outcome.kind,
    conversationType: where.conversationType,
    ...(httpStatus ? { httpStatus } : {}),
    ...(ids?.requestId ? { requestId: ids.requestId } : {}),
    ...(ids?.clientRequestId ? { clientRequestId: ids.clientRequestId } : {}),
  };
  await audit.record(entry);
}

/** The audit entry of one bulk item's result, recorded as its job's owner. */
export function bulkItemEntry(job: Job, item: JobItem, conversationType: string): AuditEntry {
  return {
    // One entry per item per attempt count: a repeated write of the same result collides instead of duplicating.
    id: `${job.id}:${item.id}:${item.attempts}`,
    at: new Date().toISOString(),
    tenantId: job.tenantId,
    actor: { aadObjectId: job.owner.aadObjectId, upn: job.owner.upn, name: job.owner.name },
    kind: 'assignment',
    mode: 'bulk',
    targetId: item.id,
    // The failure in a single command's words (notFound, throttled, refused…), so audit and metrics say what it was.
    outcome: item.status === 'succeeded' ? 'accepted' : failureOf(item).kind,
    httpStatus: item.httpStatus,
    requestId: item.requestId,
    clientRequestId: item.clientRequestId,
    conversationType,
    jobId: job.id,
  };
}
