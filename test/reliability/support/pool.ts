/**
 * Runs `work` over `items` with at most `concurrency` in flight; results keep the items' order. A rejection is
 * kept as that item's result (the pool never stops early), so one failure cannot hide the others.
 */
export async function runPool<T, R>(
  items: readonly T[],
  concurrency: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<(R | PoolError)[]> {
  const results: (R | PoolError)[] = new Array(items.length);
  let cursor = 0;
  const worker = async (): Promise<void> => {
    while (cursor < items.length) {
      const index = cursor++;
      try {
        results[index] = await work(items[index] as T, index);
      } catch (error) {
        results[index] = new PoolError(index, error);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return results;
}

/** A pooled task that threw. */
export class PoolError extends Error {
  constructor(
    readonly index: number,
    override readonly cause: unknown,
  ) {
    // fetch's own message is only "fetch failed": the network error it wraps says what happened.
    const inner = (cause as { cause?: unknown } | undefined)?.cause;
    super(
      `task ${index} failed: ${cause instanceof Error ? cause.message : String(cause)}${inner ? ` (${String(inner)})` : ''}`,
    );
    this.name = 'PoolError';
  }
}
