import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** Heap and RSS in bytes after `n` commands; `t` in ms since sampling started. */
export interface Sample {
  n: number;
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

/** Samples memory after a full GC, on demand (the caller decides when: after every so many commands). */
export function memorySampler(): { take(n: number): void; samples: Sample[] } {
  const gc = gcFunction();
  const started = Date.now();
  const samples: Sample[] = [];
  return {
    samples,
    take: (n) => {
      gc();
      const { heapUsed, rss } = process.memoryUsage();
      samples.push({ n, t: Date.now() - started, heapUsed, rss });
    },
  };
}

/** Least-squares slope of `y` over `x` across the second half of the samples (the first half still settles). */
export function secondHalfSlope(
  samples: readonly Sample[],
  x: (s: Sample) => number,
  y: (s: Sample) => number,
): number {
  const half = samples.slice(Math.floor(samples.length / 2));
  if (half.length < 3) return Number.NaN;
  const meanX = half.reduce((sum, s) => sum + x(s), 0) / half.length;
  const meanY = half.reduce((sum, s) => sum + y(s), 0) / half.length;
  const cov = half.reduce((sum, s) => sum + (x(s) - meanX) * (y(s) - meanY), 0);
  const varX = half.reduce((sum, s) => sum + (x(s) - meanX) ** 2, 0);
  return cov / varX;
}

/** Retained bytes per command, in KB: what a leak of something per command shows up as, however fast the machine. */
export const kbPerCommand = (samples: readonly Sample[], pick: (s: Sample) => number): number =>
  secondHalfSlope(samples, (s) => s.n, pick) / 1024;

/** The same growth per minute of wall time, in MB (depends on how fast this machine served the commands). */
export const mbPerMinute = (samples: readonly Sample[], pick: (s: Sample) => number): number =>
  (secondHalfSlope(samples, (s) => s.t, pick) * 60_000) / (1024 * 1024);

/** `12.3 MB` */
export function mb(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
