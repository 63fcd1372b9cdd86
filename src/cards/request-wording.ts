/** Wording of the card answering `reprocess request <id>`, one entry per outcome kind. */
import type { RequestReprocessOutcome } from '../services/outcomes';
import { ConsentWording, escapeMarkdown, truncate } from './wording';
import { humanRequestState } from './request-states';
import type { CardWording } from './outcome-data';
import { ResultWording } from './result-wording';
import {
  GRAPH_FAILURE_ADVICE,
  graphAnswered,
  MAX_GRAPH_MESSAGE_LENGTH,
  notAnId,
  NOTHING_SENT,
  REPROCESS_ROLES,
  ROLE_ADVICE,
  tryAgainIn,
} from './shared-wording';

type Kind = RequestReprocessOutcome['kind'];
type RequestOf<K extends Kind> = Extract<RequestReprocessOutcome, { kind: K }>;

function notEligibleNext(state: string): string {
  switch (state) {
    case 'delivered':
      return 'Its access was delivered. To re-apply it, reprocess the assignment instead.';
    case 'submitted':
    case 'pendingApproval':
    case 'scheduled':
    case 'delivering':
      return 'It is still in progress. Check the status again later.';
    case 'denied':
    case 'canceled':
      return 'It will not be delivered. The user must request the access package again.';
    default:
      return 'Check the request in the Microsoft Entra admin center under Identity Governance.';
  }
}

function rejectedSummary(o: RequestOf<'requestRejected'>): string {
  const message = o.message?.trim() ? escapeMarkdown(truncate(o.message.trim(), MAX_GRAPH_MESSAGE_LENGTH)) : '';
  const said = message ? ` Its message: ${message}` : '';
  return `${graphAnswered(400, o.code)}${said}`;
}

/** Wording per request outcome kind; the mapped type makes a missing kind a compile error. */
export const RequestWording: { [K in Kind]: CardWording<RequestOf<K>> } = {
  requestAccepted: {
    title: 'Request reprocess queued',
    summary: () =>
      'Microsoft Graph accepted the request (202). Delivery of the access package request will be retried.',
    next: () => 'This is queued, not done yet. Check the status in a minute.',
  },
  requestNotEligible: {
    title: 'Request not eligible for reprocess',
    summary: (o) =>
      'A request can be reprocessed only when it is Delivery failed or Partially delivered. ' +
      `This one is ${escapeMarkdown(humanRequestState(o.request.state))}.`,
    next: (o) => notEligibleNext(o.request.state),
  },
  requestRejected: {
    title: 'Microsoft Graph refused to reprocess the request',
    summary: rejectedSummary,
    next: () =>
      'Requests can be reprocessed only within a limited time after they failed: 14 days after the original ' +
      'request completed. For an older request, the user must cancel it and request the access package again ' +
      'in My Access.',
  },
  invalidId: {
    title: "That isn't a request id",
    summary: (o) => notAnId(o.input, 'request'),
    next: () => NOTHING_SENT,
  },
  notFound: {
    title: 'Request not found',
    summary: () => 'There is no access package request with this id, or it is not visible to your role.',
    next: () =>
      'Catalog owners and catalog-scoped assignment managers see only the requests in their catalogs. ' +
      'Check the id, or ask an Identity Governance Administrator.',
  },
  accessDenied: {
    title: "You can't reprocess this request",
    summary: () => REPROCESS_ROLES,
    next: () => ROLE_ADVICE,
  },
  consentRequired: {
    title: ResultWording.consentRequired.title,
    summary: () => ConsentWording.explanation,
    next: () => ConsentWording.nonAdmin,
  },
  throttled: {
    title: ResultWording.throttled.title,
    summary: () => 'Microsoft Graph asked us to slow down (429), so the request reprocess was not queued.',
    next: (o) => tryAgainIn(o.retryAfterSeconds),
  },
  graphFailure: {
    title: ResultWording.graphFailure.title,
    summary: (o) => graphAnswered(o.status, o.code),
    next: () => GRAPH_FAILURE_ADVICE,
  },
};
