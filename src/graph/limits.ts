/** How long Graph work may take, which answers mean "not now", and how a call without an answer is named. */

/**
 * Time budgets. Teams waits ~10 s for an answer: an interactive command's Graph work (every call, waits and
 * retries included) must fit well inside it. Bulk jobs run in the background: each batch may wait out longer
 * throttling.
 */
export const GRAPH_BUDGETS = {
  interactive: { budgetMs: 8_000, budgetPer: 'command' },
  bulk: { budgetMs: 120_000, budgetPer: 'call' },
} as const;

/** Graph's "not now": 429 Too Many Requests or 503 Service Unavailable, both with a time to wait. */
export type ThrottledStatus = 429 | 503;

/** True when Graph answered "not now" (and sent, or implied, a Retry-After). */
export function isThrottled(status: number): status is ThrottledStatus {
  return status === 429 || status === 503;
}

/** Failure codes of Graph calls that got no HTTP answer at all (status 0). */
export const NO_ANSWER = {
  /** The command's time budget ran out while waiting (a hung connection, or no time left to retry). */
  timeout: 'Timeout',
  /** The connection failed (reset, refused, DNS) before any response arrived. */
  noResponse: 'NoResponse',
} as const;
