import { isGuid } from '../bot/commands';
import type { EntitlementGateway } from '../graph/entitlement';
import { failureOutcome, type SignInAgain } from './failures';
import type { StatusOutcome } from './outcomes';

/** Reads an assignment (state, status, target, package, schedule) and its latest request, for `status <id>`. */
export async function assignmentStatus(
  gateway: EntitlementGateway,
  assignmentId: string,
  consentUrl: string,
): Promise<StatusOutcome | SignInAgain> {
  if (!isGuid(assignmentId)) return { kind: 'invalidId', input: assignmentId };
  const read = await gateway.getAssignment(assignmentId);
  if (!read.ok) return failureOutcome(read, assignmentId, consentUrl);
  const latest = await gateway.latestRequestFor(read.value);
  const latestRequest = latest.ok ? latest.value : undefined;
  return { kind: 'status', assignment: read.value, ids: read.ids, ...(latestRequest ? { latestRequest } : {}) };
}
