/** Turns a request reprocess outcome into the data object of `cards/outcome.json`. */
import type { RequestReprocessOutcome } from '../services/outcomes';
import type { RequestView } from '../graph/types';
import { Labels } from './wording';
import { fact, requestDetailFacts, targetFacts, type Fact } from './facts';
import { RequestWording } from './request-wording';
import {
  assertNever,
  button,
  outcomeCardData,
  type CardContext,
  type CardWording,
  type OutcomeCardData,
} from './outcome-data';
import { failedId, failureCardData, isFailure, isTransient, type FailureOutcome } from './failure-data';

/** Data of the request result card. */
export type RequestCardData = OutcomeCardData;

type WithRequest = Extract<RequestReprocessOutcome, { request: RequestView }>;
type Rejected = Extract<RequestReprocessOutcome, { kind: 'requestRejected' }>;

function subjectFacts(request: RequestView): Fact[] {
  return [
    ...fact(Labels.request, request.id),
    ...targetFacts(request),
    ...requestDetailFacts(request),
    ...fact(Labels.assignmentId, request.assignmentId),
  ];
}

function requestCard<O extends WithRequest>(outcome: O, wording: CardWording<O>, ctx: CardContext): RequestCardData {
  const { request, ids } = outcome;
  const tone = outcome.kind === 'requestAccepted' ? 'good' : 'warning';
  const buttons = { status: button(Labels.checkStatus, request.assignmentId) };
  return outcomeCardData(outcome, wording, { tone, subject: subjectFacts(request), ids, buttons }, ctx);
}

// Graph's own 400: shown plainly, with its code in Diagnostics, and no Try again since it would fail the same way.
function rejectedCard(outcome: Rejected, ctx: CardContext): RequestCardData {
  const http = { status: 400, code: outcome.code };
  const subject = fact(Labels.request, outcome.requestId);
  const parts = { tone: 'attention', ids: outcome.ids, http, subject } as const;
  return outcomeCardData(outcome, RequestWording.requestRejected, parts, ctx);
}

function failureCard(outcome: FailureOutcome & RequestReprocessOutcome, ctx: CardContext): RequestCardData {
  const requestId = failedId(outcome);
  const buttons = { reprocessRequest: isTransient(outcome) && button(Labels.tryAgain, requestId) };
  return failureCardData(outcome, RequestWording, { subject: fact(Labels.request, requestId), buttons }, ctx);
}

/** Builds the request result card data for any outcome; the exhaustive switch keeps one card per kind. */
export function requestCardData(outcome: RequestReprocessOutcome, ctx: CardContext): RequestCardData {
  if (isFailure(outcome)) return failureCard(outcome, ctx);
  switch (outcome.kind) {
    case 'requestAccepted':
      return requestCard(outcome, RequestWording.requestAccepted, ctx);
    case 'requestNotEligible':
      return requestCard(outcome, RequestWording.requestNotEligible, ctx);
    case 'requestRejected':
      return rejectedCard(outcome, ctx);
    default:
      return assertNever(outcome);
  }
}
