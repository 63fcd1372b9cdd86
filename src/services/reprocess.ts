import type { OboFailure } from '../auth/errors';
import { isGuid } from '../bot/commands';
import type { EntitlementGateway, GraphResult } from '../graph/entitlement';
import type { ReprocessOutcome } from './outcomes';

/** The credential stopped working mid-command: the caller must sign the user in again. */
export interface SignInAgain {
  kind: 'signInAgain';
  failure: OboFailure;
}

/**
 * Reprocesses one assignment: validate the id (no network call for a bad one), read it with its target and
 * package, POST reprocess only when it is `delivered`, and describe the result as a {@link ReprocessOutcome}.
 */
export async function reprocessAssignment(
  gateway: EntitlementGateway,
  assignmentId: string,
  consentUrl: string,
): Promise<ReprocessOutcome | SignInAgain> {
  if (!isGuid(assignmentId)) return { kind: 'invalidId', input: assignmentId };
  const read = await gateway.getAssignment(assignmentId);
  if (!read.ok) return failureOutcome(read, assignmentId, consentUrl);
  const assignment = read.value;
  if (assignment.state !== 'delivered') return { kind: 'notEligible', assignment, ids: read.ids };
  const posted = await gateway.reprocessAssignment(assignmentId);
  if (!posted.ok) return failureOutcome(posted, assignmentId, consentUrl);
  return { kind: 'accepted', assignment, ids: posted.ids };
}

/** Maps a failed Graph call to the outcome an admin should see. */
export function failureOutcome(
  result: Extract<GraphResult<unknown>, { ok: false }>,
  assignmentId: string,
  consentUrl: string,
): ReprocessOutcome | SignInAgain {
  const { failure, ids, auth } = result;
  if (auth?.kind === 'consentRequired') return { kind: 'consentRequired', assignmentId, consentUrl };
  if (auth) return { kind: 'signInAgain', failure: auth };
  switch (failure.status) {
    case 401:
      // Graph refused the token itself: a fresh SSO token is the only remedy.
      return { kind: 'signInAgain', failure: { kind: 'signInRequired' } };
    case 404:
      return { kind: 'notFound', assignmentId, ids };
    case 403:
      return { kind: 'accessDenied', assignmentId, ids };
    case 429:
    case 503:
      return { kind: 'throttled', assignmentId, retryAfterSeconds: Math.max(1, failure.retryAfterSeconds ?? 1), ids };
    default:
      return { kind: 'graphFailure', assignmentId, status: failure.status, code: failure.code, ids };
  }
}
