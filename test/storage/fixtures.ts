import { randomUUID } from 'node:crypto';
import type { AuditEntry, Job, Storage } from '../../src/storage';
import type { AzureStorageOptions } from '../../src/storage/azure-storage';

/** Builds a fresh, empty storage; `now` is the clock for TTLs. */
export type StorageFactory = (options?: AzureStorageOptions) => Promise<Storage>;

/** A clock the test moves by hand, so TTL tests do not sleep. */
export function fakeClock(start = Date.now()) {
  let time = start;
  return { now: () => time, advance: (ms: number) => void (time += ms) };
}

/** Registers afterEach cleanup and returns a factory whose storages are closed after each test. */
export function closingAfterEach(factory: StorageFactory): StorageFactory {
  const open: Storage[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((s) => s.close()));
  });
  return async (options) => {
    const storage = await factory(options);
    open.push(storage);
    return storage;
  };
}

/** A bulk job awaiting confirmation, with two pending items. */
export function sampleJob(overrides: Partial<Job> = {}): Job {
  const now = new Date().toISOString();
  return {
    id: randomUUID(),
    tenantId: 'tenant-1',
    createdBy: 'admin-1',
    owner: { aadObjectId: 'admin-1', name: 'Ada Admin', upn: 'ada@contoso.test' },
    source: { kind: 'ids' },
    state: 'awaitingConfirmation',
    items: [randomUUID(), randomUUID()].map((id) => ({ id, status: 'pending' as const, attempts: 0 })),
    skipped: { count: 1, first: ['not-a-guid'] },
    conversation: { conversation: { id: 'a:1' }, serviceUrl: 'https://smba.test/' },
    createdAt: now,
    updatedAt: now,
    ...overrides,
  };
}

/** An accepted single reprocess by `admin-1` of `tenant-1` at `at`. */
export function sampleEntry(at: Date, overrides: Partial<AuditEntry> = {}): AuditEntry {
  return {
    id: randomUUID(),
    at: at.toISOString(),
    tenantId: 'tenant-1',
    actor: { aadObjectId: 'admin-1', upn: 'ada@contoso.test', name: 'Ada Admin' },
    kind: 'assignment',
    mode: 'single',
    targetId: randomUUID(),
    outcome: 'accepted',
    httpStatus: 202,
    requestId: randomUUID(),
    clientRequestId: randomUUID(),
    conversationType: 'personal',
    ...overrides,
  };
}

/** How many of the settled promises fulfilled with `true` / a defined value. */
export function winners(results: unknown[]): number {
  return results.filter((r) => r !== false && r !== undefined).length;
}
