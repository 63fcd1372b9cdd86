/** Failure codes of Graph calls that got no HTTP answer at all (status 0). */
export const NO_ANSWER = {
  /** The command's time budget ran out while waiting (a hung connection, or no time left to retry). */
  timeout: 'Timeout',
  /** The connection failed (reset, refused, DNS) before any response arrived. */
  noResponse: 'NoResponse',
} as const;
