/** Turns a status outcome into the data object of `cards/outcome.json`. */
import type { StatusOutcome } from '../services/outcomes';
import type { AssignmentState } from '../graph/types';
import { Labels } from './wording';
import { assignmentFacts, dateFact, fact, latestRequestFacts } from './facts';
import { retryableRequest } from './request-states';
import { StatusWording } from './status-wording';
import { button, outcomeCardData, type CardContext, type OutcomeCardData, type Tone } from './outcome-data';
import { failedId, failureCardData, isFailure } from './failure-data';

/** Data of the status card. */
export type StatusCardData = OutcomeCardData;

type StatusRead = Extract<StatusOutcome, { kind: 'status' }>;
type StatusFailure = Exclude<StatusOutcome, StatusRead>;

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

function readCard(outcome: StatusRead, ctx: CardContext): StatusCardData {
  const { assignment: a, latestRequest, ids } = outcome;
  const subject = [
    ...assignmentFacts(a.id, a),
    ...fact(Labels.status, a.status),
    ...dateFact(Labels.starts, a.startsAt),
    ...dateFact(Labels.expires, a.expiresAt),
    ...latestRequestFacts(latestRequest),
  ];
  const buttons = {
    status: button(Labels.refresh, a.id),
    reprocess: a.state === 'delivered' && button(Labels.reprocess, a.id),
    reprocessRequest: button(Labels.reprocessRequest, retryableRequest(a, latestRequest)?.id),
  };
  const parts = { tone: statusTone(a.state), subject, ids, actorLabel: Labels.checkedBy, buttons };
  return outcomeCardData(outcome, StatusWording.status, parts, ctx);
}

function failureCard(outcome: StatusFailure, ctx: CardContext): StatusCardData {
  const assignmentId = failedId(outcome);
  const buttons = { status: button(Labels.tryAgain, assignmentId) };
  const extras = { subject: assignmentFacts(assignmentId), actorLabel: Labels.checkedBy, buttons };
  return failureCardData(outcome, StatusWording, extras, ctx);
}

/** Builds the status card data for any status outcome: the read itself, or one card per failure kind. */
export function statusCardData(outcome: StatusOutcome, ctx: CardContext): StatusCardData {
  return isFailure(outcome) ? failureCard(outcome, ctx) : readCard(outcome, ctx);
}
