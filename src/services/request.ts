import type { EntitlementGateway } from '../graph/entitlement';
import type { AssignmentView, RequestView } from '../graph/types';
import { failureOf, type FailedCall, type SignInAgain } from './failures';
import { isGuid } from './ids';
import type { RequestReprocessOutcome } from './outcomes';

// Graph's rule for `assignmentRequests/{id}/reprocess` (v1.0 lower camel case, beta PascalCase); the same two
// names are also the assignment states whose latest request is worth reprocessing.
const REPROCESSABLE = new Set(['deliveryfailed', 'partiallydelivered']);

/** True when Graph accepts a reprocess of a request in this state: Delivery failed or Partially delivered. */
export function canReprocessRequest(state: string): boolean {
  return REPROCESSABLE.has(state.toLowerCase());
}

/** The request worth reprocessing for an undelivered assignment: its latest one, when that one can be retried. */
export function retryableRequest(assignment: AssignmentView, request?: RequestView): RequestView | undefined {
  if (!request || request.id.trim() === '') return undefined;
  return canReprocessRequest(assignment.state) && canReprocessRequest(request.state) ? request : undefined;
}

/**
 * Reprocesses an assignment request (`assignmentRequests/{id}/reprocess`), allowed for requests whose delivery
 * failed or was partial. Graph's own 400 (e.g. outside the window it allows) is shown as Graph worded it.
 */
export async function reprocessRequest(
  gateway: EntitlementGateway,
  requestId: string,
  consentUrl: string,
): Promise<RequestReprocessOutcome | SignInAgain> {
  const target = { kind: 'request' as const, id: requestId };
  if (!isGuid(requestId)) return { kind: 'invalidId', target };
  const read = await gateway.getRequest(requestId);
  if (!read.ok) return failureOf(read, target, consentUrl);
  const request = read.value;
  if (!canReprocessRequest(request.state)) return { kind: 'requestNotEligible', request, ids: read.ids };
  const posted = await gateway.reprocessRequest(requestId);
  if (!posted.ok) return rejectedOr(posted, requestId, consentUrl);
  return { kind: 'requestAccepted', request, ids: posted.ids };
}

// Graph's 400 to the POST is its own rule (e.g. the 14-day window): shown with its code, never matched on its words.
function rejectedOr(result: FailedCall, requestId: string, consentUrl: string): RequestReprocessOutcome | SignInAgain {
  if (result.failure.status !== 400) return failureOf(result, { kind: 'request', id: requestId }, consentUrl);
  const { code, message } = result.failure;
  return { kind: 'requestRejected', requestId, code, ids: result.ids, ...(message ? { message } : {}) };
}
