import type { AuditLog } from './audit';
import type { JobStore } from './jobs';
import type { BotStore } from './store';

/** Everything the bot persists; memory (sandbox, tests) or Azure Storage (Blob + Table), chosen by config. */
export interface Storage {
  store: BotStore;
  jobs: JobStore;
  audit: AuditLog;
  /** Releases connections/timers. */
  close(): Promise<void>;
}

export type { AuditEntry, AuditLog } from './audit';
export type { Job, JobItem, JobItemStatus, JobState, JobStore, Versioned } from './jobs';
export type { BotStore } from './store';
