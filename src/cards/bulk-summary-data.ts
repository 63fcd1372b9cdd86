/** Data of `cards/bulk-summary.json`: how a bulk job ended, with its failures and a way to retry them. */
import type { BulkFailureView, BulkSummaryView } from '../services/bulk-views';
import { Verbs } from '../bot/verbs';
import { truncate } from './wording';
import { timeFact, type Fact } from './facts';
import type { Tone } from './outcome-data';
import { durationBetween } from './bulk-format';
import { countFact, echo, jobFacts, ownFact, shortList, type ShortList } from './bulk-facts';
import { BLANK_ECHO, BulkLabels, detailLine, SummaryWording } from './bulk-wording';
import { outcomeWords } from './history-wording';
import { MAX_GRAPH_MESSAGE_LENGTH } from './shared-wording';

/** Failures listed at most; the rest are counted in "and N more" (Retry failed still retries them all). */
export const MAX_FAILURES_SHOWN = 15;

/** One listed failure: the assignment id, then reason, HTTP status and request-id on one line; Markdown-safe. */
export interface FailureLine {
  id: string;
  detail: string;
}

/** Data bound to `cards/bulk-summary.json`; optional parts are absent so `$when` drops them. */
export interface BulkSummaryCardData {
  tone: Tone;
  title: string;
  summary: string;
  next?: string;
  facts: Fact[];
  failures?: ShortList<FailureLine> & { heading: string };
  /** Title of the Retry failed button (`bulkRetryFailed` with `{ jobId }`). */
  retry?: string;
  jobId: string;
  verbs: typeof Verbs;
}

/** Good when nothing failed, attention when nothing succeeded, warning for anything in between or cancelled. */
export function summaryTone(view: BulkSummaryView): Tone {
  const failed = view.failures.length;
  if (failed > 0 && view.succeeded <= 0) return 'attention';
  return failed > 0 || view.state === 'cancelled' ? 'warning' : 'good';
}

function failureLine(failure: BulkFailureView): FailureLine {
  const reason = failure.reason.trim();
  const words = reason ? outcomeWords(truncate(reason, MAX_GRAPH_MESSAGE_LENGTH)) : SummaryWording.noReason;
  return { id: echo(failure.id, BLANK_ECHO), detail: detailLine(words, failure.httpStatus, failure.requestId) };
}

function summaryFacts(view: BulkSummaryView, notSent: number): Fact[] {
  return [
    ...countFact(BulkLabels.succeeded, view.succeeded),
    ...countFact(BulkLabels.failed, view.failures.length),
    ...countFact(BulkLabels.skipped, view.skippedCount ?? view.skipped.length),
    ...(notSent > 0 ? countFact(BulkLabels.notSent, notSent) : []),
    ...countFact(BulkLabels.total, view.total),
    ...ownFact(BulkLabels.duration, durationBetween(view.startedAt, view.finishedAt)),
    ...timeFact(BulkLabels.finished, view.finishedAt),
    ...jobFacts(view.owner, view.source, view.jobId),
  ];
}

/** Builds the summary card data; Retry failed appears only on a completed job with failures. */
export function bulkSummaryCardData(view: BulkSummaryView): BulkSummaryCardData {
  const failed = view.failures.length;
  const cancelled = view.state === 'cancelled';
  const notSent = cancelled ? Math.max(0, view.total - view.succeeded - failed) : 0;
  const canRetry = !cancelled && failed > 0 && view.jobId.trim() !== '';
  const summary = SummaryWording.summary(view.succeeded, failed, view.total);
  const next = [view.succeeded > 0 ? SummaryWording.queued : '', canRetry ? SummaryWording.retry : ''];
  const failures = shortList(view.failures, MAX_FAILURES_SHOWN, failureLine);
  return {
    tone: summaryTone(view),
    title: SummaryWording.title(view.state),
    summary: notSent > 0 ? `${summary} ${SummaryWording.notSent(notSent)}` : summary,
    ...(next.some(Boolean) ? { next: next.filter(Boolean).join(' ') } : {}),
    facts: summaryFacts(view, notSent),
    ...(failed > 0 ? { failures: { heading: SummaryWording.failuresHeading, ...failures } } : {}),
    ...(canRetry ? { retry: BulkLabels.retryFailed } : {}),
    jobId: view.jobId,
    verbs: Verbs,
  };
}
