/** Access package request states and types in words, and which requests can be reprocessed. */
import type { AssignmentView, RequestView } from '../graph/types';
import { inWords } from './wording';

// accessPackageAssignmentRequest.state as documented for Graph v1.0.
const REQUEST_STATE_WORDS: Readonly<Record<string, string>> = {
  submitted: 'Submitted',
  pendingApproval: 'Pending approval',
  delivering: 'Delivering',
  delivered: 'Delivered',
  deliveryFailed: 'Delivery failed',
  partiallyDelivered: 'Partially delivered',
  denied: 'Denied',
  scheduled: 'Scheduled',
  canceled: 'Canceled',
};

// accessPackageAssignmentRequest.requestType: who asked (admin, user, a policy) and for what.
const REQUEST_TYPE_WORDS: Readonly<Record<string, string>> = {
  adminAdd: 'Added by an admin',
  adminUpdate: 'Updated by an admin',
  adminRemove: 'Removed by an admin',
  userAdd: 'Requested by the user',
  userUpdate: 'Updated by the user',
  userRemove: 'Removed by the user',
  systemAdd: 'Added by a policy',
  systemUpdate: 'Updated by a policy',
  systemRemove: 'Removed by a policy',
  onBehalfAdd: "Requested on the user's behalf",
  notSpecified: 'Not specified',
};

// Graph's rule for `assignmentRequests/{id}/reprocess`; the same two names are also assignment states.
const RETRYABLE: ReadonlySet<string> = new Set(['deliveryFailed', 'partiallyDelivered']);

/** The request state in words; a state Graph adds later is returned verbatim (escape it before display). */
export function humanRequestState(state: string): string {
  return inWords(REQUEST_STATE_WORDS, state);
}

/** The request type in words; a type Graph adds later is returned verbatim (escape it before display). */
export function humanRequestType(type: string): string {
  return inWords(REQUEST_TYPE_WORDS, type);
}

/** True when Graph accepts a reprocess of a request in this state (Delivery failed or Partially delivered). */
export function isRetryableState(state: string): boolean {
  return RETRYABLE.has(state);
}

/** The request worth reprocessing for an undelivered assignment: its latest one, when that one can be retried. */
export function retryableRequest(assignment: AssignmentView, request?: RequestView): RequestView | undefined {
  if (!request || request.id.trim() === '') return undefined;
  return isRetryableState(assignment.state) && isRetryableState(request.state) ? request : undefined;
}
