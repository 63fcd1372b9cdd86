import type { TurnContext } from 'botbuilder';
import { renderSignedOut } from '../../cards/messages';
import type { HandlerDeps } from '../deps';
import { conversationType, sendCard } from '../turn';

/** `signout`: forget the user's delegated credential, on every instance (credentials live in memory only). */
export async function handleSignOut(context: TurnContext, deps: HandlerDeps): Promise<void> {
  const user = context.activity.from?.aadObjectId;
  await deps.credentials.signOut(user);
  deps.log.info({ user }, 'user signed out');
  await sendCard(context, renderSignedOut(conversationType(context) === 'personal'));
}
