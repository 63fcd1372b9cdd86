/** One reprocess attempt, single or bulk, assignment or request: what happened, who did it, and Graph's ids. */
export interface AuditEntry {
  /** Unique id; writing the same id twice keeps one record (retries, two instances). */
  id: string;
  at: string;
  tenantId: string;
  actor: { aadObjectId: string; upn?: string; name?: string };
  kind: 'assignment' | 'request';
  mode: 'single' | 'bulk';
  targetId: string;
  /** Outcome kind, e.g. `accepted`, `notFound`, `throttled`. */
  outcome: string;
  httpStatus?: number;
  requestId?: string;
  clientRequestId?: string;
  conversationType: string;
  jobId?: string;
}

/** A bulk job as history shows it: one row with its counts, replaced each time the job's run ends or it is cancelled. */
export interface JobRecord {
  jobId: string;
  tenantId: string;
  /** The job's owner: whose history it belongs to. */
  actor: { aadObjectId: string; upn?: string; name?: string };
  /** When the job was offered: its place in history, the same across every run (Retry failed, Resume). */
  at: string;
  /** When the row was last written; retention counts from here. */
  updatedAt: string;
  state: 'running' | 'paused' | 'completed' | 'cancelled';
  total: number;
  succeeded: number;
  failed: number;
  source: { kind: 'ids' } | { kind: 'package'; accessPackageId: string; displayName?: string };
}

/** One row of an actor's history: a single attempt, or a whole bulk job. */
export type HistoryItem = { kind: 'single'; entry: AuditEntry } | { kind: 'job'; job: JobRecord };

/** Audit trail of reprocess attempts, and the history rows of bulk jobs. */
export interface AuditLog {
  /** Appends an attempt (idempotent on `entry.id`). Bulk items are kept apart from single attempts. */
  record(entry: AuditEntry): Promise<void>;
  /** Stores or replaces the history row of a bulk job (one per job). */
  recordJob(job: JobRecord): Promise<void>;
  /** The actor's most recent attempts in their tenant, single and bulk items alike, newest first (the audit trail). */
  recent(tenantId: string, aadObjectId: string, limit: number): Promise<AuditEntry[]>;
  /**
   * The actor's history in their tenant, newest first: single attempts and one row per bulk job (never a job's
   * items, so one big job does not push single attempts out), at most `limit` rows, and how many there are in all.
   */
  history(tenantId: string, aadObjectId: string, limit: number): Promise<{ items: HistoryItem[]; total: number }>;
  /** Removes entries and job rows older than `before`; returns how many were removed. */
  purgeOlderThan(before: Date): Promise<number>;
}
