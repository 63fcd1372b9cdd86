import { AadFaults, type OboFault } from '../../sandbox/entra-errors';
import type { CommandKind, FaultKind } from './reliability-faults';
import { THROTTLE_SECONDS } from './reliability-faults';

/** Teams shows nothing after ~10 s: every command's definitive answer must be there by then. */
export const ANSWER_BUDGET_MS = 10_000;
/** The interim card of a click whose work outlives the invoke deadline (the final card follows as an update). */
export const WORKING = /Working on it/;

const SUCCESS: Record<CommandKind, RegExp> = {
  reprocess: /Reprocess queued/,
  status: /Assignment status/,
  request: /Request reprocess queued/,
};
const FAILURE_TITLE: Record<CommandKind, RegExp> = {
  reprocess: /Microsoft Graph failed/,
  status: /Couldn't check status/,
  request: /Microsoft Graph failed/,
};

/** What the card of `kind` must say when `decisive` (or nothing, for success) decided its outcome. */
export function expectedWording(kind: CommandKind, decisive: FaultKind | undefined): RegExp[] {
  switch (decisive) {
    case undefined:
    case 'unavailable':
      return [SUCCESS[kind]];
    case 'throttled':
      return [/Microsoft Graph is throttling requests/, new RegExp(`Try again in ${THROTTLE_SECONDS} seconds`)];
    case 'serverError':
      return [FAILURE_TITLE[kind], /HTTP 500/, /client-request-id/];
    case 'reset':
    case 'hang':
      return [FAILURE_TITLE[kind], /client-request-id/];
  }
}

/** Ways Entra refuses On-Behalf-Of for a user, and what the bot must tell that user. */
export type OboKind = 'consent' | 'mfa' | 'invalidGrant';
export const OBO_FAULTS: Record<OboKind, { fault: OboFault; wording: RegExp[] }> = {
  consent: { fault: AadFaults.consentRequired, wording: [/Admin consent needed/, /adminconsent/] },
  mfa: { fault: AadFaults.mfaRequired, wording: [/extra sign-in step/, /AADSTS50076/] },
  invalidGrant: { fault: AadFaults.userBlocked, wording: [/Sign-in failed/] },
};

/** The patterns `text` misses, as readable problems. */
export function missingWording(text: string, patterns: RegExp[]): string[] {
  return patterns.filter((p) => !p.test(text)).map((p) => `card lacks ${p}: ${summarize(text)}`);
}

/** The visible texts of a card, shortened, for failure messages. */
export function summarize(card: string): string {
  const texts = card.match(/"text":"[^"]*"/g) ?? [card.slice(0, 200)];
  return texts.slice(0, 4).join(' ').slice(0, 400);
}
