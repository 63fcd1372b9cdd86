/** The `history` card: the caller's recent reprocess activity, newest first, a bulk job as one row. */
import type { HistoryRow, HistoryView } from '../services/bulk-views';
import { personFact, shortList } from './facts';
import { outcomeWords } from './outcome';
import { countOf, echo, formatCount, formatUtc } from './text';

import { expandTemplate, type AdaptiveCardJson } from './templates';

/** Rows listed at most. */
export const MAX_HISTORY_SHOWN = 20;

const KIND: Record<'assignment' | 'request', string> = { assignment: 'Assignment', request: 'Request' };
const JOB_STATE: Readonly<Record<string, string>> = {
  completed: 'Bulk job finished',
  cancelled: 'Bulk job cancelled',
  running: 'Bulk job running',
  paused: 'Bulk job paused',
  awaitingConfirmation: 'Bulk job not confirmed',
};

function line(row: HistoryRow): { outcome: string; time?: string; target: string; detail?: string } {
  const time = formatUtc(row.at).human;
  if (row.kind === 'single') {
    const detail = [
      row.httpStatus ? `HTTP ${row.httpStatus}` : '',
      row.requestId?.trim() ? `request-id ${echo(row.requestId)}` : '',
    ]
      .filter(Boolean)
      .join(' · ');
    return {
      outcome: outcomeWords(row.outcome),
      ...(time ? { time } : {}),
      target: `${KIND[row.target.kind]} ${echo(row.target.id)}`,
      ...(detail ? { detail } : {}),
    };
  }
  const source =
    row.source.kind === 'package'
      ? `access package ${echo(row.source.displayName ?? row.source.accessPackageId)}`
      : 'a list of ids';
  const failed = row.failed > 0 ? `, ${formatCount(row.failed)} failed` : '';
  return {
    outcome: echo(JOB_STATE[row.state] ?? `Bulk job ${row.state}`),
    ...(time ? { time } : {}),
    target: `${countOf(row.total, 'assignment')} from ${source}: ${formatCount(row.succeeded)} accepted${failed}`,
    detail: `Job id ${echo(row.jobId)}`,
  };
}

/** Up to 20 rows (or a plain "no activity" line), "20 of N" when there are more, and how long activity is kept. */
export function renderHistory(view: HistoryView): AdaptiveCardJson {
  const { rows, retentionDays } = view;
  const total = Math.max(view.total ?? rows.length, rows.length);
  const { items } = shortList(rows, MAX_HISTORY_SHOWN, line);
  const shown = items.length;
  const intro =
    total > shown ? `The ${formatCount(shown)} most recent of ${formatCount(total)}, newest first.` : 'Newest first.';
  return expandTemplate('history', {
    facts: personFact('Activity of', view.actor.name, view.actor.upn),
    ...(rows.length > 0
      ? { intro }
      : { empty: `No reprocess activity in the last ${retentionDays === 1 ? 'day' : countOf(retentionDays, 'day')}.` }),
    entries: items,
    retention: `Activity is kept for ${countOf(retentionDays, 'day')}, then deleted.`,
  });
}
