/** Action.Execute verbs: the one list used by code, tests and `cards/*.json`. */
export const Verbs = {
  reprocess: 'reprocess',
  status: 'status',
  reprocessRequest: 'reprocessRequest',
  bulkConfirm: 'bulkConfirm',
  bulkCancel: 'bulkCancel',
  bulkResume: 'bulkResume',
  bulkRetryFailed: 'bulkRetryFailed',
} as const;

export type Verb = (typeof Verbs)[keyof typeof Verbs];

/**
 * Data each verb's button carries. Assignment verbs send `assignmentId` (also the help form's input id);
 * the request verb sends `requestId`. Validated with zod in the handler before anything else happens.
 */
export interface VerbData {
  reprocess: { assignmentId: string };
  status: { assignmentId: string };
  reprocessRequest: { requestId: string };
  bulkConfirm: { jobId: string };
  bulkCancel: { jobId: string };
  bulkResume: { jobId: string };
  bulkRetryFailed: { jobId: string };
}
