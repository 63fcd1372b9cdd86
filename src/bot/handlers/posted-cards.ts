import type { Middleware, TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import { storageKey } from '../../storage/keys';
import type { BotStore } from '../../storage/store';

// A card is clicked days after it was posted at most; a week covers a finished job's "Retry failed".
const POSTED_TTL_MS = 7 * 24 * 60 * 60_000;
// The most recent posts of one conversation (a 1:1 chat, a channel thread) that stay updatable.
const MAX_PER_CONVERSATION = 100;
const REGISTRY = Symbol('postedCards');
const ANSWER = Symbol('postedCardOf');

/**
 * Records the ids of the messages the bot posts, per conversation, so a card is updated only when it is one the
 * bot itself posted there. An invoke's `replyToId` is written by its sender: without this check any message id
 * (someone's post, another conversation's card) could be overwritten through a click.
 */
export class PostedCards implements Middleware {
  constructor(
    private readonly store: BotStore,
    private readonly log: Logger,
  ) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    context.turnState.set(REGISTRY, this);
    context.onSendActivities(async (ctx, activities, send) => {
      const responses = await send();
      const ids = activities.flatMap((activity, i) =>
        activity.type === 'message' && responses[i]?.id ? [responses[i].id] : [],
      );
      if (ids.length > 0) await this.record(ctx.activity.conversation.id, ids);
      return responses;
    });
    await next();
  }

  /** True when the bot posted `activityId` in this conversation (within the last week and 100 posts). */
  async has(conversationId: string, activityId: string): Promise<boolean> {
    return ((await this.store.get<string[]>(keyOf(conversationId))) ?? []).includes(activityId);
  }

  private async record(conversationId: string, ids: string[]): Promise<void> {
    try {
      await this.store.update<string[]>(
        keyOf(conversationId),
        (known = []) => [...known.filter((id) => !ids.includes(id)), ...ids].slice(-MAX_PER_CONVERSATION),
        POSTED_TTL_MS,
      );
    } catch (error) {
      // The message is out; failing the turn would not unsend it. Its clicks then update only the clicker's view.
      this.log.warn({ err: error, conversationId }, 'could not record a posted message');
    }
  }
}

/** `replyToId` when it names a message the bot posted in this conversation; undefined otherwise. Read once a turn. */
export function postedCardOf(context: TurnContext): Promise<string | undefined> {
  const known = context.turnState.get<Promise<string | undefined> | undefined>(ANSWER);
  if (known) return known;
  const id = context.activity.replyToId;
  const registry = context.turnState.get<PostedCards | undefined>(REGISTRY);
  const answer = (async () =>
    id && registry && (await registry.has(context.activity.conversation.id, id)) ? id : undefined)();
  context.turnState.set(ANSWER, answer);
  return answer;
}

function keyOf(conversationId: string): string {
  return storageKey('posted', conversationId);
}
