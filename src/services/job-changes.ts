import type { Job, JobStore } from '../storage/jobs';
import { transition, type JobEvent, type Refusal } from './job-machine';

/** What became of an event on a stored job: the job as stored afterwards, and the refusal when nothing changed. */
export type StoredChange = { job: Job; changed: true } | { job: Job; changed: false; refused: Refusal };

const ATTEMPTS = 5;

/**
 * Applies `event` to the stored job by compare-and-swap: a double click, two people clicking, two bot instances
 * or a click racing the runner act once, each judged against the job as it is stored then. `undefined` when the
 * job does not exist (never did, or outlived its time to live).
 */
export async function changeStoredJob(
  jobs: JobStore,
  jobId: string,
  event: JobEvent,
  now: () => Date,
): Promise<StoredChange | undefined> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const stored = await jobs.get(jobId);
    if (!stored) return undefined;
    const result = transition(stored.value, event, now());
    if ('refused' in result) return { job: stored.value, changed: false, refused: result.refused };
    if (await jobs.replace(result.job, stored.etag)) return { job: result.job, changed: true };
  }
  // Still contended after every attempt: nothing changed; the job as it is now answers the click.
  const latest = await jobs.get(jobId);
  return latest && { job: latest.value, changed: false, refused: 'notNow' };
}
