import type { ThrottledStatus } from '../graph/limits';
import type { AssignmentView, RequestIds, RequestView } from '../graph/types';

/** Who acted, shown on cards and recorded in the audit trail. */
export interface Actor {
  name: string;
  upn?: string;
  aadObjectId?: string;
}

/** Which kind of id a command is about. */
export type TargetKind = 'assignment' | 'request';

/** The id a command is about and its kind (for an invalid id: what the user typed). */
export interface Target {
  kind: TargetKind;
  id: string;
}

/** The ways every Graph command can fail, whether it was about an assignment or a request. */
export type Failure =
  | { kind: 'invalidId'; target: Target }
  | { kind: 'notFound'; target: Target; ids: RequestIds }
  | { kind: 'accessDenied'; target: Target; ids: RequestIds }
  | { kind: 'consentRequired'; target: Target; consentUrl: string }
  | { kind: 'throttled'; target: Target; status: ThrottledStatus; retryAfterSeconds: number; ids: RequestIds }
  | { kind: 'graphFailure'; target: Target; status: number; code: string; ids: RequestIds };

/** Every way `reprocess <id>` can end; rendered by one exhaustive switch in `src/cards/result.ts`. */
export type ReprocessOutcome =
  | { kind: 'accepted'; assignment: AssignmentView; ids: RequestIds }
  | { kind: 'notEligible'; assignment: AssignmentView; ids: RequestIds; latestRequest?: RequestView }
  | Failure;

/** What `status <id>` and the "Check status" button can show. */
export type StatusOutcome =
  { kind: 'status'; assignment: AssignmentView; latestRequest?: RequestView; ids: RequestIds } | Failure;

/** Every way `reprocess request <id>` (or its button) can end. `requestRejected` is Graph's own 400, shown plainly. */
export type RequestReprocessOutcome =
  | { kind: 'requestAccepted'; request: RequestView; ids: RequestIds }
  | { kind: 'requestNotEligible'; request: RequestView; ids: RequestIds }
  | { kind: 'requestRejected'; requestId: string; code: string; message?: string; ids: RequestIds }
  | Failure;

/** The Graph commands a person can run from text or a button, by kind. */
export type GraphCommandKind = 'reprocess' | 'status' | 'reprocessRequest';

/** A command posted in a channel by someone who cannot act silently: anyone may run it, as themselves. */
export interface Prompt {
  command: GraphCommandKind;
  /** Assignment id for reprocess/status, request id for reprocessRequest. */
  targetId: string;
  requestedBy: Actor;
  at: Date;
}
