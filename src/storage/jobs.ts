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
}

export type JobState = 'awaitingConfirmation' | 'running' | 'paused' | 'completed' | 'cancelled';

/** A bulk reprocess job, persisted so a restart loses nothing. Holds no token. */
export interface Job {
  id: string;
  tenantId: string;
  owner: { aadObjectId: string; name: string; upn?: string };
  source: { kind: 'ids' } | { kind: 'package'; accessPackageId: string; displayName?: string };
  state: JobState;
  items: JobItem[];
  /** Inputs that were not assignment ids: listed on the cards, never sent to Graph. */
  skipped: string[];
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
  get(id: string): Promise<Versioned<Job> | undefined>;
  /** Replaces the job if it is still at `etag`; returns the new etag, or undefined on conflict. */
  replace(job: Job, etag: string): Promise<string | undefined>;
  /** Jobs in the given states (restart recovery). */
  listByState(states: JobState[]): Promise<Job[]>;
}
