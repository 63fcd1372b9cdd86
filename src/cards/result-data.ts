/** Turns a reprocess outcome into the data object of `cards/outcome.json`. */
import type { ReprocessOutcome } from '../services/outcomes';
import { Labels } from './wording';
import { assignmentFacts, latestRequestFacts } from './facts';
import { retryableRequest } from './request-states';
import { ResultWording } from './result-wording';
import { assertNever, button, outcomeCardData, type CardContext, type OutcomeCardData } from './outcome-data';
import { failedId, failureCardData, isFailure, isTransient, type FailureOutcome } from './failure-data';

export type { Fact } from './facts';
export type { Tone } from './outcome-data';

/** Data of the result card. */
export type ResultCardData = OutcomeCardData;

/** Who acted and when, as passed to `renderResult`. */
export type ResultContext = CardContext;

type Accepted = Extract<ReprocessOutcome, { kind: 'accepted' }>;
type NotEligible = Extract<ReprocessOutcome, { kind: 'notEligible' }>;

function acceptedCard(outcome: Accepted, ctx: CardContext): ResultCardData {
  const { assignment, ids } = outcome;
  const subject = assignmentFacts(assignment.id, assignment);
  const buttons = { status: button(Labels.checkStatus, assignment.id) };
  return outcomeCardData(outcome, ResultWording.accepted, { tone: 'good', subject, ids, buttons }, ctx);
}

// Points at the latest request when Graph would accept its reprocess; otherwise the card is unchanged.
function notEligibleCard(outcome: NotEligible, ctx: CardContext): ResultCardData {
  const { assignment, ids } = outcome;
  const request = retryableRequest(assignment, outcome.latestRequest);
  const subject = [...assignmentFacts(assignment.id, assignment), ...latestRequestFacts(request)];
  const buttons = {
    status: button(Labels.checkStatus, assignment.id),
    reprocessRequest: button(Labels.reprocessRequest, request?.id),
  };
  return outcomeCardData(outcome, ResultWording.notEligible, { tone: 'warning', subject, ids, buttons }, ctx);
}

function failureCard(outcome: FailureOutcome & ReprocessOutcome, ctx: CardContext): ResultCardData {
  const assignmentId = failedId(outcome);
  const buttons = {
    status: button(Labels.checkStatus, assignmentId),
    reprocess: isTransient(outcome) && button(Labels.tryAgain, assignmentId),
  };
  return failureCardData(outcome, ResultWording, { subject: assignmentFacts(assignmentId), buttons }, ctx);
}

/** Builds the result card data for any outcome; the exhaustive switch keeps one card per kind. */
export function resultCardData(outcome: ReprocessOutcome, ctx: ResultContext): ResultCardData {
  if (isFailure(outcome)) return failureCard(outcome, ctx);
  switch (outcome.kind) {
    case 'accepted':
      return acceptedCard(outcome, ctx);
    case 'notEligible':
      return notEligibleCard(outcome, ctx);
    default:
      return assertNever(outcome);
  }
}
