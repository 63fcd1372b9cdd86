import type { TurnContext } from 'botbuilder';
import { renderAlreadyRunning } from '../../cards/prompt';
import type { AdaptiveCardJson } from '../../cards/templates';
import type { BotStore } from '../../storage/store';
import { targetOf, type GraphAction } from '../actions';

// A double click, or two people clicking the same card together, lands within seconds.
const CLICK_WINDOW_MS = 30_000;
const WAIT_FOR_FIRST_MS = 8_000;
const POLL_MS = 100;

/**
 * Makes a write action on one card act once: the first click runs it; concurrent or repeated clicks on the same
 * card, verb and target within the window get the first click's card instead of a second Graph write.
 * Reads (status) always run.
 */
export class ClickLedger {
  constructor(private readonly store: BotStore) {}

  async once<R extends AdaptiveCardJson | { kind: string }>(
    context: TurnContext,
    action: GraphAction,
    write: boolean,
    run: () => Promise<R>,
  ): Promise<R | AdaptiveCardJson> {
    if (!write) return run();
    const key = `click/${context.activity.conversation.id}/${context.activity.replyToId ?? '-'}/${action.kind}/${targetOf(action)}`;
    if (!(await this.store.createIfAbsent(key, { done: false }, CLICK_WINDOW_MS))) return this.waitForFirst(key);
    try {
      const result = await run();
      if (isCard(result)) await this.store.set(key, { done: true, card: result }, CLICK_WINDOW_MS);
      else await this.store.delete(key);
      return result;
    } catch (error) {
      await this.store.delete(key);
      throw error;
    }
  }

  private async waitForFirst(key: string): Promise<AdaptiveCardJson> {
    const deadline = Date.now() + WAIT_FOR_FIRST_MS;
    while (Date.now() < deadline) {
      const entry = await this.store.get<{ done: boolean; card?: AdaptiveCardJson }>(key);
      if (!entry) break;
      if (entry.done && entry.card) return entry.card;
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
    return renderAlreadyRunning();
  }
}

function isCard(value: AdaptiveCardJson | { kind: string }): value is AdaptiveCardJson {
  return (value as { type?: unknown }).type === 'AdaptiveCard';
}
