/** Wording of the `history` card, and the short words for each outcome kind the audit log records. */
import type { HistoryEntryView } from '../services/bulk-views';
import { escapeMarkdown, inWords, truncate } from './wording';
import { MAX_ECHO_LENGTH } from './shared-wording';
import { ResultWording } from './result-wording';
import { RequestWording } from './request-wording';
import { countOf } from './bulk-format';

// Entries come back from storage, so a kind or mode written by a later version shows verbatim, escaped.
const words = (table: Readonly<Record<string, string>>, value: string): string =>
  escapeMarkdown(inWords(table, value));

// Outcome kinds as the audit log stores them; titles of the result cards are reused where they are short.
const OUTCOME_WORDS: Readonly<Record<string, string>> = {
  accepted: ResultWording.accepted.title,
  requestAccepted: RequestWording.requestAccepted.title,
  notFound: 'Not found',
  accessDenied: 'Access denied',
  notEligible: 'Not eligible',
  throttled: 'Throttled by Microsoft Graph',
  graphFailure: ResultWording.graphFailure.title,
  consentRequired: ResultWording.consentRequired.title,
  requestNotEligible: 'Request not eligible',
  requestRejected: 'Refused by Microsoft Graph',
  failed: 'Failed',
  interrupted: 'Interrupted, result unknown',
};

/** An outcome kind in short words; a kind added later shows verbatim. Always Markdown-safe. */
export function outcomeWords(kind: string): string {
  return words(OUTCOME_WORDS, kind.trim());
}

const TARGET_WORDS: Record<HistoryEntryView['kind'], string> = { assignment: 'Assignment', request: 'Request' };
const MODE_WORDS: Record<HistoryEntryView['mode'], string> = { single: 'single', bulk: 'bulk job' };

/** Wording of the card answering `history`. */
export const HistoryWording = {
  title: 'Your recent reprocess activity',
  newestFirst: 'Newest first.',
  /** "Assignment <id> · bulk job"; the id is shortened and escaped here. */
  target: (entry: HistoryEntryView): string => {
    const id = escapeMarkdown(truncate(entry.targetId.trim(), MAX_ECHO_LENGTH));
    return `${words(TARGET_WORDS, entry.kind)} ${id} · ${words(MODE_WORDS, entry.mode)}`;
  },
  empty: (days: number): string =>
    `No reprocess activity in the last ${days === 1 ? 'day' : countOf(days, 'day')}.`,
  retention: (days: number): string => `Activity is kept for ${countOf(days, 'day')}, then deleted.`,
} as const;
