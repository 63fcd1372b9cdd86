/** Turns a reprocess outcome into the data object of `cards/outcome.json`. */
import type { ReprocessOutcome } from '../services/outcomes';
import { Labels } from './wording';
import { assignmentFacts, requestFacts } from './facts';
import { retryableRequest } from './request-states';
import { ResultWording } from './result-wording';
import {
  assertNever,
  button,
  failureParts,
  outcomeCardData,
  type CardContext,
  type CardWording,
  type FailureOutcome,
  type OutcomeCardData,
} from './outcome-data';

export type { Fact } from './facts';
export type { Tone } from './outcome-data';

/** Data of the result card. */
export type ResultCardData = OutcomeCardData;

/** Who acted and when, as passed to `renderResult`. */
export type ResultContext = CardContext;

type NotEligible = Extract<ReprocessOutcome, { kind: 'notEligible' }>;

// Points at the latest request when Graph would accept its reprocess; otherwise the card is unchanged.
function notEligibleCard(outcome: NotEligible, ctx: CardContext): ResultCardData {
  const { assignment, ids } = outcome;
  const request = retryableRequest(assignment, outcome.latestRequest);
  const subject = [
    ...assignmentFacts(assignment.id, assignment),
    ...(request ? requestFacts(request, Labels.latestRequest) : []),
  ];
  const buttons = {
    status: button(Labels.checkStatus, assignment.id),
    reprocessRequest: button(Labels.reprocessRequest, request?.id),
  };
  return outcomeCardData(outcome, ResultWording.notEligible, { tone: 'warning', subject, ids, buttons }, ctx);
}

function failureCard<O extends FailureOutcome & ReprocessOutcome>(
  outcome: O,
  wording: CardWording<O>,
  ctx: CardContext,
): ResultCardData {
  const assignmentId = outcome.kind === 'invalidId' ? undefined : outcome.assignmentId;
  const retry = outcome.kind === 'throttled' || outcome.kind === 'graphFailure';
  const buttons = {
    status: button(Labels.checkStatus, assignmentId),
    reprocess: retry && button(Labels.tryAgain, assignmentId),
  };
  const parts = { ...failureParts(outcome), subject: assignmentFacts(assignmentId), buttons };
  return outcomeCardData(outcome, wording, parts, ctx);
}

/** Builds the result card data for any outcome; the exhaustive switch keeps one card per kind. */
export function resultCardData(outcome: ReprocessOutcome, ctx: ResultContext): ResultCardData {
  const W = ResultWording;
  switch (outcome.kind) {
    case 'accepted': {
      const { assignment, ids } = outcome;
      const subject = assignmentFacts(assignment.id, assignment);
      const buttons = { status: button(Labels.checkStatus, assignment.id) };
      return outcomeCardData(outcome, W.accepted, { tone: 'good', subject, ids, buttons }, ctx);
    }
    case 'notEligible':
      return notEligibleCard(outcome, ctx);
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
