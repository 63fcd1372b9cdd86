import type { BotStore } from './store';

interface Entry {
  value: unknown;
  expiresAt: number;
}

/** In-process {@link BotStore} for the sandbox, tests and single-instance deployments; values are copied in and out. */
export class MemoryStore implements BotStore {
  private readonly entries = new Map<string, Entry>();
  private writes = 0;

  constructor(private readonly now: () => number = Date.now) {}

  async createIfAbsent(key: string, value: unknown, ttlMs: number): Promise<boolean> {
    if (this.live(key)) return false;
    this.write(key, value, ttlMs);
    return true;
  }

  async get<T>(key: string): Promise<T | undefined> {
    return copy(this.live(key)?.value) as T | undefined;
  }

  async set(key: string, value: unknown, ttlMs: number): Promise<void> {
    this.write(key, value, ttlMs);
  }

  async take<T>(key: string): Promise<T | undefined> {
    const entry = this.live(key);
    this.entries.delete(key);
    return copy(entry?.value) as T | undefined;
  }

  async delete(key: string): Promise<void> {
    this.entries.delete(key);
  }

  async update<T>(key: string, change: (current: T | undefined) => T, ttlMs: number): Promise<T> {
    const next = change(copy(this.live(key)?.value) as T | undefined);
    this.write(key, next, ttlMs);
    return copy(next) as T;
  }

  /** Number of live entries (for the soak test's memory bound). */
  get size(): number {
    return this.entries.size;
  }

  private live(key: string): Entry | undefined {
    const entry = this.entries.get(key);
    if (entry && entry.expiresAt <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  private write(key: string, value: unknown, ttlMs: number): void {
    this.entries.set(key, { value: copy(value), expiresAt: this.now() + ttlMs });
    // Sweep expired entries now and then so dedupe keys cannot grow memory without bound.
    if (++this.writes % 1000 === 0) this.sweep();
  }

  private sweep(): void {
    const now = this.now();
    for (const [key, entry] of this.entries) if (entry.expiresAt <= now) this.entries.delete(key);
  }
}

// Copies like the Azure backend's JSON round trip does, so a caller's later mutation never changes stored state.
function copy(value: unknown): unknown {
  return value === undefined ? undefined : structuredClone(value);
}
