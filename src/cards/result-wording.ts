/** Wording of the result card for each reprocess outcome: a title, what happened, and what to do next. */
import type { ReprocessOutcome } from '../services/outcomes';
import type { AssignmentView, RequestView } from '../graph/types';
import { escapeMarkdown, humanState } from './wording';
import { humanRequestState, retryableRequest } from './request-states';
import type { CardWording } from './outcome-data';
import type { WordingTable } from './failure-data';
import { failureWording, QUEUED_NEXT } from './shared-wording';

export { MAX_ECHO_LENGTH, retrySeconds } from './shared-wording';

type Kind = ReprocessOutcome['kind'];
type OutcomeOf<K extends Kind> = Extract<ReprocessOutcome, { kind: K }>;

/** Title, summary and optional next step of one outcome's card; text is Markdown-safe. */
export type OutcomeWording<K extends Kind> = CardWording<OutcomeOf<K>>;

/** What to do with an assignment that is not Delivered; points at its latest request when that can be retried. */
export function notEligibleNext(assignment: AssignmentView, latestRequest?: RequestView): string {
  const request = retryableRequest(assignment, latestRequest);
  if (request) {
    return (
      `Reprocess its latest request instead: it is ${escapeMarkdown(humanRequestState(request.state))}, ` +
      'so its delivery can be retried.'
    );
  }
  switch (assignment.state) {
    case 'deliveryFailed':
    case 'partiallyDelivered':
      return (
        'Reprocess the access package request that created it instead: ' +
        'send "reprocess request" followed by the request id.'
      );
    case 'delivering':
      return 'Delivery is still in progress. Wait for it to finish, then check the status again.';
    case 'expired':
      return 'An expired assignment cannot be reprocessed. The user must request the access package again.';
    case 'delivered':
      return 'It is Delivered now, so it can be reprocessed.';
    default:
      return 'Check the assignment in the Microsoft Entra admin center under Identity Governance.';
  }
}

/** Wording per outcome kind; the mapped type makes a missing kind a compile error. */
export const ResultWording: WordingTable<ReprocessOutcome> = {
  accepted: {
    title: 'Reprocess queued',
    summary: () =>
      'Microsoft Graph accepted the request (202). The assignment will be re-evaluated and its access re-applied.',
    next: () => QUEUED_NEXT,
  },
  notEligible: {
    title: 'Assignment not eligible for reprocess',
    summary: (o) =>
      'An assignment can be reprocessed only when it is Delivered. ' +
      `This one is ${escapeMarkdown(humanState(o.assignment.state))}.`,
    next: (o) => notEligibleNext(o.assignment, o.latestRequest),
  },
  ...failureWording('assignment', 'the reprocess was not queued'),
};
