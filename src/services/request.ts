import { isGuid } from '../bot/commands';
import type { EntitlementGateway } from '../graph/entitlement';
import { failureOutcome, type FailedCall, type SignInAgain } from './failures';
import type { RequestReprocessOutcome } from './outcomes';
import { REPROCESSABLE_REQUEST_STATES } from './reprocess';

/**
 * Reprocesses an assignment request (`assignmentRequests/{id}/reprocess`), allowed for requests whose delivery
 * failed or was partial. Graph's own 400 (e.g. outside the window it allows) is shown as Graph worded it.
 */
export async function reprocessRequest(
  gateway: EntitlementGateway,
  requestId: string,
  consentUrl: string,
): Promise<RequestReprocessOutcome | SignInAgain> {
  if (!isGuid(requestId)) return { kind: 'invalidId', input: requestId };
  const read = await gateway.getRequest(requestId);
  if (!read.ok) return requestFailure(read, requestId, consentUrl);
  const request = read.value;
  if (!REPROCESSABLE_REQUEST_STATES.includes(request.state)) return { kind: 'requestNotEligible', request, ids: read.ids };
  const posted = await gateway.reprocessRequest(requestId);
  if (!posted.ok) return requestFailure(posted, requestId, consentUrl);
  return { kind: 'requestAccepted', request, ids: posted.ids };
}

function requestFailure(result: FailedCall, requestId: string, consentUrl: string): RequestReprocessOutcome | SignInAgain {
  if (result.failure.status === 400) {
    const { code, message } = result.failure;
    return { kind: 'requestRejected', requestId, code, ids: result.ids, ...(message ? { message } : {}) };
  }
  const outcome = failureOutcome(result, requestId, consentUrl);
  switch (outcome.kind) {
    case 'signInAgain':
      return outcome;
    case 'consentRequired':
      return { kind: 'consentRequired', requestId, consentUrl };
    case 'notFound':
    case 'accessDenied':
      return { kind: outcome.kind, requestId, ids: outcome.ids };
    case 'throttled':
      return { kind: 'throttled', requestId, status: outcome.status, retryAfterSeconds: outcome.retryAfterSeconds, ids: outcome.ids };
    case 'graphFailure':
      return { kind: 'graphFailure', requestId, status: outcome.status, code: outcome.code, ids: outcome.ids };
  }
}
