import type { AzureStorageOptions } from './azure-storage';
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
  if (config.connectionString) {
    // Loaded only when configured: the Azure SDKs cost ~40 MB of heap and ~0.3 s of startup a memory-backed bot never needs.
    const { createAzureStorage } = await import('./azure-storage');
    return createAzureStorage(config.connectionString, config.container, options);
  }
  return {
    store: new MemoryStore(options.now),
    jobs: new MemoryJobStore(options.now),
    audit: new MemoryAuditLog(),
    close: async () => undefined,
  };
}
