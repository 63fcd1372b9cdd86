import type { AssignmentView, RequestIds, RequestView } from '../graph/types';

import type { ThrottledStatus } from '../graph/limits';

/** Every way a `reprocess <id>` can end; rendered by one exhaustive switch in `src/cards/render.ts`. */
export type ReprocessOutcome =
  | { kind: 'accepted'; assignment: AssignmentView; ids: RequestIds }
  | { kind: 'invalidId'; input: string }
  | { kind: 'notFound'; assignmentId: string; ids: RequestIds }
  | { kind: 'notEligible'; assignment: AssignmentView; ids: RequestIds; latestRequest?: RequestView }
  | { kind: 'accessDenied'; assignmentId: string; ids: RequestIds }
  | { kind: 'consentRequired'; assignmentId: string; consentUrl: string }
  | { kind: 'throttled'; assignmentId: string; status: ThrottledStatus; retryAfterSeconds: number; ids: RequestIds }
  | { kind: 'graphFailure'; assignmentId: string; status: number; code: string; ids: RequestIds };

/** Who acted and when, shown on every result card. */
export interface Actor {
  name: string;
  upn?: string;
  aadObjectId?: string;
}

/** What `status <id>` and the "Check status" button can show. */
export type StatusOutcome =
  | { kind: 'status'; assignment: AssignmentView; latestRequest?: RequestView; ids: RequestIds }
  | Exclude<ReprocessOutcome, { kind: 'accepted' } | { kind: 'notEligible' }>;

/** Every way `reprocess request <id>` (or its button) can end. `rejected` is Graph's own 400, shown plainly. */
export type RequestReprocessOutcome =
  | { kind: 'requestAccepted'; request: RequestView; ids: RequestIds }
  | { kind: 'requestNotEligible'; request: RequestView; ids: RequestIds }
  | { kind: 'requestRejected'; requestId: string; code: string; message?: string; ids: RequestIds }
  | { kind: 'invalidId'; input: string }
  | { kind: 'notFound'; requestId: string; ids: RequestIds }
  | { kind: 'accessDenied'; requestId: string; ids: RequestIds }
  | { kind: 'consentRequired'; requestId: string; consentUrl: string }
  | { kind: 'throttled'; requestId: string; status: ThrottledStatus; retryAfterSeconds: number; ids: RequestIds }
  | { kind: 'graphFailure'; requestId: string; status: number; code: string; ids: RequestIds };

/** A command posted in a channel by someone who cannot act silently: anyone may run it, as themselves. */
export interface ActionPrompt {
  action: 'reprocess' | 'status' | 'reprocessRequest';
  /** Assignment id for reprocess/status, request id for reprocessRequest. */
  targetId: string;
  requestedBy: Actor;
  at: Date;
}
