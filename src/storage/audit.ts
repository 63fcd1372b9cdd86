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

/** Append-only audit trail of reprocess attempts. */
export interface AuditLog {
  record(entry: AuditEntry): Promise<void>;
  /** The actor's most recent entries in their tenant, newest first. */
  recent(tenantId: string, aadObjectId: string, limit: number): Promise<AuditEntry[]>;
  /** Removes entries older than `before`; returns how many were removed. */
  purgeOlderThan(before: Date): Promise<number>;
}
