import type { TurnContext } from 'botbuilder';
import { renderHistory } from '../../cards/history';
import { Notices } from '../../cards/messages';
import { historyView } from '../../services/history';
import type { HandlerDeps } from '../deps';
import { activityTenant } from '../endpoint';
import { actorOf, card, conversationType, type Reply } from '../turn';

/** `history`: the caller's own recent reprocess activity in this tenant (never anyone else's), in a 1:1 chat only. */
export async function handleHistory(context: TurnContext, deps: HandlerDeps): Promise<Reply> {
  // Everyone in a channel or group chat would read the admin's audit trail: point to the private chat instead.
  if (conversationType(context) !== 'personal') return card(Notices.historyInPersonalChat());
  const actor = actorOf(context, deps.credentials.upnOf(context.activity.from?.aadObjectId));
  return card(
    renderHistory(
      await historyView(deps.audit, activityTenant(context.activity) ?? '', actor, deps.config.auditRetentionDays),
    ),
  );
}
