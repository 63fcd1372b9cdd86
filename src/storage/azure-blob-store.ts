import { createHash } from 'node:crypto';
import type { BlockBlobClient, ContainerClient } from '@azure/storage-blob';
import { deleteAt, readJson, sweepExpired, writeJson, type BlobRead } from './azure-blob-io';
import type { BotStore } from './store';

interface KeyValue {
  /** The original key, for whoever inspects the container. */
  key: string;
  value: unknown;
  expiresAt: number;
}

const PREFIX = 'kv/';
// Each retry follows another writer's change to the same key; more than a few in a row is not contention but a bug.
const MAX_ATTEMPTS = 5;
// An update may meet every other writer of a busy key in turn (several replies posted to one chat at once).
const MAX_UPDATE_ATTEMPTS = 16;

/** {@link BotStore} on one Blob container: one JSON blob per key, conditional writes for dedupe and take-once. */
export class AzureBlobStore implements BotStore {
  constructor(
    private readonly container: ContainerClient,
    private readonly now: () => number = Date.now,
  ) {}

  async createIfAbsent(key: string, value: unknown, ttlMs: number): Promise<boolean> {
    const blob = this.blob(key);
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      if ((await this.write(blob, key, value, ttlMs, { ifNoneMatch: '*' })) !== undefined) return true;
      const current = await readJson<KeyValue>(blob);
      if (!current) continue; // deleted between our write and our read: create again
      if (this.live(current)) return false;
      // An expired key must not block forever; replacing it at the version we saw lets exactly one racer win.
      return (await this.write(blob, key, value, ttlMs, { ifMatch: current.etag })) !== undefined;
    }
    throw new Error(`createIfAbsent gave up on a key that kept changing: ${key}`);
  }

  async get<T>(key: string): Promise<T | undefined> {
    const current = await readJson<KeyValue>(this.blob(key));
    return current && this.live(current) ? (current.body.value as T) : undefined;
  }

  async set(key: string, value: unknown, ttlMs: number): Promise<void> {
    await this.write(this.blob(key), key, value, ttlMs);
  }

  async take<T>(key: string): Promise<T | undefined> {
    const blob = this.blob(key);
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const current = await readJson<KeyValue>(blob);
      if (!current) return undefined;
      // Deleting at the etag we read makes the take exclusive: a second instance's delete fails and it re-reads.
      if (await deleteAt(blob, current.etag)) return this.live(current) ? (current.body.value as T) : undefined;
    }
    throw new Error(`take gave up on a key that kept changing: ${key}`);
  }

  async delete(key: string): Promise<void> {
    await this.blob(key).deleteIfExists();
  }

  async update<T>(key: string, change: (current: T | undefined) => T, ttlMs: number): Promise<T> {
    const blob = this.blob(key);
    for (let attempt = 0; attempt < MAX_UPDATE_ATTEMPTS; attempt++) {
      // Writers that collided retry at different moments; each round at least one of them succeeds.
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * attempt));
      const current = await readJson<KeyValue>(blob);
      const next = change(current && this.live(current) ? (current.body.value as T) : undefined);
      // At the version read (or only if still absent): a concurrent writer makes this attempt fail, not vanish.
      const conditions = current ? { ifMatch: current.etag } : { ifNoneMatch: '*' };
      if ((await this.write(blob, key, next, ttlMs, conditions)) !== undefined) return next;
    }
    throw new Error(`update gave up on a key that kept changing: ${key}`);
  }

  /** Deletes expired entries (dedupe keys are never read again); returns how many it removed. */
  sweep(): Promise<number> {
    return sweepExpired(this.container, PREFIX, this.now());
  }

  private write(blob: BlockBlobClient, key: string, value: unknown, ttlMs: number, conditions = {}) {
    const expiresAt = this.now() + ttlMs;
    // Metadata carries the expiry so the sweep can decide from the listing without downloading.
    return writeJson(blob, { key, value, expiresAt } satisfies KeyValue, conditions, { expiresat: String(expiresAt) });
  }

  private live(read: BlobRead<KeyValue>): boolean {
    return read.body.expiresAt > this.now();
  }

  private blob(key: string): BlockBlobClient {
    // A hash keeps any key (slashes, unicode, length) a valid, fixed-length blob name.
    return this.container.getBlockBlobClient(`${PREFIX}${createHash('sha256').update(key).digest('hex')}`);
  }
}
