import { setTimeout as sleep } from 'node:timers/promises';
import type { Posted } from './http';
import { percentile } from './stats';

/** One load phase's outcome. Latencies are of successful (2xx) answers only. */
export interface LoadResult {
  sent: number;
  ok: number;
  failed: number;
  elapsedMs: number;
  latencies: number[];
  /** Non-2xx answers by HTTP status (0 = transport error or timeout; -1 = not sent, too many in flight). */
  failures: Record<number, number>;
}

/** Derived figures of a load phase. */
export function summarize(r: LoadResult): { perSecond: number; p50: number; p99: number } {
  return { perSecond: r.ok / (r.elapsedMs / 1000), p50: percentile(r.latencies, 50), p99: percentile(r.latencies, 99) };
}

/** Sends message number `i`; resolves with the bot's HTTP answer. */
export type Send = (i: number) => Promise<Posted>;

/**
 * Closed loop: `concurrency` senders, each sending its next message as soon as the previous is answered, until
 * `maxCount` messages were sent or `maxMs` passed. Measures the most the bot sustains.
 */
export async function closedLoop(
  send: Send,
  opts: { concurrency: number; maxCount: number; maxMs: number },
): Promise<LoadResult> {
  const result = emptyResult();
  const started = performance.now();
  const deadline = started + opts.maxMs;
  const sender = async () => {
    while (result.sent < opts.maxCount && performance.now() < deadline) {
      record(result, await send(result.sent++));
    }
  };
  await Promise.all(Array.from({ length: opts.concurrency }, sender));
  result.elapsedMs = performance.now() - started;
  return result;
}

/**
 * Open loop: one message every `1000 / ratePerSecond` ms whatever the answers (as Teams users would), `count` in
 * all; at most `maxInFlight` outstanding (beyond that a send is counted as failed, never queued).
 */
export async function openLoop(
  send: Send,
  opts: { ratePerSecond: number; count: number; maxInFlight: number },
): Promise<LoadResult> {
  const result = emptyResult();
  const pending = new Set<Promise<void>>();
  const started = performance.now();
  for (let i = 0; i < opts.count; i++) {
    const due = started + (i * 1000) / opts.ratePerSecond;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    result.sent++;
    if (pending.size >= opts.maxInFlight) {
      record(result, { status: -1, ms: 0, body: '' });
      continue;
    }
    const p: Promise<void> = send(i)
      .then((posted) => record(result, posted))
      .finally(() => pending.delete(p));
    pending.add(p);
  }
  await Promise.all(pending);
  result.elapsedMs = performance.now() - started;
  return result;
}

function emptyResult(): LoadResult {
  return { sent: 0, ok: 0, failed: 0, elapsedMs: 0, latencies: [], failures: {} };
}

function record(result: LoadResult, posted: Posted): void {
  if (posted.status >= 200 && posted.status < 300) {
    result.ok++;
    result.latencies.push(posted.ms);
  } else {
    result.failed++;
    result.failures[posted.status] = (result.failures[posted.status] ?? 0) + 1;
  }
}
