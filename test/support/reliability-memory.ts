import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** Heap and RSS at one moment, in bytes; `t` in ms since sampling started. */
export interface Sample {
  t: number;
  heapUsed: number;
  rss: number;
}

/**
 * A full garbage collection before each sample, so heapUsed measures what is retained rather than where the
 * collector happens to be. `--expose-gc` can be switched on at runtime; the function then lives in a fresh context.
 */
export function gcFunction(): () => void {
  const existing = (globalThis as { gc?: () => void }).gc;
  if (existing) return existing;
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

/** Samples memory every `everyMs` (after a full GC) until stopped. */
export function sampleMemory(everyMs = 1_000): { stop(): Sample[] } {
  const gc = gcFunction();
  const started = Date.now();
  const samples: Sample[] = [];
  const take = () => {
    gc();
    const { heapUsed, rss } = process.memoryUsage();
    samples.push({ t: Date.now() - started, heapUsed, rss });
  };
  take();
  const timer = setInterval(take, everyMs);
  return {
    stop: () => {
      clearInterval(timer);
      take();
      return samples;
    },
  };
}

/** Least-squares slope of `pick(sample)` over the second half of the run (after warm-up), in MB per minute. */
export function slopeMbPerMinute(samples: readonly Sample[], pick: (s: Sample) => number): number {
  const end = samples.at(-1)?.t ?? 0;
  const half = samples.filter((s) => s.t >= end / 2);
  if (half.length < 3) return Number.NaN;
  const meanT = half.reduce((n, s) => n + s.t, 0) / half.length;
  const meanV = half.reduce((n, s) => n + pick(s), 0) / half.length;
  const cov = half.reduce((n, s) => n + (s.t - meanT) * (pick(s) - meanV), 0);
  const varT = half.reduce((n, s) => n + (s.t - meanT) ** 2, 0);
  const bytesPerMs = cov / varT;
  return (bytesPerMs * 60_000) / (1024 * 1024);
}

/** `12.3 MB` */
export function mb(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
