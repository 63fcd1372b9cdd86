/** The card answering `status <id>` or Check status: state, user, package, latest request and the next action. */
import type { AssignmentState } from '../graph/types';
import type { StatusOutcome } from '../services/outcomes';
import { retryableRequest } from '../services/request';
import { assignmentFacts, fact, Labels, requestFacts, stateWords, timeFact } from './facts';
import { button, failureParts, failureWords, isTransient, renderOutcome, type CardContext, type Tone } from './outcome';
import { notEligibleNext } from './result';
import type { AdaptiveCardJson } from './templates';
import { escapeMarkdown } from './text';

/** Header tone per assignment state: good news, in progress or partial, failed, or simply over. */
export function statusTone(state: AssignmentState): Tone {
  switch (state) {
    case 'delivered':
      return 'good';
    case 'delivering':
    case 'partiallyDelivered':
      return 'warning';
    case 'deliveryFailed':
      return 'attention';
    case 'expired':
      return 'accent';
    default:
      return 'default';
  }
}

const WORDS = { verb: 'view', command: 'status', notDone: 'the status could not be read' };

/** The status card of a read assignment, or the card of the failure that kept it from being read. */
export function renderStatus(outcome: StatusOutcome, ctx: CardContext): AdaptiveCardJson {
  if (outcome.kind !== 'status') {
    const words = failureWords(outcome, WORDS);
    const denied = outcome.kind === 'accessDenied' && {
      summary:
        'Microsoft Graph refused (403): reading it needs Catalog reader, Access Package Assignment Manager or a higher role for its catalog.',
    };
    const failed = outcome.kind === 'graphFailure' && { title: "Couldn't check status" };
    const buttons = { status: isTransient(outcome) && button('Try again', outcome.target.id) };
    return renderOutcome(
      { ...failureParts(outcome), ...words, ...denied, ...failed, actorLabel: 'Checked by', buttons },
      ctx,
    );
  }
  const { assignment: a, latestRequest, ids } = outcome;
  const subject = [
    ...assignmentFacts(a.id, a, true),
    ...fact('Status', a.status),
    ...timeFact('Starts', a.startsAt),
    ...timeFact('Expires', a.expiresAt),
    ...(latestRequest ? requestFacts(latestRequest, Labels.latestRequest) : []),
  ];
  const buttons = {
    status: button('Refresh', a.id),
    reprocess: a.state === 'delivered' && button('Reprocess', a.id),
    reprocessRequest: button('Reprocess request', retryableRequest(a, latestRequest)?.id),
  };
  const next =
    a.state === 'delivered'
      ? 'If the user is still missing access, reprocess it: it will be re-evaluated and its access re-applied.'
      : notEligibleNext(a, latestRequest);
  const summary = `The assignment is ${escapeMarkdown(stateWords(a.state))}.`;
  return renderOutcome(
    {
      tone: statusTone(a.state),
      title: 'Assignment status',
      summary,
      next,
      subject,
      actorLabel: 'Checked by',
      ids,
      buttons,
    },
    ctx,
  );
}
