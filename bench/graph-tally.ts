import type { GraphCallRecord } from '../sandbox';

/** What Graph's call records say about one bulk job. */
export interface BulkTally {
  /** Top-level `$batch` HTTP requests. */
  batches: number;
  /** Reprocess sub-requests (every attempt). */
  itemPosts: number;
  throttled: number;
  /** Distinct assignments accepted (202). */
  accepted: number;
  /** Expected assignments never accepted. */
  lost: number;
  /** 202s beyond the first for the same assignment. */
  duplicated: number;
  /** Other statuses (not 202, not 429). */
  otherFailures: number;
  firstPostAt: number;
  lastAcceptAt: number;
}

const REPROCESS = /\/assignments\/([^/]+)\/reprocess$/;

/** Tallies the calls Graph recorded for a job over `expected` assignment ids. */
export function tallyBulk(calls: readonly GraphCallRecord[], expected: readonly string[]): BulkTally {
  const posts = calls.filter((c) => c.batched && c.method === 'POST' && REPROCESS.test(c.path));
  const acceptedTimes = new Map<string, number>();
  let duplicated = 0;
  let lastAcceptAt = 0;
  for (const call of posts.filter((c) => c.status === 202)) {
    const id = decodeURIComponent(REPROCESS.exec(call.path)?.[1] ?? '');
    if (acceptedTimes.has(id)) duplicated++;
    acceptedTimes.set(id, call.at);
    lastAcceptAt = Math.max(lastAcceptAt, call.at);
  }
  return {
    batches: calls.filter((c) => !c.batched && c.method === 'POST' && c.path.endsWith('/$batch')).length,
    itemPosts: posts.length,
    throttled: posts.filter((c) => c.status === 429).length,
    accepted: acceptedTimes.size,
    lost: expected.filter((id) => !acceptedTimes.has(id)).length,
    duplicated,
    otherFailures: posts.filter((c) => c.status !== 202 && c.status !== 429).length,
    firstPostAt: Math.min(...posts.map((c) => c.at)),
    lastAcceptAt,
  };
}
