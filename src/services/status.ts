import type { EntitlementGateway } from '../graph/entitlement';
import { failureOf, type SignInAgain } from './failures';
import { isGuid } from './ids';
import type { StatusOutcome } from './outcomes';

/** Reads an assignment (state, status, target, package, schedule) and its latest request, for `status <id>`. */
export async function assignmentStatus(
  gateway: EntitlementGateway,
  assignmentId: string,
  consentUrl: string,
): Promise<StatusOutcome | SignInAgain> {
  const target = { kind: 'assignment' as const, id: assignmentId };
  if (!isGuid(assignmentId)) return { kind: 'invalidId', target };
  const read = await gateway.getAssignment(assignmentId);
  if (!read.ok) return failureOf(read, target, consentUrl);
  const latest = await gateway.latestRequestFor(read.value);
  const latestRequest = latest.ok ? latest.value : undefined;
  return { kind: 'status', assignment: read.value, ids: read.ids, ...(latestRequest ? { latestRequest } : {}) };
}
