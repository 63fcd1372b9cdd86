import { AadFaults, type OboFault } from '../../../sandbox/entra-errors';
import type { AdaptiveCardJson } from '../../../src/cards/templates';
import { actionsOf, facts, joinedTextsAndRuns, texts, titleOf } from '../../support/cards';
import type { CommandKind, FaultKind } from './faults';
import { THROTTLE_SECONDS } from './faults';

/** Teams shows nothing after ~10 s: every command's definitive answer must be there by then. */
export const ANSWER_BUDGET_MS = 10_000;

/** True for the interim card of a click whose work outlives the invoke deadline (the final card follows as an update). */
export const isWorking = (card: AdaptiveCardJson): boolean => titleOf(card) === 'Working on it…';

/** What a card must show: its title, texts it must contain, facts it must carry (a value, or just the row). */
export interface Expected {
  title: string;
  texts?: RegExp[];
  facts?: Record<string, string | true>;
  /** An Action.OpenUrl whose url matches. */
  link?: RegExp;
}

const SUCCESS: Record<CommandKind, string> = {
  reprocess: 'Reprocess queued',
  status: 'Assignment status',
  request: 'Request reprocess queued',
};
const FAILURE_TITLE: Record<CommandKind, string> = {
  reprocess: 'Microsoft Graph failed',
  status: "Couldn't check status",
  request: 'Microsoft Graph failed',
};

/** What the card of `kind` must show when `decisive` (or nothing, for success) decided its outcome. */
export function expectedCard(kind: CommandKind, decisive: FaultKind | undefined): Expected {
  switch (decisive) {
    case undefined:
    case 'unavailable':
      return { title: SUCCESS[kind] };
    case 'throttled':
      return {
        title: 'Microsoft Graph is throttling requests',
        texts: [new RegExp(`Try again in ${THROTTLE_SECONDS} seconds`)],
      };
    case 'serverError':
      return {
        title: FAILURE_TITLE[kind],
        facts: { 'HTTP status': '500', 'client-request-id': true, 'request-id': true },
      };
    case 'reset':
    case 'hang':
      return { title: FAILURE_TITLE[kind], facts: { 'client-request-id': true } };
  }
}

/** Ways Entra refuses On-Behalf-Of for a user, and the card the bot must show that user. */
export type OboKind = 'consent' | 'mfa' | 'invalidGrant';
export const OBO_FAULTS: Record<OboKind, { fault: OboFault; card: Expected }> = {
  consent: {
    fault: AadFaults.consentRequired,
    card: { title: 'Admin consent needed', link: /\/adminconsent\?client_id=/ },
  },
  mfa: {
    fault: AadFaults.mfaRequired,
    card: { title: 'Your organization requires an extra sign-in step', texts: [/^AADSTS50076$/m] },
  },
  invalidGrant: { fault: AadFaults.userBlocked, card: { title: 'Sign-in failed' } },
};

/** What `card` lacks of `expected`, as readable problems (none: it is the card expected). */
export function cardProblems(card: AdaptiveCardJson | undefined, expected: Expected): string[] {
  if (!card) return [`no card where "${expected.title}" was expected`];
  const problems: string[] = [];
  if (titleOf(card) !== expected.title) problems.push(`titled "${titleOf(card)}", not "${expected.title}"`);
  const words = joinedTextsAndRuns(card);
  for (const pattern of expected.texts ?? []) if (!pattern.test(words)) problems.push(`lacks ${pattern}`);
  const shown = facts(card);
  for (const [title, value] of Object.entries(expected.facts ?? {})) {
    if (value === true ? !shown[title]?.trim() : shown[title] !== value)
      problems.push(`fact "${title}" is ${JSON.stringify(shown[title])}`);
  }
  const link = expected.link;
  if (link && !actionsOf(card).some((a) => a.url !== undefined && link.test(a.url)))
    problems.push(`no link matching ${link}`);
  return problems.length ? [`${problems.join('; ')}: ${summarize(card)}`] : [];
}

/** The card's title and first texts, shortened, for failure messages. */
export function summarize(card: AdaptiveCardJson | undefined): string {
  return card ? texts(card).slice(0, 4).join(' | ').slice(0, 400) : '(no card)';
}
