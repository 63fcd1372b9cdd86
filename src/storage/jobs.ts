/** Result of one item of a bulk job. `interrupted`: the bot stopped while its POST was in flight (result unknown). */
export type JobItemStatus = 'pending' | 'inflight' | 'succeeded' | 'failed' | 'interrupted';

/** One assignment of a bulk job and what happened to it. */
export interface JobItem {
  id: string;
  status: JobItemStatus;
  httpStatus?: number;
  code?: string;
  requestId?: string;
  clientRequestId?: string;
  attempts: number;
  /** The assignment's state, read after Graph refused it with 400 (e.g. `delivering`): why it was not eligible. */
  state?: string;
}

export type JobState = 'awaitingConfirmation' | 'running' | 'paused' | 'completed' | 'cancelled';

/** Inputs of a job that were not assignment ids: how many, and the first few (listed on cards, never sent to Graph). */
export interface SkippedInputs {
  count: number;
  first: string[];
}

/** A bulk reprocess job, persisted so a restart loses nothing. Holds no token. */
export interface Job {
  id: string;
  tenantId: string;
  /** Entra object id of the user who created the job (open jobs are counted per creator). */
  createdBy: string;
  /** Who runs it: the creator, or in a channel whoever confirmed it. */
  owner: { aadObjectId: string; name: string; upn?: string };
  source: { kind: 'ids' } | { kind: 'package'; accessPackageId: string; displayName?: string };
  state: JobState;
  items: JobItem[];
  skipped: SkippedInputs;
  /** Serialized Bot Framework conversation reference, to update the job's card proactively. */
  conversation: Record<string, unknown>;
  /** The activity id of the job's card (confirmation, then progress, then summary). */
  cardActivityId?: string;
  createdAt: string;
  updatedAt: string;
  startedAt?: string;
  finishedAt?: string;
  /** Why a job is paused (shown on its card with Resume). */
  pausedReason?: string;
  /** Which bot instance runs the job, until when (renewed while running). */
  lease?: { holder: string; until: number };
}

/** A stored job and the version it was read at (for optimistic concurrency). */
export interface Versioned<T> {
  value: T;
  etag: string;
}

/** Persistence of bulk jobs with optimistic concurrency: a write with a stale etag is refused, never merged. */
export interface JobStore {
  /** Stores a new job; false if the id exists. */
  create(job: Job): Promise<boolean>;
  /** The job, unless it never existed or outlived its time to live ({@link jobExpiresAt}). */
  get(id: string): Promise<Versioned<Job> | undefined>;
  /** Replaces the job if it is still at `etag`; returns the new etag, or undefined on conflict. */
  replace(job: Job, etag: string): Promise<string | undefined>;
  /** Running jobs (restart recovery), found through an index of running jobs, never a listing of every job. */
  listRunning(): Promise<Job[]>;
  /** How many open jobs (awaiting confirmation, running, paused) `createdBy` has in `tenantId`, through an index. */
  countOpen(tenantId: string, createdBy: string): Promise<number>;
  /** Deletes jobs past their time to live, and index entries nobody needs; returns how many jobs it removed. */
  sweep(): Promise<number>;
}

// An unconfirmed job is a question the admin walked away from; a day is long enough to come back to it.
const UNCONFIRMED_TTL_MS = 24 * 60 * 60_000;
// A finished job's card keeps "Retry failed" working for a week; the audit trail keeps the outcome far longer.
const FINISHED_TTL_MS = 7 * 24 * 60 * 60_000;

/** True while a job still needs its creator (or someone) to act: it counts towards the creator's open jobs. */
export function isOpen(state: JobState): boolean {
  return state === 'awaitingConfirmation' || state === 'running' || state === 'paused';
}

/** When a job stops existing (ms since epoch): unconfirmed and finished jobs expire; running and paused ones do not. */
export function jobExpiresAt(job: Job): number {
  if (job.state === 'awaitingConfirmation') return Date.parse(job.createdAt) + UNCONFIRMED_TTL_MS;
  if (job.state === 'completed' || job.state === 'cancelled')
    return Date.parse(job.finishedAt ?? job.updatedAt) + FINISHED_TTL_MS;
  return Number.POSITIVE_INFINITY;
}
