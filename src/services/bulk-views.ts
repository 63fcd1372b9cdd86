import type { Actor, Target } from './outcomes';

/** Where a bulk job's assignments came from. */
export type BulkSource = { kind: 'ids' } | { kind: 'package'; accessPackageId: string; displayName?: string };

/** Inputs of an id list that are not assignment ids: how many, and the first few (never all of them). */
export interface SkippedInputs {
  count: number;
  sample: string[];
}

/** The confirmation card's data: what would be reprocessed, before anything is sent to Graph. */
export interface BulkConfirmationView {
  jobId: string;
  count: number;
  skipped: SkippedInputs;
  source: BulkSource;
  requestedBy: Actor;
  at: Date;
}

/** A bulk job in flight (or paused). */
export interface BulkProgressView {
  jobId: string;
  state: 'running' | 'paused';
  total: number;
  succeeded: number;
  failed: number;
  remaining: number;
  /** Items per second over the run so far; absent until measurable. */
  ratePerSecond?: number;
  etaSeconds?: number;
  source: BulkSource;
  owner: Actor;
  startedAt: Date;
  updatedAt: Date;
  /** Why it is paused (e.g. the bot restarted): shown with a Resume button for the owner. */
  pausedReason?: string;
}

/** What a failed bulk item means, in the words a single command's card would use. */
export type BulkFailureKind =
  'notEligible' | 'notFound' | 'accessDenied' | 'refused' | 'throttled' | 'graphFailure' | 'noAnswer' | 'interrupted';

/** One failed item on the summary card. */
export interface BulkFailureView {
  id: string;
  kind: BulkFailureKind;
  /** For `notEligible`: the assignment's state, when known. */
  state?: string;
  httpStatus?: number;
  requestId?: string;
  /** True when sending it again may succeed (throttled, 5xx, no answer, interrupted). */
  retryable: boolean;
}

/** A finished (or cancelled) bulk job. */
export interface BulkSummaryView {
  jobId: string;
  state: 'completed' | 'cancelled';
  total: number;
  succeeded: number;
  /** All failures; the card lists the first ones and says how many more. */
  failures: BulkFailureView[];
  /** Items never sent to Graph (a cancelled job). */
  notSent: number;
  skipped: SkippedInputs;
  source: BulkSource;
  owner: Actor;
  startedAt?: Date;
  finishedAt: Date;
}

/** One row of `history`: a single command, or a whole bulk job. */
export type HistoryRow =
  | { kind: 'single'; at: Date; target: Target; outcome: string; httpStatus?: number; requestId?: string }
  | {
      kind: 'job';
      at: Date;
      jobId: string;
      state: string;
      total: number;
      succeeded: number;
      failed: number;
      source: BulkSource;
    };

/** The `history` card: the caller's recent reprocess activity. */
export interface HistoryView {
  actor: Actor;
  rows: HistoryRow[];
  /** How many rows there are in all, when more exist than are shown. */
  total?: number;
  retentionDays: number;
}
