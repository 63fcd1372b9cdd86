import type { EntitlementGateway } from '../graph/entitlement';
import type { AssignmentView, RequestView } from '../graph/types';
import { failureOf, type SignInAgain } from './failures';
import { isGuid } from './ids';
import type { ReprocessOutcome } from './outcomes';
import { canReprocessRequest } from './request';

/**
 * Reprocesses one assignment: validate the id (no network call for a bad one), read it with its target and
 * package, POST reprocess only when it is `delivered`, and describe the result as a {@link ReprocessOutcome}.
 */
export async function reprocessAssignment(
  gateway: EntitlementGateway,
  assignmentId: string,
  consentUrl: string,
): Promise<ReprocessOutcome | SignInAgain> {
  const target = { kind: 'assignment' as const, id: assignmentId };
  if (!isGuid(assignmentId)) return { kind: 'invalidId', target };
  const read = await gateway.getAssignment(assignmentId);
  if (!read.ok) return failureOf(read, target, consentUrl);
  const assignment = read.value;
  if (assignment.state !== 'delivered') {
    const latestRequest = await latestFailedRequest(gateway, assignment);
    return { kind: 'notEligible', assignment, ids: read.ids, ...(latestRequest ? { latestRequest } : {}) };
  }
  const posted = await gateway.reprocessAssignment(assignmentId);
  if (!posted.ok) return failureOf(posted, target, consentUrl);
  return { kind: 'accepted', assignment, ids: posted.ids };
}

/**
 * For an assignment whose delivery failed, its latest request is what can be reprocessed instead. Best effort:
 * if Graph cannot list requests, the card simply offers no request button.
 */
export async function latestFailedRequest(
  gateway: EntitlementGateway,
  assignment: AssignmentView,
): Promise<RequestView | undefined> {
  if (!canReprocessRequest(assignment.state)) return undefined;
  const latest = await gateway.latestRequestFor(assignment);
  return latest.ok ? latest.value : undefined;
}
