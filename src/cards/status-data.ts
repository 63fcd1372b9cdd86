/** Turns a status outcome into the data object of `cards/outcome.json`. */
import type { StatusOutcome } from '../services/outcomes';
import type { AssignmentState } from '../graph/types';
import { Labels } from './wording';
import { assignmentFacts, dateFact, fact, requestFacts } from './facts';
import { retryableRequest } from './request-states';
import { StatusWording } from './status-wording';
import {
  assertNever,
  button,
  failureParts,
  outcomeCardData,
  type CardContext,
  type CardWording,
  type OutcomeCardData,
  type Tone,
} from './outcome-data';

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
    ...(latestRequest ? requestFacts(latestRequest, Labels.latestRequest) : []),
  ];
  const buttons = {
    status: button(Labels.refresh, a.id),
    reprocess: a.state === 'delivered' && button(Labels.reprocess, a.id),
    reprocessRequest: button(Labels.reprocessRequest, retryableRequest(a, latestRequest)?.id),
  };
  const parts = { tone: statusTone(a.state), subject, ids, actorLabel: Labels.checkedBy, buttons };
  return outcomeCardData(outcome, StatusWording.status, parts, ctx);
}

function failureCard<O extends StatusFailure>(outcome: O, wording: CardWording<O>, ctx: CardContext): StatusCardData {
  const assignmentId = outcome.kind === 'invalidId' ? undefined : outcome.assignmentId;
  const buttons = { status: button(Labels.tryAgain, assignmentId) };
  const parts = { ...failureParts(outcome), subject: assignmentFacts(assignmentId), actorLabel: Labels.checkedBy };
  return outcomeCardData(outcome, wording, { ...parts, buttons }, ctx);
}

/** Builds the status card data for any status outcome; the exhaustive switch keeps one card per kind. */
export function statusCardData(outcome: StatusOutcome, ctx: CardContext): StatusCardData {
  const W = StatusWording;
  switch (outcome.kind) {
    case 'status':
      return readCard(outcome, ctx);
    case 'invalidId':
      return failureCard(outcome, W.invalidId, ctx);
    case 'notFound':
      return failureCard(outcome, W.notFound, ctx);
    case 'accessDenied':
      return failureCard(outcome, W.accessDenied, ctx);
    case 'consentRequired':
      return failureCard(outcome, W.consentRequired, ctx);
    case 'throttled':
      return failureCard(outcome, W.throttled, ctx);
    case 'graphFailure':
      return failureCard(outcome, W.graphFailure, ctx);
    default:
      return assertNever(outcome);
  }
}
