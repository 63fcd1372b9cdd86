import type { OboFailure } from '../auth/errors';
import { isThrottled } from '../graph/limits';
import type { GraphResult } from '../graph/types';
import type { ReprocessOutcome } from './outcomes';

/** The credential stopped working mid-command: the caller must sign the user in again. */
export interface SignInAgain {
  kind: 'signInAgain';
  failure: OboFailure;
}

/** Outcomes every Graph-backed command shares when Graph or Entra say no. */
export type FailureOutcome = Extract<ReprocessOutcome, { kind: 'notFound' | 'accessDenied' | 'consentRequired' | 'throttled' | 'graphFailure' }>;

/** A failed Graph call. */
export type FailedCall = Extract<GraphResult<unknown>, { ok: false }>;

/** Maps a failed Graph call to the outcome an admin should see; `targetId` is the id the command was about. */
export function failureOutcome(result: FailedCall, targetId: string, consentUrl: string): FailureOutcome | SignInAgain {
  const { failure, ids, auth } = result;
  const assignmentId = targetId;
  if (auth?.kind === 'consentRequired') return { kind: 'consentRequired', assignmentId, consentUrl };
  if (auth) return { kind: 'signInAgain', failure: auth };
  if (isThrottled(failure.status)) {
    return { kind: 'throttled', assignmentId, status: failure.status, retryAfterSeconds: Math.max(1, failure.retryAfterSeconds ?? 1), ids };
  }
  switch (failure.status) {
    case 401:
      // Graph refused the token itself: a fresh SSO token is the only remedy.
      return { kind: 'signInAgain', failure: { kind: 'signInRequired' } };
    case 404:
      return { kind: 'notFound', assignmentId, ids };
    case 403:
      return { kind: 'accessDenied', assignmentId, ids };
    default:
      return { kind: 'graphFailure', assignmentId, status: failure.status, code: failure.code, ids };
  }
}
