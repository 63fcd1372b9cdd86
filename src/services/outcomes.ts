import type { AssignmentView, RequestIds } from '../graph/types';

/** Every way a `reprocess <id>` can end; rendered by one exhaustive switch in `src/cards/render.ts`. */
export type ReprocessOutcome =
  | { kind: 'accepted'; assignment: AssignmentView; ids: RequestIds }
  | { kind: 'invalidId'; input: string }
  | { kind: 'notFound'; assignmentId: string; ids: RequestIds }
  | { kind: 'notEligible'; assignment: AssignmentView; ids: RequestIds }
  | { kind: 'accessDenied'; assignmentId: string; ids: RequestIds }
  | { kind: 'consentRequired'; assignmentId: string; consentUrl: string }
  | { kind: 'throttled'; assignmentId: string; retryAfterSeconds: number; ids: RequestIds }
  | { kind: 'graphFailure'; assignmentId: string; status: number; code: string; ids: RequestIds };

/** Who acted and when, shown on every result card. */
export interface Actor {
  name: string;
  upn?: string;
  aadObjectId?: string;
}
