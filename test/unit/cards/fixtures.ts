/** Outcomes, views and contexts the card tests render: full, sparse and hostile versions of each. */
import type { AssignmentView, RequestView } from '../../../src/graph/types';
import type {
  BulkConfirmationView,
  BulkProgressView,
  BulkSummaryView,
  HistoryView,
} from '../../../src/services/bulk-views';
import type {
  Failure,
  ReprocessOutcome,
  RequestReprocessOutcome,
  StatusOutcome,
  Target,
} from '../../../src/services/outcomes';

export const ID = 'd82eb508-acc4-43cc-bcf1-7c1c4a2c073b';
export const RID = 'a1b2c3d4-0000-4000-8000-00000000000a';
export const PKG = 'b0b0b0b0-0000-4000-8000-0000000000aa';
export const ids = {
  clientRequestId: 'c0ffee00-0000-4000-8000-000000000001',
  requestId: 'ab12cd34-0000-4000-8000-000000000002',
};
export const noRequestId = { clientRequestId: ids.clientRequestId };
export const consentUrl = 'https://login.example/contoso/adminconsent?client_id=1';
export const HOSTILE = '[x](http://evil) **${title}** <b>';

export const assignment: AssignmentView = {
  id: ID,
  state: 'delivered',
  status: 'Delivered',
  target: { displayName: 'Ada Lovelace', principalName: 'ada@contoso.com' },
  accessPackage: { id: PKG, displayName: 'Sales app' },
  startsAt: '2026-01-01T00:00:00Z',
  expiresAt: '2027-01-01T00:00:00Z',
};
export const failedRequest: RequestView = {
  id: RID,
  state: 'deliveryFailed',
  requestType: 'userAdd',
  createdAt: '2026-01-02T03:04:05Z',
  assignmentId: ID,
  accessPackage: { id: PKG, displayName: 'Sales app' },
  target: { displayName: 'Ada Lovelace', email: 'ada@contoso.com' },
};
export const ctx = { actor: { name: 'Grace Hopper', upn: 'grace@contoso.com' }, at: new Date('2026-11-23T18:30:05Z') };
export const sparseCtx = { actor: { name: '' }, at: new Date('not a date') };

/** Each failure, about `target`. */
export function failures(
  target: Target,
): Record<
  Failure['kind'] | 'invalidId, empty' | 'invalidId, hostile' | 'throttled 503' | 'graphFailure, timeout',
  Failure
> {
  return {
    invalidId: { kind: 'invalidId', target: { ...target, id: 'not-a-guid' } },
    'invalidId, empty': { kind: 'invalidId', target: { ...target, id: '  ' } },
    'invalidId, hostile': { kind: 'invalidId', target: { ...target, id: HOSTILE } },
    notFound: { kind: 'notFound', target, ids },
    accessDenied: { kind: 'accessDenied', target, ids },
    consentRequired: { kind: 'consentRequired', target, consentUrl },
    throttled: { kind: 'throttled', target, status: 429, retryAfterSeconds: 30, ids },
    'throttled 503': { kind: 'throttled', target, status: 503, retryAfterSeconds: 1, ids: noRequestId },
    graphFailure: { kind: 'graphFailure', target, status: 500, code: 'InternalServerError', ids },
    'graphFailure, timeout': { kind: 'graphFailure', target, status: 0, code: 'Timeout', ids: noRequestId },
  };
}

export const reprocessOutcomes: Record<string, ReprocessOutcome> = {
  accepted: { kind: 'accepted', assignment, ids },
  'accepted, sparse': { kind: 'accepted', assignment: { id: ID, state: 'delivered' }, ids: noRequestId },
  'notEligible, delivery failed with a request': {
    kind: 'notEligible',
    assignment: { ...assignment, state: 'deliveryFailed' },
    ids,
    latestRequest: failedRequest,
  },
  'notEligible, delivering': { kind: 'notEligible', assignment: { ...assignment, state: 'delivering' }, ids },
  'notEligible, expired': { kind: 'notEligible', assignment: { ...assignment, state: 'expired' }, ids },
  'notEligible, a state Graph adds later': {
    kind: 'notEligible',
    assignment: { id: ID, state: 'somethingNew' },
    ids: noRequestId,
  },
  ...failures({ kind: 'assignment', id: ID }),
};

