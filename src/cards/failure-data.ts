/** The failures every command can end in, their wording table type, and their part of an outcome card. */
import type { ReprocessOutcome, RequestReprocessOutcome } from '../services/outcomes';
import {
  assertNever,
  outcomeCardData,
  type CardContext,
  type CardWording,
  type OutcomeCardData,
  type OutcomeParts,
} from './outcome-data';

const FAILURE_KINDS = [
  'invalidId',
  'notFound',
  'accessDenied',
  'consentRequired',
  'throttled',
  'graphFailure',
] as const;

/** Kinds of the failures every command can end in. */
export type FailureKind = (typeof FAILURE_KINDS)[number];

/** A failure every command can end in, whether it was about an assignment or a request. */
export type FailureOutcome = Extract<ReprocessOutcome | RequestReprocessOutcome, { kind: FailureKind }>;

/** Wording of each failure kind; one entry fits the failure whether it was about an assignment or a request. */
export type FailureWording = { [K in FailureKind]: CardWording<Extract<FailureOutcome, { kind: K }>> };

/** Wording per kind of outcome union `U`: the shared failures and `U`'s own kinds; a missing kind fails to compile. */
export type WordingTable<U extends { kind: string }> = FailureWording & {
  [K in Exclude<U['kind'], FailureKind>]: CardWording<Extract<U, { kind: K }>>;
};

/** True for a failure every command can end in, as opposed to an outcome only one command has. */
export function isFailure<O extends { kind: string }>(outcome: O): outcome is Extract<O, { kind: FailureKind }> {
  return (FAILURE_KINDS as readonly string[]).includes(outcome.kind);
}

/** The id the failure was about; none when the input was not an id at all. */
export function failedId(outcome: FailureOutcome): string | undefined {
  if (outcome.kind === 'invalidId') return undefined;
  return 'assignmentId' in outcome ? outcome.assignmentId : outcome.requestId;
}

/** True when Graph was busy or failed, so the same call may work when tried again. */
export function isTransient(outcome: FailureOutcome): boolean {
  return outcome.kind === 'throttled' || outcome.kind === 'graphFailure';
}

/** What a command adds to a failure's card; tone, ids, HTTP details and consent link come from the failure itself. */
export type FailureExtras = Omit<OutcomeParts, 'tone' | 'ids' | 'http' | 'consentUrl'>;

/** A failure's card in the words `wording` gives its kind; the exhaustive switch keeps one card per kind. */
export function failureCardData(
  outcome: FailureOutcome,
  wording: FailureWording,
  extras: FailureExtras,
  ctx: CardContext,
): OutcomeCardData {
  switch (outcome.kind) {
    case 'invalidId':
      return outcomeCardData(outcome, wording.invalidId, { ...extras, tone: 'attention' }, ctx);
    case 'notFound':
      return outcomeCardData(outcome, wording.notFound, { ...extras, tone: 'attention', ids: outcome.ids }, ctx);
    case 'accessDenied':
      return outcomeCardData(outcome, wording.accessDenied, { ...extras, tone: 'attention', ids: outcome.ids }, ctx);
    case 'consentRequired': {
      const parts: OutcomeParts = { ...extras, tone: 'attention', consentUrl: outcome.consentUrl };
      return outcomeCardData(outcome, wording.consentRequired, parts, ctx);
    }
    case 'throttled':
      return outcomeCardData(outcome, wording.throttled, { ...extras, tone: 'warning', ids: outcome.ids }, ctx);
    case 'graphFailure': {
      const http = { status: outcome.status, code: outcome.code };
      const parts: OutcomeParts = { ...extras, tone: 'attention', ids: outcome.ids, http };
      return outcomeCardData(outcome, wording.graphFailure, parts, ctx);
    }
    default:
      return assertNever(outcome);
  }
}
