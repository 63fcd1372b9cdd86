import { TableClient } from '@azure/data-tables';
import { DefaultAzureCredential } from '@azure/identity';
import { BlobServiceClient } from '@azure/storage-blob';
import { AzureBlobJobStore } from './azure-blob-jobs';
import { AzureBlobStore } from './azure-blob-store';
import { auditTableName, AzureTableAuditLog } from './azure-table-audit';
import type { Storage } from './index';

/** Tuning and hooks for {@link createAzureStorage}. */
export interface AzureStorageOptions {
  /** Clock for TTLs (defaults to `Date.now`). */
  now?: () => number;
  /** How often expired keys and jobs are swept from the container; 0 disables the sweep. */
  sweepIntervalMs?: number;
  /** Receives sweep failures (the sweep is best effort and retries on its next tick). */
  onError?: (error: unknown) => void;
}

const DEFAULT_SWEEP_MS = 15 * 60_000;

/** How to reach the account: a connection string (account key or SAS), or its endpoints as a managed identity. */
export type AzureAccount =
  | { connectionString: string }
  /** `managedIdentityClientId` selects a user-assigned identity (`AZURE_CLIENT_ID`); RBAC grants it data access. */
  | { blobEndpoint: string; tableEndpoint: string; managedIdentityClientId?: string };

function clients(account: AzureAccount, container: string): { blobs: BlobServiceClient; table: TableClient } {
  if ('connectionString' in account) {
    const { connectionString } = account;
    // Permits http only where the connection string itself says http (Azurite); Azure accounts are https.
    const table = TableClient.fromConnectionString(connectionString, auditTableName(container), {
      allowInsecureConnection: true,
    });
    return { blobs: BlobServiceClient.fromConnectionString(connectionString), table };
  }
  // DefaultAzureCredential's conventions: the platform's managed identity in Azure, a developer's login elsewhere.
  const credential = new DefaultAzureCredential({ managedIdentityClientId: account.managedIdentityClientId });
  return {
    blobs: new BlobServiceClient(account.blobEndpoint, credential),
    table: new TableClient(account.tableEndpoint, auditTableName(container), credential),
  };
}

/** Storage on one Azure Storage account: Blob container for state and jobs, a Table for the audit trail. */
export async function createAzureStorage(
  account: AzureAccount,
  container: string,
  options: AzureStorageOptions = {},
): Promise<Storage> {
  const { blobs: service, table } = clients(account, container);
  const blobs = service.getContainerClient(container);
  // Created at start, not per call: a wrong account or key fails startup with one clear error.
  await Promise.all([blobs.createIfNotExists(), table.createTable()]);
  const store = new AzureBlobStore(blobs, options.now);
  const jobs = new AzureBlobJobStore(blobs, options.now);
  const interval = options.sweepIntervalMs ?? DEFAULT_SWEEP_MS;
  const onError = options.onError ?? (() => undefined);
  // Expired keys and jobs go in one pass; both listings carry the expiry in metadata, so nothing is downloaded.
  const sweep = () => Promise.all([store.sweep(), jobs.sweep()]);
  const timer = interval > 0 ? setInterval(() => void sweep().catch(onError), interval) : undefined;
  // The sweep must never keep the process alive on its own.
  timer?.unref();
  return {
    store,
    jobs,
    audit: new AzureTableAuditLog(table),
    close: async () => clearInterval(timer),
  };
}
