import { TurnContext, type CloudAdapter } from 'botbuilder';
import type { ClaimsIdentity } from 'botframework-connector';
import type { Logger } from 'pino';
import { send, type Reply } from './turn';

/**
 * Work that must not hold up Teams' request (an invoke must be answered within seconds): it runs in a proactive
 * turn of the same conversation, and what it returns is sent there. Tracked so shutdown can wait for it.
 */
export class BackgroundWork {
  private readonly running = new Set<Promise<void>>();

  constructor(private readonly log: Logger) {}

  /** Starts `logic` in a new turn of the current conversation, authenticated as this turn's bot identity. */
  start(context: TurnContext, name: string, logic: (context: TurnContext) => Promise<Reply | void>): void {
    const adapter = context.adapter as CloudAdapter;
    const identity = context.turnState.get<ClaimsIdentity>(adapter.BotIdentityKey);
    const reference = TurnContext.getConversationReference(context.activity);
    const task: Promise<void> = adapter
      .continueConversationAsync(identity, reference, async (ctx) => {
        const reply = await logic(ctx);
        if (reply) await send(ctx, reply);
      })
      .catch((error: unknown) => this.log.error({ err: error, task: name }, 'background work failed'))
      .finally(() => this.running.delete(task));
    this.running.add(task);
  }

  /** Resolves when every started task has finished (graceful shutdown). */
  async drain(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }

  get size(): number {
    return this.running.size;
  }
}
