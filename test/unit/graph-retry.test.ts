import { retryAfterSeconds, retryWaitSeconds } from '../../src/graph/client';

const answer = (retryAfter?: string) =>
  new Response(null, { status: 503, headers: retryAfter === undefined ? {} : { 'Retry-After': retryAfter } });

describe('retryWaitSeconds: the longest the Graph SDK will sleep before a retry', () => {
  test.each([
    // Without Retry-After the SDK backs off 1 s, then round(0.5 * (2^n - 1)) + 1 s, capped at 5 s; jitter adds up to 1 s.
    [1, 2],
    [2, 4],
    [3, 6],
    [4, 6],
    [9, 6],
  ])('without Retry-After, retry %p waits at most %p s', (attempt, seconds) => {
    expect(retryWaitSeconds(answer(), attempt)).toBe(seconds);
  });

  it("honours Graph's Retry-After when the SDK would wait that long", () => {
    expect(retryWaitSeconds(answer('0'), 1)).toBe(1);
    expect(retryWaitSeconds(answer('3'), 4)).toBe(4);
    expect(retryWaitSeconds(answer('5'), 1)).toBe(6);
  });

  it('refuses (Infinity) a Retry-After longer than the SDK cap, which it would cut short and retry too early', () => {
    expect(retryWaitSeconds(answer('6'), 1)).toBe(Number.POSITIVE_INFINITY);
    expect(retryWaitSeconds(answer('30'), 1)).toBe(Number.POSITIVE_INFINITY);
    expect(retryWaitSeconds(answer(new Date(Date.now() + 60_000).toUTCString()), 1)).toBe(Number.POSITIVE_INFINITY);
  });
});

describe('retryAfterSeconds', () => {
  it('reads seconds and HTTP dates, and means 1 s when absent or unreadable', () => {
    expect(retryAfterSeconds(answer('7'))).toBe(7);
    expect(retryAfterSeconds(answer())).toBe(1);
    expect(retryAfterSeconds(answer('soon'))).toBe(1);
    expect(retryAfterSeconds(answer(new Date(Date.now() + 10_000).toUTCString()))).toBeGreaterThanOrEqual(9);
    expect(retryAfterSeconds(answer(new Date(Date.now() - 10_000).toUTCString()))).toBe(0);
  });
});
