/**
 * `cards/outcome.json`: the one card of every Graph command's outcome (reprocess, status, request reprocess), and
 * the words of the failures those commands share. The result, status and request modules add their own outcomes.
 */
import { GRAPH_BUDGETS, NO_ANSWER } from '../graph/limits';
import type { RequestIds } from '../graph/types';
import type { Actor, Failure, TargetKind } from '../services/outcomes';
import { actorFacts, diagnosticFacts, fact, Labels, type Fact } from './facts';
import { expandTemplate, type AdaptiveCardJson } from './templates';
import { escapeMarkdown, echo, tryAgainIn } from './text';

/** Container style of a card's header. */
export type Tone = 'good' | 'attention' | 'warning' | 'accent' | 'default';

/** Who asked and when, passed to every outcome card. */
export interface CardContext {
  actor: Actor;
  at: Date;
}

/** A button's title and the raw id its Action.Execute data carries. */
export interface Button {
  title: string;
  id: string;
}

/** What one outcome's card shows; text is Markdown-safe. The template fixes each button's verb and data. */
export interface OutcomeCard {
  tone: Tone;
  title: string;
  summary: string;
  next?: string;
  /** What was acted on; "who and when" follows under `actorLabel`. */
  subject: Fact[];
  actorLabel: 'Run by' | 'Requested by' | 'Checked by';
  ids?: RequestIds;
  http?: { status: number; code: string };
  consentUrl?: string;
  /** `status` / `reprocess` carry `{ assignmentId }`, `reprocessRequest` carries `{ requestId }`. */
  buttons?: { status?: Button | false; reprocess?: Button | false; reprocessRequest?: Button | false };
}

/** A button titled `title` for `id`; none (false) when the id is missing or blank. */
export function button(title: string, id: string | undefined): Button | false {
  return id !== undefined && id.trim() !== '' && { title, id };
}

/** Expands `cards/outcome.json`; optional parts are left out (never empty) so the template's `$when` drops them. */
export function renderOutcome(card: OutcomeCard, ctx: CardContext): AdaptiveCardJson {
  const buttons = Object.fromEntries(Object.entries(card.buttons ?? {}).filter(([, b]) => b));
  return expandTemplate('outcome', {
    tone: card.tone,
    title: card.title,
    summary: card.summary,
    ...(card.next ? { next: card.next } : {}),
    facts: [...card.subject, ...actorFacts(card.actorLabel, ctx.actor, ctx.at)],
    diagnostics: diagnosticFacts(ctx.at, card.ids, card.http),
    ...(card.consentUrl ? { consentUrl: card.consentUrl } : {}),
    buttons,
  });
}

/** A sample id, for wording and the help form's placeholder. */
export const SAMPLE_ID = 'd82eb508-acc4-43cc-bcf1-7c1c4a2c073b';

/** Said when a command was answered without calling Graph. */
export const NOTHING_SENT = 'Nothing was sent to Microsoft Graph.';

const NOUN: Record<TargetKind, string> = { assignment: 'assignment', request: 'request' };
const ROLES =
  'Access Package Assignment Manager or higher (for example Catalog owner or Identity Governance Administrator)';

/**
 * "Microsoft Graph answered HTTP 500 (code)."; the code is left out when Graph sent none. Status 0 means no answer
 * came at all: a timeout or a failed connection, said as such.
 */
export function graphAnswered(status: number, code: string): string {
  if (status === 0 && code === NO_ANSWER.timeout) {
    const seconds = GRAPH_BUDGETS.interactive.budgetMs / 1000;
    return `Microsoft Graph did not answer in time: the bot waits at most ${seconds} seconds for a command, retries included.`;
  }
  if (status === 0) return 'Microsoft Graph did not answer: the connection failed before a response arrived.';
  return `Microsoft Graph answered HTTP ${status}${code.trim() ? ` (${escapeMarkdown(code)})` : ''}.`;
}

/** How a command names itself in failure wording: "reprocess", typed as "reprocess request", else "nothing was reprocessed". */
export interface CommandWords {
  verb: string;
  command: string;
  notDone: string;
}