export const statusOutcomes: Record<string, StatusOutcome> = {
  'delivery failed with a request': {
    kind: 'status',
    assignment: { ...assignment, state: 'deliveryFailed' },
    latestRequest: failedRequest,
    ids,
  },
  delivered: { kind: 'status', assignment, ids },
  sparse: { kind: 'status', assignment: { id: ID, state: '', startsAt: 'soon' }, ids: noRequestId },
  'odd request': { kind: 'status', assignment, latestRequest: { id: '', state: '' }, ids },
  ...failures({ kind: 'assignment', id: ID }),
};

export const requestOutcomes: Record<string, RequestReprocessOutcome> = {
  requestAccepted: { kind: 'requestAccepted', request: failedRequest, ids },
  'requestAccepted, sparse': { kind: 'requestAccepted', request: { id: RID, state: 'weird' }, ids: noRequestId },
  requestNotEligible: { kind: 'requestNotEligible', request: { ...failedRequest, state: 'delivered' }, ids },
  'requestNotEligible, beta PascalCase': {
    kind: 'requestNotEligible',
    request: { ...failedRequest, state: 'PendingApproval' },
    ids,
  },
  requestRejected: { kind: 'requestRejected', requestId: RID, code: 'BadRequest', message: '${x} <b>', ids },
  'requestRejected, bare': { kind: 'requestRejected', requestId: RID, code: '', ids: noRequestId },
  ...failures({ kind: 'request', id: RID }),
};

const owner = { name: 'Grace Hopper', upn: 'grace@contoso.com' };
const at = new Date('2026-11-23T18:30:00Z');
export const pkgSource = { kind: 'package' as const, accessPackageId: PKG, displayName: 'Sales app' };

export const confirmation = (over: Partial<BulkConfirmationView> = {}): BulkConfirmationView => ({
  jobId: 'job-1',
  count: 3,
  skipped: { count: 0, sample: [] },
  source: { kind: 'ids' },
  requestedBy: owner,
  at,
  ...over,
});
export const progress = (over: Partial<BulkProgressView> = {}): BulkProgressView => ({
  jobId: 'job-1',
  state: 'running',
  total: 100,
  succeeded: 40,
  failed: 2,
  remaining: 58,
  ratePerSecond: 12.5,
  etaSeconds: 5,
  source: pkgSource,
  owner,
  startedAt: at,
  updatedAt: new Date(at.getTime() + 4_000),
  ...over,
});
export const summary = (over: Partial<BulkSummaryView> = {}): BulkSummaryView => ({
  jobId: 'job-1',
  state: 'completed',
  total: 5,
  succeeded: 3,
  notSent: 0,
  failures: [
    { id: ID, kind: 'notFound', httpStatus: 404, requestId: 'req-404', retryable: false },
    { id: RID, kind: 'throttled', httpStatus: 429, requestId: 'req-429', retryable: true },
  ],
  skipped: { count: 0, sample: [] },
  source: { kind: 'ids' },
  owner,
  startedAt: at,
  finishedAt: new Date(at.getTime() + 65_000),
  ...over,
});
export const history = (over: Partial<HistoryView> = {}): HistoryView => ({
  actor: owner,
  retentionDays: 90,
  rows: [
    {
      kind: 'single',
      at,
      target: { kind: 'assignment', id: ID },
      outcome: 'accepted',
      httpStatus: 202,
      requestId: 'req-1',
    },
    { kind: 'job', at, jobId: 'job-1', state: 'completed', total: 100, succeeded: 98, failed: 2, source: pkgSource },
    { kind: 'single', at, target: { kind: 'request', id: RID }, outcome: 'requestRejected', httpStatus: 400 },
  ],
  ...over,
});
