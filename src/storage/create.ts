import type { AzureStorageOptions } from './azure-storage';
import type { Storage } from './index';
import { MemoryAuditLog } from './memory-audit';
import { MemoryJobStore } from './memory-jobs';
import { MemoryStore } from './memory-store';

/** Where the bot persists: a connection string, or blob + table endpoints with a managed identity; neither = memory. */
export interface StorageConfig {
  connectionString?: string;
  blobEndpoint?: string;
  tableEndpoint?: string;
  /** User-assigned identity for the endpoints (`AZURE_CLIENT_ID`); DefaultAzureCredential's default otherwise. */
  managedIdentityClientId?: string;
  container: string;
}

/** Builds the bot's storage from configuration; Azure creates its container and table if missing. */
export async function createStorage(config: StorageConfig, options: AzureStorageOptions = {}): Promise<Storage> {
  const { connectionString, blobEndpoint, tableEndpoint, managedIdentityClientId } = config;
  const account = connectionString
    ? { connectionString }
    : blobEndpoint && tableEndpoint
      ? { blobEndpoint, tableEndpoint, managedIdentityClientId }
      : undefined;
  if (account) {
    // Loaded only when configured: the Azure SDKs cost ~40 MB of heap and ~0.3 s of startup a memory-backed bot never needs.
    const { createAzureStorage } = await import('./azure-storage');
    return createAzureStorage(account, config.container, options);
  }
  return {
    store: new MemoryStore(options.now),
    jobs: new MemoryJobStore(options.now),
    audit: new MemoryAuditLog(),
    close: async () => undefined,
  };
}
