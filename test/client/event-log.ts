import type { StreamEvent } from '../../sandbox/playground-api';

/** Everything the Playground streamed, in order, with waiting on what is still to come. */
export class EventLog {
  private readonly events: StreamEvent[] = [];
  private readonly waiters = new Set<() => void>();

  constructor(private readonly context: () => string = () => '') {}

  /** Records an event and wakes the waiters. */
  push(event: StreamEvent): void {
    this.events.push(event);
    for (const wake of this.waiters) wake();
  }

  /** How many events have arrived: a position to wait from. */
  mark(): number {
    return this.events.length;
  }

  /** Every event so far. */
  all(): StreamEvent[] {
    return [...this.events];
  }

  /** The first event at or after `since` that matches, as soon as it arrives; rejects after `timeoutMs`. */
  waitFor(match: (event: StreamEvent) => boolean, since: number, timeoutMs = 15_000): Promise<StreamEvent> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = this.events.slice(since).find(match);
        if (!found) return;
        done();
        resolve(found);
      };
      const timer = setTimeout(() => {
        done();
        reject(
          new Error(
            `no matching Playground event within ${timeoutMs} ms. Events since then:\n${this.describe(since)}\n${this.context()}`,
          ),
        );
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(check);
      };
      this.waiters.add(check);
      check();
    });
  }

  private describe(since: number): string {
    return this.events
      .slice(since)
      .map((e) => `  ${e.action} ${e.actionConversationId} ${JSON.stringify(e.message ?? {}).slice(0, 300)}`)
      .join('\n');
  }
}
