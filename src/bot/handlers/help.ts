import type { TurnContext } from 'botbuilder';
import { renderHelp } from '../../cards/messages';
import { sendCard } from '../turn';

/** `help`, and any text the bot does not understand. */
export async function handleHelp(context: TurnContext): Promise<void> {
  await sendCard(context, renderHelp());
}
