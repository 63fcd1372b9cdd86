import type { TurnContext } from 'botbuilder';
import type { AdaptiveCardJson } from '../../cards/templates';
import type { BackgroundWork } from '../background';
import { cardAttachment } from '../jobs/job-card';
import { conversationType, sendInvokeResponse } from '../turn';
import { postedCardOf } from './posted-cards';

// Teams gives an invoke about five seconds; answer well before, and finish slow work with a message update.
const INVOKE_DEADLINE_MS = 4_000;
/** Returned by {@link answerInTime} when the work outlived the invoke deadline. */
export const LATE = Symbol('late');

/** Answers an Action.Execute invoke with the card that replaces the clicked one. */
export function respondCard(context: TurnContext, card: AdaptiveCardJson): Promise<void> {
  return sendInvokeResponse(context, 200, { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: card });
}

/**
 * In channels and group chats the invoke response only changes the clicker's view; everyone else sees the
 * message updated through the connector, when it is a card the bot posted in this conversation.
 */
export async function updateForEveryone(context: TurnContext, card: AdaptiveCardJson): Promise<void> {
  if (conversationType(context) === 'personal') return;
  const messageId = await postedCardOf(context);
  if (messageId) await context.updateActivity({ id: messageId, type: 'message', attachments: [cardAttachment(card)] });
}

/**
 * Waits for `work` up to the invoke deadline. If it is slower, returns {@link LATE} (the caller answers with a
 * "working" card) and, when the work finishes, replaces the clicked message with its card in a proactive turn.
 */
export async function answerInTime<R>(
  context: TurnContext,
  background: BackgroundWork,
  work: Promise<R>,
  cardOf: (result: R) => AdaptiveCardJson,
): Promise<R | typeof LATE> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<typeof LATE>((resolve) => (timer = setTimeout(() => resolve(LATE), INVOKE_DEADLINE_MS)));
  const first = await Promise.race([work, deadline]);
  clearTimeout(timer);
  if (first !== LATE) return first;
  const messageId = await postedCardOf(context);
  background.start(context, 'late card update', async (ctx) => {
    const card = cardOf(await work);
    if (messageId) await ctx.updateActivity({ id: messageId, type: 'message', attachments: [cardAttachment(card)] });
    else await ctx.sendActivity({ type: 'message', attachments: [cardAttachment(card)] });
  });
  return LATE;
}