/** Title, summary and next step of a failure of the command `words` describes. */
export function failureWords(failure: Failure, words: CommandWords): Pick<OutcomeCard, 'title' | 'summary' | 'next'> {
  const { verb, command } = words;
  const noun = NOUN[failure.target.kind];
  const Noun = noun.charAt(0).toUpperCase() + noun.slice(1);
  const an = noun === 'assignment' ? 'an' : 'a';
  switch (failure.kind) {
    case 'invalidId':
      if (failure.target.id.trim() === '') {
        return {
          title: `No ${noun} id was given`,
          summary: `Type ${command} followed by ${an} ${noun} id, such as ${SAMPLE_ID}.`,
          next: NOTHING_SENT,
        };
      }
      return {
        title: `That isn't ${an} ${noun} id`,
        summary: `"${echo(failure.target.id)}" is not ${an} ${noun} id: ${noun} ids are GUIDs, such as ${SAMPLE_ID}.`,
        next: NOTHING_SENT,
      };
    case 'notFound':
      return {
        title: `${Noun} not found`,
        summary: `There is no access package ${noun} with this id, or your role can't see it.`,
        next: `Catalog-scoped roles see only the ${noun}s of their catalogs. Check the id, or ask an Identity Governance Administrator.`,
      };
    case 'accessDenied':
      return {
        title: `You can't ${verb} this ${noun}`,
        summary: `Microsoft Graph refused (403): that needs the ${ROLES} role for the ${noun}'s catalog.`,
        next: 'Ask an Identity Governance Administrator to grant you one of these roles.',
      };
    case 'consentRequired':
      return {
        title: 'Admin consent needed',
        summary:
          'A tenant admin must grant Reprocess consent for the delegated Microsoft Graph permission EntitlementManagement.ReadWrite.All before anyone can use it.',
        next: "If you aren't a Global Administrator or Privileged Role Administrator, send this link to one of them.",
      };
    case 'throttled':
      return {
        title:
          failure.status === 503
            ? 'Microsoft Graph is temporarily unavailable'
            : 'Microsoft Graph is throttling requests',
        summary: `${failure.status === 503 ? 'Microsoft Graph answered 503 (service unavailable)' : 'Microsoft Graph asked the bot to slow down (429)'}, so ${words.notDone}.`,
        next: tryAgainIn(failure.retryAfterSeconds),
      };
    case 'graphFailure':
      return {
        title: 'Microsoft Graph failed',
        summary: graphAnswered(failure.status, failure.code),
        next: 'Try again. If it keeps failing, share the ids under Diagnostics with support.',
      };
  }
}

/** The parts of a failure's card that do not depend on the command: tone, ids, HTTP details, consent link. */
export function failureParts(
  failure: Failure,
): Pick<OutcomeCard, 'tone' | 'ids' | 'http' | 'consentUrl' | 'subject' | 'actorLabel'> {
  const subject =
    failure.kind === 'invalidId'
      ? []
      : fact(failure.target.kind === 'assignment' ? Labels.assignmentId : Labels.requestId, failure.target.id);
  const base = { subject, actorLabel: 'Requested by' as const };
  switch (failure.kind) {
    case 'invalidId':
      return { ...base, tone: 'attention' };
    case 'consentRequired':
      return { ...base, tone: 'attention', consentUrl: failure.consentUrl };
    case 'throttled':
      return { ...base, tone: 'warning', ids: failure.ids };
    case 'graphFailure':
      return { ...base, tone: 'attention', ids: failure.ids, http: { status: failure.status, code: failure.code } };
    case 'notFound':
    case 'accessDenied':
      return { ...base, tone: 'attention', ids: failure.ids };
  }
}

/** True when trying again may work (Graph was busy or failed); only then does a failure card offer Try again. */
export function isTransient(failure: Failure): boolean {
  return failure.kind === 'throttled' || failure.kind === 'graphFailure';
}

// A record, so a new failure kind does not compile until it is listed here.
const FAILURE_KINDS: Record<Failure['kind'], true> = {
  invalidId: true,
  notFound: true,
  accessDenied: true,
  consentRequired: true,
  throttled: true,
  graphFailure: true,
};

/** True for the failures every Graph command shares; what remains of an outcome union is the command's own. */
export function isFailure<T extends { kind: string }>(outcome: T | Failure): outcome is Failure {
  return Object.hasOwn(FAILURE_KINDS, outcome.kind);
}

/** The card of a shared failure, offering Try again (as the command's own button) only when it may work. */
export function renderFailure(
  failure: Failure,
  words: CommandWords,
  retry: keyof NonNullable<OutcomeCard['buttons']>,
  ctx: CardContext,
): AdaptiveCardJson {
  const buttons = { [retry]: isTransient(failure) && button('Try again', failure.target.id) };
  return renderOutcome({ ...failureParts(failure), ...failureWords(failure, words), buttons }, ctx);
}

// Outcome kinds as the audit log and bulk jobs store them. Entries come back from storage, so a kind written by a
// later version shows verbatim (escaped).
const OUTCOME_WORDS: Readonly<Record<string, string>> = {
  accepted: 'Reprocess queued',
  requestAccepted: 'Request reprocess queued',
  notFound: 'Not found',
  accessDenied: 'Access denied',
  notEligible: 'Not eligible',
  throttled: 'Throttled by Microsoft Graph',
  graphFailure: 'Microsoft Graph failed',
  consentRequired: 'Admin consent needed',
  requestNotEligible: 'Request not eligible',
  requestRejected: 'Refused by Microsoft Graph',
  refused: 'Refused by Microsoft Graph',
  noAnswer: 'No answer from Microsoft Graph',
  interrupted: 'Interrupted, result unknown',
  failed: 'Failed',
};

/** An outcome kind in short words ("Not found"); always Markdown-safe. */
export function outcomeWords(kind: string): string {
  const key = kind.trim();
  return escapeMarkdown(Object.hasOwn(OUTCOME_WORDS, key) ? OUTCOME_WORDS[key] : key) || OUTCOME_WORDS.failed;
}

/** Fails loudly on an outcome kind added to a union without a card. */
export function assertNever(value: never): never {
  throw new Error(`Unhandled outcome: ${JSON.stringify(value)}`);
}
