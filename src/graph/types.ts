/** Shapes of the Graph entitlement-management resources the bot reads (v1.0 names; beta is mapped to these). */

/** Assignment states documented for accessPackageAssignment.state. */
export type AssignmentState =
  'delivering' | 'partiallyDelivered' | 'delivered' | 'expired' | 'deliveryFailed' | (string & {});

/** The user (or other subject) an assignment gives access to. */
export interface SubjectView {
  objectId?: string;
  displayName?: string;
  principalName?: string;
  email?: string;
}

/** The access package an assignment belongs to. */
export interface AccessPackageView {
  id: string;
  displayName?: string;
}

/** An access package assignment as the bot shows it. */
export interface AssignmentView {
  id: string;
  state: AssignmentState;
  status?: string;
  target?: SubjectView;
  accessPackage?: AccessPackageView;
  expiresAt?: string;
  startsAt?: string;
}

/** Correlation ids of one Graph call: `client-request-id` is ours, `request-id` is Graph's. */
export interface RequestIds {
  clientRequestId: string;
  requestId?: string;
}

/** An access package assignment request (the request that created or changed an assignment). */
export interface RequestView {
  id: string;
  state: string;
  status?: string;
  requestType?: string;
  createdAt?: string;
  assignmentId?: string;
  accessPackage?: AccessPackageView;
  target?: SubjectView;
}

/** A Graph call that did not succeed, reduced to what the bot branches on: status and Graph's error code. */
export interface GraphFailure {
  /** HTTP status; 0 when no HTTP answer came back (network error, or the token could not be obtained). */
  status: number;
  code: string;
  /** Graph's own explanation, shown (escaped) where Graph's rule is the answer, e.g. a 400 on request reprocess. */
  message?: string;
  retryAfterSeconds?: number;
}

/** Result of one Graph operation: a value, or a failure; both carry the call's correlation ids. */
export type GraphResult<T> =
  | { ok: true; value: T; ids: RequestIds }
  | { ok: false; failure: GraphFailure; auth?: CredentialFailure; ids: RequestIds };

/** Why the user's credential could not give a token, as a stable code (the auth layer classifies Entra's answer). */
export type CredentialFailure =
  | { kind: 'consentRequired'; aadsts?: string }
  | { kind: 'interactionRequired'; aadsts?: string }
  | { kind: 'signInRequired'; aadsts?: string }
  | { kind: 'failed'; aadsts?: string };

/** Thrown into the Graph pipeline by a credential that can no longer get a token; the gateway reports its failure. */
export class CredentialError extends Error {
  constructor(readonly failure: CredentialFailure) {
    super(`On-Behalf-Of token request failed (${failure.kind}${failure.aadsts ? `, AADSTS${failure.aadsts}` : ''})`);
    this.name = 'CredentialError';
  }
}
