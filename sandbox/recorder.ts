/** An append-only log of what an emulator saw, with a way to wait for an entry. */
export class Recorder<T> {
  readonly items: T[] = [];
  private readonly waiters = new Set<{ match: (item: T) => boolean; resolve: (item: T) => void }>();

  constructor(private readonly describe: (item: T) => string) {}

  /** Appends `item` and wakes whoever waits for it. */
  push(item: T): void {
    this.items.push(item);
    for (const waiter of [...this.waiters]) {
      if (safeMatch(waiter.match, item)) {
        this.waiters.delete(waiter);
        waiter.resolve(item);
      }
    }
  }

  /** Resolves with the first existing or future item matching `predicate`; rejects after `timeoutMs`, listing what was recorded. */
  waitFor(predicate: (item: T) => boolean, timeoutMs = 5000): Promise<T> {
    const existing = this.items.find((item) => safeMatch(predicate, item));
    if (existing !== undefined) return Promise.resolve(existing);
    return new Promise<T>((resolve, reject) => {
      const waiter = {
        match: predicate,
        resolve: (item: T) => {
          clearTimeout(timer);
          resolve(item);
        },
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        const seen = this.items.map((item, i) => `  ${i + 1}. ${this.describe(item)}`).join('\n') || '  (nothing)';
        reject(new Error(`Nothing matching was recorded within ${timeoutMs} ms. Recorded:\n${seen}`));
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }

  /** Forgets every item (pending waiters keep waiting). */
  clear(): void {
    this.items.length = 0;
  }
}

/** A predicate that throws (e.g. a test reading a field a record lacks) is a non-match, never an emulator failure. */
function safeMatch<T>(predicate: (item: T) => boolean, item: T): boolean {
  try {
    return predicate(item);
  } catch {
    return false;
  }
}
