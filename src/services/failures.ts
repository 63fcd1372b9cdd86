import type { CredentialFailure } from '../graph/types';
import { isThrottled } from '../graph/limits';
import type { GraphResult } from '../graph/types';
import type { Failure, Target } from './outcomes';

/** The credential stopped working mid-command: the caller must sign the user in again. */
export interface SignInAgain {
  kind: 'signInAgain';
  failure: CredentialFailure;
}

/** A failed Graph call. */
export type FailedCall = Extract<GraphResult<unknown>, { ok: false }>;

/** Maps a failed Graph call about `target` to the failure an admin should see (or a new sign-in). */
export function failureOf(result: FailedCall, target: Target, consentUrl: string): Failure | SignInAgain {
  const { failure, ids, auth } = result;
  if (auth?.kind === 'consentRequired') return { kind: 'consentRequired', target, consentUrl };
  if (auth) return { kind: 'signInAgain', failure: auth };
  if (isThrottled(failure.status)) {
    return {
      kind: 'throttled',
      target,
      status: failure.status,
      retryAfterSeconds: Math.max(1, failure.retryAfterSeconds ?? 1),
      ids,
    };
  }
  switch (failure.status) {
    case 401:
      // Graph refused the token itself: a fresh SSO token is the only remedy.
      return { kind: 'signInAgain', failure: { kind: 'signInRequired' } };
    case 404:
      return { kind: 'notFound', target, ids };
    case 403:
      return { kind: 'accessDenied', target, ids };
    default:
      return { kind: 'graphFailure', target, status: failure.status, code: failure.code, ids };
  }
}
