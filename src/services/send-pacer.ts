import { BATCH_SIZE } from '../graph/bulk';
import { isThrottled } from '../graph/limits';

/**
 * Client-side pacing learned from throttling: unpaced until Graph throttles, then 10% above the rate Graph served
 * over the last ten batches (a token bucket's refill rate), so its quota stays in use while few items are refused;
 * 5% faster after each unthrottled batch. It only delays sends: each throttled item still waits its own Retry-After.
 */
export class SendPacer {
  private perSecond = Number.POSITIVE_INFINITY;
  private nextAt = 0;
  private startedAt = 0;
  private recent: { at: number; served: number }[] = [];

  /** Milliseconds to wait before sending `n` items; reserves their slot (0 while unpaced). */
  reserve(n: number, now = Date.now()): number {
    this.startedAt ||= now;
    const at = Math.max(now, this.nextAt);
    this.nextAt = at + (n / this.perSecond) * 1000;
    return at - now;
  }

  /** Learns from the statuses Graph gave one batch. */
  observe(statuses: number[], now = Date.now()): void {
    const served = statuses.filter((s) => s >= 200 && s < 500 && !isThrottled(s)).length;
    this.recent = [...this.recent.slice(-9), { at: now, served }];
    if (!statuses.some(isThrottled)) return void (this.perSecond *= 1.05);
    // Served since the oldest recent batch answered (its own items were served before that moment).
    const oldest = this.recent.length > 2 ? this.recent[0] : undefined;
    const seconds = Math.max(0.25, (now - (oldest?.at ?? this.startedAt)) / 1000);
    const count = this.recent.reduce((sum, r) => sum + r.served, 0) - (oldest?.served ?? 0);
    this.perSecond = Math.max(BATCH_SIZE, (count / seconds) * 1.1);
  }
}
