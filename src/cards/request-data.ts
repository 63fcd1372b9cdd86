/** Turns a request reprocess outcome into the data object of `cards/outcome.json`. */
import type { RequestReprocessOutcome } from '../services/outcomes';
import type { RequestView } from '../graph/types';
import { Labels } from './wording';
import { fact, personFact, requestDetailFacts, type Fact } from './facts';
import { RequestWording } from './request-wording';
import {
  assertNever,
  button,
  failureParts,
  outcomeCardData,
  type CardContext,
  type CardWording,
  type OutcomeCardData,
  type OutcomeParts,
} from './outcome-data';

/** Data of the request result card. */
export type RequestCardData = OutcomeCardData;

type WithRequest = Extract<RequestReprocessOutcome, { request: RequestView }>;
type WithoutRequest = Exclude<RequestReprocessOutcome, WithRequest>;

function subjectFacts(request: RequestView): Fact[] {
  const target = request.target;
  const pkg = request.accessPackage;
  return [
    ...fact(Labels.request, request.id),
    ...personFact(Labels.user, target?.displayName, target?.principalName ?? target?.email),
    ...fact(Labels.accessPackage, pkg?.displayName ?? pkg?.id),
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

function failureCard<O extends WithoutRequest>(outcome: O, wording: CardWording<O>, ctx: CardContext): RequestCardData {
  const requestId = outcome.kind === 'invalidId' ? undefined : outcome.requestId;
  const parts: OutcomeParts =
    outcome.kind === 'requestRejected'
      ? { tone: 'attention', ids: outcome.ids, http: { status: 400, code: outcome.code } }
      : failureParts(outcome);
  const retry = outcome.kind === 'throttled' || outcome.kind === 'graphFailure';
  const buttons = { reprocessRequest: retry && button(Labels.tryAgain, requestId) };
  return outcomeCardData(outcome, wording, { ...parts, subject: fact(Labels.request, requestId), buttons }, ctx);
}

/** Builds the request result card data for any outcome; the exhaustive switch keeps one card per kind. */
export function requestCardData(outcome: RequestReprocessOutcome, ctx: CardContext): RequestCardData {
  const W = RequestWording;
  switch (outcome.kind) {
    case 'requestAccepted':
      return requestCard(outcome, W.requestAccepted, ctx);
    case 'requestNotEligible':
      return requestCard(outcome, W.requestNotEligible, ctx);
    case 'requestRejected':
      return failureCard(outcome, W.requestRejected, ctx);
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
