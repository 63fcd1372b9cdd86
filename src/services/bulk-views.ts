import type { AuditEntry } from '../storage/audit';
import type { Actor } from './outcomes';

/** Where a bulk job's assignments came from. */
export type BulkSource = { kind: 'ids' } | { kind: 'package'; accessPackageId: string; displayName?: string };

/** The confirmation card's data: what would be reprocessed, before anything is sent to Graph. */
export interface BulkConfirmationView {
  jobId: string;
  count: number;
  /** Inputs that are not assignment ids (shown, skipped): the first ones when `skippedCount` says there were more. */
  skipped: string[];
  skippedCount?: number;
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

/** One failed item on the summary card. */
export interface BulkFailureView {
  id: string;
  reason: string;
  httpStatus?: number;
  requestId?: string;
}

/** A finished (or cancelled) bulk job. */
export interface BulkSummaryView {
  jobId: string;
  state: 'completed' | 'cancelled';
  total: number;
  succeeded: number;
  /** All failures; the card lists the first ones and says how many more. */
  failures: BulkFailureView[];
  /** Skipped inputs: the first ones when `skippedCount` says there were more. */
  skipped: string[];
  skippedCount?: number;
  source: BulkSource;
  owner: Actor;
  startedAt?: Date;
  finishedAt: Date;
}

/** One line of `history`. */
export type HistoryEntryView = Pick<AuditEntry, 'kind' | 'mode' | 'targetId' | 'outcome' | 'httpStatus' | 'requestId'> & { at: Date };

/** The `history` card: the caller's recent reprocess attempts. */
export interface HistoryView {
  actor: Actor;
  entries: HistoryEntryView[];
  retentionDays: number;
}
