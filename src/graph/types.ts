/** Shapes of the Graph entitlement-management resources the bot reads (v1.0 names; beta is mapped to these). */

/** Assignment states documented for accessPackageAssignment.state. */
export type AssignmentState =
  | 'delivering'
  | 'partiallyDelivered'
  | 'delivered'
  | 'expired'
  | 'deliveryFailed'
  | (string & {});

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
