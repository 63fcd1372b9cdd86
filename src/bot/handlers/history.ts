import type { TurnContext } from 'botbuilder';
import { renderNotice } from '../../cards/messages';
import { renderHistory } from '../../cards/history';
import { historyView } from '../../services/history';
import type { HandlerDeps } from '../deps';
import { activityTenant } from '../endpoint';
import { actorOf, conversationType, sendCard } from '../turn';

/** `history`: the caller's own recent reprocess activity in this tenant (never anyone else's), in a 1:1 chat only. */
export async function handleHistory(context: TurnContext, deps: HandlerDeps): Promise<void> {
  // Everyone in a channel or group chat would read the admin's audit trail: point to the private chat instead.
  if (conversationType(context) !== 'personal') {
    await sendCard(context, renderNotice({
      title: 'Ask for your history in a 1:1 chat',
      message: 'Your history lists your own reprocess attempts, so Reprocess shows it only in your 1:1 chat with it. Open that chat and send: history',
    }));
    return;
  }
  const actor = actorOf(context, deps.credentials.upnOf(context.activity.from?.aadObjectId));
  const view = await historyView(deps.audit, activityTenant(context.activity) ?? '', actor, deps.config.auditRetentionDays);
  await sendCard(context, renderHistory(view));
}
