import { createAzureStorage, type AzureStorageOptions } from './azure-storage';
import type { Storage } from './index';
import { MemoryAuditLog } from './memory-audit';
import { MemoryJobStore } from './memory-jobs';
import { MemoryStore } from './memory-store';

/** Where the bot persists: an empty connection string means in-process memory (sandbox, tests). */
export interface StorageConfig {
  connectionString?: string;
  container: string;
}

/** Builds the bot's storage from configuration; Azure creates its container and table if missing. */
export async function createStorage(config: StorageConfig, options: AzureStorageOptions = {}): Promise<Storage> {
  if (config.connectionString) return createAzureStorage(config.connectionString, config.container, options);
  return {
    store: new MemoryStore(options.now),
    jobs: new MemoryJobStore(),
    audit: new MemoryAuditLog(),
    close: async () => undefined,
  };
}
