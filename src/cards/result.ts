/** The card answering `reprocess <id>` (or its button): one wording, tone and button set per outcome. */
import type { AssignmentView, RequestView } from '../graph/types';
import type { ReprocessOutcome } from '../services/outcomes';
import { retryableRequest } from '../services/request';
import { assignmentFacts, Labels, requestFacts, stateWords } from './facts';
import { assertNever, button, isFailure, renderFailure, renderOutcome, type CardContext } from './outcome';
import type { AdaptiveCardJson } from './templates';
import { escapeMarkdown } from './text';

/** Said after Graph accepted a reprocess (202). */
export const QUEUED_NEXT = 'This is queued, not done yet. Check the status in a minute.';

// Why an assignment in each state is not Delivered, as the end of "It can't be reprocessed now: …".
const WHY_NOT: Readonly<Record<string, string>> = {
  delivering: 'its delivery is still in progress',
  partiallyDelivered: 'it was only partially delivered',
  deliveryFailed: 'its delivery failed',
  expired: 'it has expired',
};

/** Why an assignment is not eligible, in a sentence that names its state in words. */
export function notEligibleSummary(assignment: AssignmentView): string {
  const why = WHY_NOT[assignment.state] ?? `its state is ${escapeMarkdown(stateWords(assignment.state))}`;
  return `Only a Delivered assignment can be reprocessed, and ${why}.`;
}

/** What to do with an assignment that is not Delivered; points at its latest request when that can be retried. */
export function notEligibleNext(assignment: AssignmentView, latestRequest?: RequestView): string {
  if (retryableRequest(assignment, latestRequest)) {
    return 'Reprocess its latest request instead: that retries the delivery that failed.';
  }
  switch (assignment.state) {
    case 'deliveryFailed':
    case 'partiallyDelivered':
      return 'Reprocess the access package request that created it instead: send "reprocess request" followed by the request id.';
    case 'delivering':
      return 'Wait for the delivery to finish, then check the status again.';
    case 'expired':
      return 'An expired assignment cannot be reprocessed. The user must request the access package again.';
    case 'delivered':
      return 'It is Delivered now, so it can be reprocessed.';
    default:
      return 'Check the assignment in the Microsoft Entra admin center under Identity Governance.';
  }
}

const WORDS = { verb: 'reprocess', command: 'reprocess', notDone: 'nothing was reprocessed' };

/** The card of any reprocess outcome; the exhaustive switch keeps one card per kind. */
export function renderResult(outcome: ReprocessOutcome, ctx: CardContext): AdaptiveCardJson {
  if (isFailure(outcome)) return renderFailure(outcome, WORDS, 'reprocess', ctx);
  switch (outcome.kind) {
    case 'accepted': {
      const { assignment: a, ids } = outcome;
      const summary =
        'Microsoft Graph accepted it (202): the assignment will be re-evaluated and its access re-applied.';
      const subject = assignmentFacts(a.id, a);
      const buttons = { status: button('Check status', a.id) };
      return renderOutcome(
        {
          tone: 'good',
          title: 'Reprocess queued',
          summary,
          next: QUEUED_NEXT,
          subject,
          actorLabel: 'Run by',
          ids,
          buttons,
        },
        ctx,
      );
    }
    case 'notEligible': {
      const { assignment: a, ids } = outcome;
      const request = retryableRequest(a, outcome.latestRequest);
      const subject = [...assignmentFacts(a.id, a), ...(request ? requestFacts(request, Labels.latestRequest) : [])];
      const buttons = {
        status: button('Check status', a.id),
        reprocessRequest: button('Reprocess request', request?.id),
      };
      const card = {
        tone: 'warning' as const,
        title: 'Not eligible for reprocess',
        summary: notEligibleSummary(a),
        next: notEligibleNext(a, outcome.latestRequest),
      };
      return renderOutcome({ ...card, subject, actorLabel: 'Requested by', ids, buttons }, ctx);
    }
    default:
      return assertNever(outcome);
  }
}
