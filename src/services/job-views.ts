import type { Job } from '../storage/jobs';
import type { JobItem } from '../storage/jobs';
import { isThrottled } from '../graph/limits';
import type {
  BulkConfirmationView,
  BulkFailureView,
  BulkProgressView,
  BulkSummaryView,
  SkippedInputs,
} from './bulk-views';

const actor = (job: Job) => ({ name: job.owner.name, upn: job.owner.upn, aadObjectId: job.owner.aadObjectId });

/** Counts of a job's items by outcome. */
export function tally(job: Job): { total: number; succeeded: number; failed: number; remaining: number } {
  let succeeded = 0;
  let failed = 0;
  for (const item of job.items) {
    if (item.status === 'succeeded') succeeded++;
    else if (item.status === 'failed' || item.status === 'interrupted') failed++;
  }
  return { total: job.items.length, succeeded, failed, remaining: job.items.length - succeeded - failed };
}

/** The confirmation card's view of a job awaiting confirmation. */
export function confirmationView(job: Job): BulkConfirmationView {
  return {
    jobId: job.id,
    count: job.items.length,
    skipped: skippedOf(job),
    source: job.source,
    requestedBy: actor(job),
    at: new Date(job.createdAt),
  };
}

/** The progress card's view: counts, rate and ETA since the run started. */
export function progressView(job: Job, now = new Date()): BulkProgressView {
  const counts = tally(job);
  const startedAt = new Date(job.startedAt ?? job.createdAt);
  const seconds = (now.getTime() - startedAt.getTime()) / 1000;
  const done = counts.succeeded + counts.failed;
  const ratePerSecond = seconds >= 1 && done > 0 ? done / seconds : undefined;
  return {
    jobId: job.id,
    state: job.state === 'paused' ? 'paused' : 'running',
    ...counts,
    ...(ratePerSecond ? { ratePerSecond, etaSeconds: Math.round(counts.remaining / ratePerSecond) } : {}),
    source: job.source,
    owner: actor(job),
    startedAt,
    updatedAt: new Date(job.updatedAt),
    ...(job.state === 'paused' && job.pausedReason ? { pausedReason: job.pausedReason } : {}),
  };
}

/** Skipped inputs as the cards show them: how many, and the first few. */
export function skippedOf(job: Job): SkippedInputs {
  return { count: job.skipped.count, sample: job.skipped.first };
}

/**
 * What a failed item means, in a single command's words, and whether sending it again may succeed: throttling,
 * Graph's 5xx, no answer and interrupted items may; not found, access denied and not eligible fail the same way.
 */
export function failureOf(item: JobItem): BulkFailureView {
  const ids = {
    ...(item.httpStatus ? { httpStatus: item.httpStatus } : {}),
    ...(item.requestId ? { requestId: item.requestId } : {}),
  };
  const base = { id: item.id, ...ids };
  const status = item.httpStatus ?? 0;
  if (item.status === 'interrupted') return { ...base, kind: 'interrupted', retryable: true };
  if (status === 0) return { ...base, kind: 'noAnswer', retryable: true };
  if (isThrottled(status)) return { ...base, kind: 'throttled', retryable: true };
  if (status >= 500) return { ...base, kind: 'graphFailure', retryable: true };
  if (status === 404) return { ...base, kind: 'notFound', retryable: false };
  if (status === 403) return { ...base, kind: 'accessDenied', retryable: false };
  // Graph refuses to reprocess an assignment that is not Delivered with a 400; its state, read afterwards, says so.
  if (status === 400 && item.state && item.state !== 'delivered')
    return { ...base, kind: 'notEligible', state: item.state, retryable: false };
  return { ...base, kind: 'refused', retryable: false };
}

/** The summary card's view of a finished or cancelled job, each failure with what it means and Graph's ids. */
export function summaryView(job: Job): BulkSummaryView {
  const counts = tally(job);
  return {
    jobId: job.id,
    state: job.state === 'cancelled' ? 'cancelled' : 'completed',
    total: counts.total,
    succeeded: counts.succeeded,
    failures: job.items.filter((i) => i.status === 'failed' || i.status === 'interrupted').map(failureOf),
    notSent: job.state === 'cancelled' ? counts.remaining : 0,
    skipped: skippedOf(job),
    source: job.source,
    owner: actor(job),
    ...(job.startedAt ? { startedAt: new Date(job.startedAt) } : {}),
    finishedAt: new Date(job.finishedAt ?? job.updatedAt),
  };
}
