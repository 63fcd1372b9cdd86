/** The card answering `reprocess request <id>` (or its button): one wording, tone and button set per outcome. */
import type { RequestView } from '../graph/types';
import type { RequestReprocessOutcome } from '../services/outcomes';
import {
  assertNever,
  button,
  graphAnswered,
  isFailure,
  renderFailure,
  renderOutcome,
  type CardContext,
} from './outcome';
import { fact, Labels, requestFacts, stateWords, targetFacts, type Fact } from './facts';
import { QUEUED_NEXT } from './result';
import type { AdaptiveCardJson } from './templates';
import { escapeMarkdown, truncate } from './text';

/** Graph's own messages are cut here; the full text stays in Graph's logs under the request ids. */
export const MAX_GRAPH_MESSAGE_LENGTH = 300;

const WORDS = { verb: 'reprocess', command: 'reprocess request', notDone: 'nothing was reprocessed' };

function subjectFacts(request: RequestView): Fact[] {
  const [id, ...details] = requestFacts(request);
  return [...(id ? [id] : []), ...targetFacts(request), ...details, ...fact(Labels.assignmentId, request.assignmentId)];
}

function notEligibleNext(state: string): string {
  switch (state.toLowerCase()) {
    case 'delivered':
      return 'Its access was delivered. To re-apply it, reprocess the assignment instead.';
    case 'submitted':
    case 'pendingapproval':
    case 'scheduled':
    case 'delivering':
      return 'It is still in progress. Check again later.';
    case 'denied':
    case 'canceled':
      return 'It will not be delivered. The user must request the access package again.';
    default:
      return 'Check the request in the Microsoft Entra admin center under Identity Governance.';
  }
}

/** The card of any request reprocess outcome; the exhaustive switch keeps one card per kind. */
export function renderRequestResult(outcome: RequestReprocessOutcome, ctx: CardContext): AdaptiveCardJson {
  if (isFailure(outcome)) return renderFailure(outcome, WORDS, 'reprocessRequest', ctx);
  switch (outcome.kind) {
    case 'requestAccepted':
    case 'requestNotEligible': {
      const { request, ids } = outcome;
      const status = { status: button('Check assignment status', request.assignmentId) };
      const subject = subjectFacts(request);
      if (outcome.kind === 'requestAccepted') {
        const summary = 'Microsoft Graph accepted it (202): delivery of the access package request will be retried.';
        return renderOutcome(
          {
            tone: 'good',
            title: 'Request reprocess queued',
            summary,
            next: QUEUED_NEXT,
            subject,
            actorLabel: 'Run by',
            ids,
            buttons: status,
          },
          ctx,
        );
      }
      const summary = `Only a request whose delivery failed or was partial can be reprocessed, and this one is ${escapeMarkdown(stateWords(request.state))}.`;
      const next = notEligibleNext(request.state);
      return renderOutcome(
        {
          tone: 'warning',
          title: 'Request not eligible for reprocess',
          summary,
          next,
          subject,
          actorLabel: 'Requested by',
          ids,
          buttons: status,
        },
        ctx,
      );
    }
    case 'requestRejected': {
      const message = outcome.message?.trim()
        ? ` Its message: ${escapeMarkdown(truncate(outcome.message.trim(), MAX_GRAPH_MESSAGE_LENGTH))}`
        : '';
      const next =
        'Graph reprocesses a request only within 14 days after it completed. For an older request, the user must cancel it and request the access package again in My Access.';
      const http = { status: 400, code: outcome.code };
      const subject = fact(Labels.requestId, outcome.requestId);
      const card = {
        tone: 'attention' as const,
        title: 'Microsoft Graph refused to reprocess the request',
        summary: `${graphAnswered(400, outcome.code)}${message}`,
        next,
      };
      return renderOutcome({ ...card, subject, actorLabel: 'Requested by', ids: outcome.ids, http }, ctx);
    }
    default:
      return assertNever(outcome);
  }
}
