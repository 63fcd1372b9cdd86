import { CardFactory, MessageFactory, type Attachment, type TurnContext } from 'botbuilder';
import type { AdaptiveCardJson } from '../cards/templates';
import type { Actor } from '../services/outcomes';
import { activityTenant } from './endpoint';

/** One thing a handler wants sent: a card message, another attachment, the invoke's answer, or a card update. */
export type Outgoing =
  | { kind: 'card'; card: AdaptiveCardJson; posted?: (activityId: string) => Promise<void> }
  | { kind: 'attachment'; attachment: Attachment }
  | { kind: 'invoke'; status: number; body?: unknown }
  | { kind: 'update'; activityId: string; card: AdaptiveCardJson };

/** What a handler returns: nothing, one thing or several, sent in order by {@link send}. */
export type Reply = Outgoing | readonly Outgoing[];

/** A message with this card. */
export const card = (c: AdaptiveCardJson): Outgoing => ({ kind: 'card', card: c });

/** The HTTP answer of the current invoke. */
export const invoke = (status: number, body?: unknown): Outgoing => ({ kind: 'invoke', status, body });

/** The answer of an Action.Execute click: the card that replaces the clicked one. */
export const cardInvoke = (c: AdaptiveCardJson): Outgoing =>
  invoke(200, { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: c });

/** The message attachment carrying a card (for sends and `updateActivity`). */
export function cardAttachment(c: AdaptiveCardJson): Attachment {
  return CardFactory.adaptiveCard(c);
}

/** The one place a turn's replies are sent: handlers return them, this sends them in order. */
export async function send(context: TurnContext, reply: Reply): Promise<void> {
  for (const out of Array.isArray(reply) ? reply : [reply as Outgoing]) {
    switch (out.kind) {
      case 'card': {
        // `posted` learns the message id (a job's card is updated in place later).
        const response = await context.sendActivity(MessageFactory.attachment(cardAttachment(out.card)));
        if (out.posted && response?.id) await out.posted(response.id);
        break;
      }
      case 'attachment':
        await context.sendActivity(MessageFactory.attachment(out.attachment));
        break;
      case 'invoke':
        await context.sendActivity({ type: 'invokeResponse', value: { status: out.status, body: out.body } });
        break;
      case 'update':
        await context.updateActivity({ id: out.activityId, type: 'message', attachments: [cardAttachment(out.card)] });
        break;
    }
  }
}

/** The Teams user behind the current activity. */
export function actorOf(context: TurnContext, upn?: string): Actor {
  const from = context.activity.from ?? { id: '', name: '' };
  return { name: from.name || 'Unknown user', aadObjectId: from.aadObjectId, upn };
}

/** 'personal', 'channel' or 'groupChat' ('personal' when Teams omits it, as in 1:1 chats). */
export function conversationType(context: TurnContext): string {
  return context.activity.conversation?.conversationType ?? 'personal';
}

/** Tenant and conversation type of the current activity, for the audit trail. */
export function auditWhere(context: TurnContext): { tenantId: string; conversationType: string } {
  return { tenantId: activityTenant(context.activity) ?? '', conversationType: conversationType(context) };
}
