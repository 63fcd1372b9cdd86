import { auditLogContract } from './contract-audit';
import { historyContract } from './contract-history';
import { jobStoreContract } from './contract-jobs';
import { botStoreContract } from './contract-store';
import type { StorageFactory } from './fixtures';

export { auditLogContract, botStoreContract, historyContract, jobStoreContract };
export type { StorageFactory };

/** Defines the whole storage contract (BotStore, JobStore, AuditLog) for one backend. */
export function storageContract(factory: StorageFactory): void {
  botStoreContract(factory);
  jobStoreContract(factory);
  auditLogContract(factory);
  historyContract(factory);
}
