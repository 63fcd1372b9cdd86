/** Sentences the outcome cards share, whether the command was about an assignment or a request. */
import { ConsentWording, escapeMarkdown, truncate, SAMPLE_ASSIGNMENT_ID } from './wording';
import type { FailureWording } from './failure-data';
import { GRAPH_BUDGETS, NO_ANSWER } from '../graph/limits';

/** What a command's id names. */
export type IdNoun = 'assignment' | 'request';

/** Echoes of user input are cut here so a pasted paragraph cannot swamp the card. */
export const MAX_ECHO_LENGTH = 80;

/** Graph's own messages are cut here; the full text stays in Graph's logs under the request ids. */
export const MAX_GRAPH_MESSAGE_LENGTH = 300;

/** Said when an id was refused before any network call. */
export const NOTHING_SENT = 'Nothing was sent to Microsoft Graph.';

/** Seconds to wait before retrying: Graph's Retry-After, never less than 1. */
export function retrySeconds(retryAfterSeconds: number): number {
  return Number.isFinite(retryAfterSeconds) ? Math.max(1, Math.ceil(retryAfterSeconds)) : 1;
}

/** "Try again in N seconds." from Graph's Retry-After. */
export function tryAgainIn(retryAfterSeconds: number): string {
  const seconds = retrySeconds(retryAfterSeconds);
  return `Try again in ${seconds} ${seconds === 1 ? 'second' : 'seconds'}.`;
}

/**
 * "Microsoft Graph answered HTTP 500 (code)."; the code is left out when Graph sent none. Status 0 means no
 * answer came at all: a timeout or a failed connection, said as such.
 */
export function graphAnswered(status: number, code: string): string {
  if (status === 0 && code === NO_ANSWER.timeout) {
    return `Microsoft Graph did not answer in time: the bot waits at most ${GRAPH_BUDGETS.interactive.budgetMs / 1000} seconds for a command, retries included.`;
  }
  if (status === 0) return 'Microsoft Graph did not answer: the connection failed before a response arrived.';
  return `Microsoft Graph answered HTTP ${status}${code.trim() ? ` (${escapeMarkdown(code)})` : ''}.`;
}

const CAPITAL: Record<IdNoun, string> = { assignment: 'Assignment', request: 'Request' };

// "an assignment id", "a request id".
function anId(noun: IdNoun): string {
  return `${noun === 'assignment' ? 'an' : 'a'} ${noun} id`;
}

/** Why `input` is not an id of the given kind, echoing it escaped and shortened. */
export function notAnId(input: string, noun: IdNoun): string {
  const shown = input.trim();
  if (shown === '') return `No ${noun} id was given.`;
  return (
    `"${escapeMarkdown(truncate(shown, MAX_ECHO_LENGTH))}" is not ${anId(noun)}. ` +
    `${CAPITAL[noun]} ids are GUIDs, like ${SAMPLE_ASSIGNMENT_ID}.`
  );
}

/** Which roles may reprocess, said when Graph answered 403 to a reprocess. */
export const REPROCESS_ROLES =
  'Reprocessing needs the Access Package Assignment Manager role or higher (for example Catalog owner ' +
  'or Identity Governance Administrator) in entitlement management.';

/** Advice on roles when Graph answered 403, shared by every command. */
export const ROLE_ADVICE = 'Ask an Identity Governance Administrator to grant you one of these roles for the catalog.';

/** Advice after an unexpected Graph failure. */
export const GRAPH_FAILURE_ADVICE = 'Try again. If it keeps failing, share the request ids below with support.';

/** Said after Graph accepted a reprocess (202). */
export const QUEUED_NEXT = 'This is queued, not done yet. Check the status in a minute.';

/** Wording of the failures every command can end in, for `noun` ids; `notDone` ends the throttled summary. */
export function failureWording(noun: IdNoun, notDone: string): FailureWording {
  return {
    invalidId: {
      title: `That isn't ${anId(noun)}`,
      summary: (o) => notAnId(o.input, noun),
      next: () => NOTHING_SENT,
    },
    notFound: {
      title: `${CAPITAL[noun]} not found`,
      summary: () => `There is no access package ${noun} with this id, or it is not visible to your role.`,
      next: () =>
        `Catalog owners and catalog-scoped assignment managers see only the ${noun}s in their catalogs. ` +
        'Check the id, or ask an Identity Governance Administrator.',
    },
    accessDenied: {
      title: `You can't reprocess this ${noun}`,
      summary: () => REPROCESS_ROLES,
      next: () => ROLE_ADVICE,
    },
    consentRequired: {
      title: ConsentWording.title,
      summary: () => ConsentWording.explanation,
      next: () => ConsentWording.nonAdmin,
    },
    throttled: {
      title: 'Microsoft Graph is throttling requests',
      summary: (o) => `${o.status === 503 ? 'Microsoft Graph is temporarily unavailable (503)' : 'Microsoft Graph asked us to slow down (429)'}, so ${notDone}.`,
      next: (o) => tryAgainIn(o.retryAfterSeconds),
    },
    graphFailure: {
      title: 'Microsoft Graph failed',
      summary: (o) => graphAnswered(o.status, o.code),
      next: () => GRAPH_FAILURE_ADVICE,
    },
  };
}
