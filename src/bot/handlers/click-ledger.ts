import type { TurnContext } from 'botbuilder';
import { renderAlreadyRunning } from '../../cards/prompt';
import type { AdaptiveCardJson } from '../../cards/templates';
import type { SignInAgain } from '../../services/failures';
import { encodePart, storageKey } from '../../storage/keys';
import type { BotStore } from '../../storage/store';
import { targetOf, type GraphCommand } from '../commands';

// A double click, or two people clicking the same card together, lands within seconds.
const CLICK_WINDOW_MS = 30_000;
const WAIT_FOR_FIRST_MS = 8_000;
const POLL_MS = 100;
// Outcomes where the write happened: anyone clicking the same button afterwards gets that card instead of a second
// write. Any other outcome (denied, throttled, not found…) may be the clicker's own, so it is kept for them only.
const SHARED_OUTCOMES: ReadonlySet<string> = new Set(['accepted', 'requestAccepted']);

/** What a card action produced: its card and outcome kind, or a credential that stopped working. */
export type ClickResult = { card: AdaptiveCardJson; outcome: string } | SignInAgain;

/**
 * Makes a write action on one card act once. The first click runs it while concurrent clicks (anyone's) wait; a
 * successful result is then every clicker's card for the window, any other result only its own clicker's, so one
 * user's refused click never blocks another user. Reads (status) always run.
 */
export class ClickLedger {
  constructor(private readonly store: BotStore) {}

  async once(
    context: TurnContext,
    action: GraphCommand,
    write: boolean,
    run: () => Promise<ClickResult>,
  ): Promise<AdaptiveCardJson | SignInAgain> {
    if (!write) return cardOf(await run());
    const keys = keysOf(context, action);
    const deadline = Date.now() + WAIT_FOR_FIRST_MS;
    for (;;) {
      const done =
        (await this.store.get<{ card: AdaptiveCardJson }>(keys.shared)) ??
        (await this.store.get<{ card: AdaptiveCardJson }>(keys.mine));
      if (done) return done.card;
      if (await this.store.createIfAbsent(keys.running, true, CLICK_WINDOW_MS)) return this.runFirst(keys, run);
      if (Date.now() >= deadline) return renderAlreadyRunning();
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }

  private async runFirst(
    keys: ReturnType<typeof keysOf>,
    run: () => Promise<ClickResult>,
  ): Promise<AdaptiveCardJson | SignInAgain> {
    try {
      const result = await run();
      if ('card' in result) {
        // Written before the claim is released, so a waiter never finds neither.
        await this.store.set(keys.mine, { card: result.card }, CLICK_WINDOW_MS);
        if (SHARED_OUTCOMES.has(result.outcome))
          await this.store.set(keys.shared, { card: result.card }, CLICK_WINDOW_MS);
      }
      return cardOf(result);
    } finally {
      await this.store.delete(keys.running);
    }
  }
}

function cardOf(result: ClickResult): AdaptiveCardJson | SignInAgain {
  return 'card' in result ? result.card : result;
}

/** One button (conversation, card, verb, target): its claim, its shared result and this clicker's own result. */
function keysOf(context: TurnContext, action: GraphCommand): { running: string; shared: string; mine: string } {
  const { conversation, replyToId, from } = context.activity;
  // Each part encoded: ids are the sender's to write and must not run into each other.
  const base = storageKey('click', conversation.id, replyToId ?? '-', action.kind, targetOf(action));
  return {
    running: `${base}/running`,
    shared: `${base}/done`,
    mine: `${base}/by/${encodePart(from?.aadObjectId ?? from?.id ?? '')}`,
  };
}
