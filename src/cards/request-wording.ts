/** Wording of the card answering `reprocess request <id>`, one entry per outcome kind. */
import type { RequestReprocessOutcome } from '../services/outcomes';
import { escapeMarkdown, truncate } from './wording';
import { humanRequestState } from './request-states';
import type { WordingTable } from './failure-data';
import { failureWording, graphAnswered, MAX_GRAPH_MESSAGE_LENGTH, QUEUED_NEXT } from './shared-wording';

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
export const RequestWording: WordingTable<RequestReprocessOutcome> = {
  requestAccepted: {
    title: 'Request reprocess queued',
    summary: () =>
      'Microsoft Graph accepted the request (202). Delivery of the access package request will be retried.',
    next: () => QUEUED_NEXT,
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
  ...failureWording('request', 'the request reprocess was not queued'),
};
