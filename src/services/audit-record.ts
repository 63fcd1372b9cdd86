import { randomUUID } from 'node:crypto';
import type { AuditEntry, AuditLog } from '../storage/audit';
import type { Actor, ReprocessOutcome, RequestReprocessOutcome } from './outcomes';

/** Where an attempt happened, for the audit trail. */
export interface AuditWhere {
  tenantId: string;
  conversationType: string;
}

const STATUS: Record<string, number> = { accepted: 202, requestAccepted: 202, notFound: 404, accessDenied: 403, requestRejected: 400 };

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
  const httpStatus = outcome.kind === 'graphFailure' || outcome.kind === 'throttled' ? outcome.status : STATUS[outcome.kind];
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
