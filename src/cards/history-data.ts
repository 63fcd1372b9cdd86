/** Data of `cards/history.json`: the caller's recent reprocess attempts, newest first. */
import type { HistoryEntryView, HistoryView } from '../services/bulk-views';
import { formatUtc, Labels } from './wording';
import { actorFact, type Fact } from './facts';
import { shortList } from './bulk-facts';
import { detailLine } from './bulk-wording';
import { HistoryWording, outcomeWords } from './history-wording';

/** Entries listed at most; the rest are counted in "and N more". */
export const MAX_HISTORY_SHOWN = 20;

/** One attempt: outcome in words, when, what, and Graph's HTTP status and request-id; Markdown-safe. */
export interface HistoryLine {
  outcome: string;
  time?: string;
  target: string;
  detail?: string;
}

/** Data bound to `cards/history.json`; optional parts are absent so `$when` drops them. */
export interface HistoryCardData {
  title: string;
  intro?: string;
  facts: Fact[];
  entries: HistoryLine[];
  more?: string;
  empty?: string;
  retention: string;
}

function historyLine(entry: HistoryEntryView): HistoryLine {
  const time = formatUtc(entry.at).human;
  const detail = detailLine('', entry.httpStatus, entry.requestId);
  return {
    outcome: outcomeWords(entry.outcome),
    ...(time ? { time } : {}),
    target: HistoryWording.target(entry),
    ...(detail ? { detail } : {}),
  };
}

/** Builds the history card data: up to 20 attempts, or a plain "no activity" line, and how long they are kept. */
export function historyCardData(view: HistoryView): HistoryCardData {
  const { entries, retentionDays } = view;
  const { items, more } = shortList(entries, MAX_HISTORY_SHOWN, historyLine);
  return {
    title: HistoryWording.title,
    ...(entries.length > 0 ? { intro: HistoryWording.newestFirst } : { empty: HistoryWording.empty(retentionDays) }),
    facts: actorFact(Labels.actor, view.actor),
    entries: items,
    ...(more ? { more } : {}),
    retention: HistoryWording.retention(retentionDays),
  };
}
