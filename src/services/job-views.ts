import type { Job } from '../storage/jobs';
import type { BulkConfirmationView, BulkProgressView, BulkSummaryView } from './bulk-views';

const actor = (job: Job) => ({ name: job.owner.name, upn: job.owner.upn, aadObjectId: job.owner.aadObjectId });

/** The skipped inputs a card lists, and how many there were. */
function skippedOf(job: Job): { skipped: string[]; skippedCount: number } {
  return { skipped: job.skipped.first, skippedCount: job.skipped.count };
}

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
  return { jobId: job.id, count: job.items.length, ...skippedOf(job), source: job.source, requestedBy: actor(job), at: new Date(job.createdAt) };
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

/** The summary card's view of a finished or cancelled job, failures with Graph's ids. */
export function summaryView(job: Job): BulkSummaryView {
  const failures = job.items
    .filter((i) => i.status === 'failed' || i.status === 'interrupted')
    .map((i) => ({
      id: i.id,
      reason: i.status === 'interrupted' ? 'interrupted (the bot stopped while this was in flight; result unknown)' : (i.code ?? `HTTP ${i.httpStatus ?? 'error'}`),
      ...(i.httpStatus ? { httpStatus: i.httpStatus } : {}),
      ...(i.requestId ? { requestId: i.requestId } : {}),
    }));
  return {
    jobId: job.id,
    state: job.state === 'cancelled' ? 'cancelled' : 'completed',
    total: job.items.length,
    succeeded: tally(job).succeeded,
    failures,
    ...skippedOf(job),
    source: job.source,
    owner: actor(job),
    ...(job.startedAt ? { startedAt: new Date(job.startedAt) } : {}),
    finishedAt: new Date(job.finishedAt ?? job.updatedAt),
  };
}
