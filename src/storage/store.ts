/** Small key-value store the bot keeps its conversational bookkeeping in (never tokens). */
export interface BotStore {
  /** Writes only when the key is absent; false means someone already wrote it (dedupe across deliveries). */
  createIfAbsent(key: string, value: unknown, ttlMs: number): Promise<boolean>;
  get<T>(key: string): Promise<T | undefined>;
  set(key: string, value: unknown, ttlMs: number): Promise<void>;
  /** Reads and removes in one step, so a pending item runs at most once. */
  take<T>(key: string): Promise<T | undefined>;
  delete(key: string): Promise<void>;
  /** Replaces the value with `change(current)` as one compare-and-swap (retried when another writer got there first). */
  update<T>(key: string, change: (current: T | undefined) => T, ttlMs: number): Promise<T>;
}
