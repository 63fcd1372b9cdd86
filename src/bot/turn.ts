import { CardFactory, MessageFactory, type TurnContext } from 'botbuilder';
import type { AdaptiveCardJson } from '../cards/templates';
import type { Actor } from '../services/outcomes';

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
  const channelData = context.activity.channelData as { tenant?: { id?: string } } | undefined;
  return { tenantId: context.activity.conversation?.tenantId ?? channelData?.tenant?.id ?? '', conversationType: conversationType(context) };
}

/** Sends an Adaptive Card as a message (a reply in the thread of the current activity). */
export async function sendCard(context: TurnContext, card: AdaptiveCardJson): Promise<string | undefined> {
  const response = await context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(card)));
  return response?.id;
}

/** Answers the current invoke activity (HTTP status and body of Teams' request). */
export async function sendInvokeResponse(context: TurnContext, status: number, body?: unknown): Promise<void> {
  await context.sendActivity({ type: 'invokeResponse', value: { status, body } });
}
