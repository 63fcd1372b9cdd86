import type { TurnContext } from 'botbuilder';
import { renderHistory } from '../../cards/history';
import type { HandlerDeps } from '../deps';
import { activityTenant } from '../endpoint';
import { actorOf, sendCard } from '../turn';

const HISTORY_LIMIT = 20;

/** `history`: the caller's own recent reprocess attempts in this tenant (never anyone else's). */
export async function handleHistory(context: TurnContext, deps: HandlerDeps): Promise<void> {
  const actor = actorOf(context, deps.credentials.upnOf(context.activity.from?.aadObjectId));
  const tenant = activityTenant(context.activity) ?? '';
  const entries = actor.aadObjectId ? await deps.audit.recent(tenant, actor.aadObjectId, HISTORY_LIMIT) : [];
  await sendCard(context, renderHistory({
    actor,
    retentionDays: deps.config.auditRetentionDays,
    rows: entries.map((e) => ({
      kind: 'single' as const,
      at: new Date(e.at),
      target: { kind: e.kind, id: e.targetId },
      outcome: e.outcome,
      ...(e.httpStatus ? { httpStatus: e.httpStatus } : {}),
      ...(e.requestId ? { requestId: e.requestId } : {}),
    })),
  }));
}
