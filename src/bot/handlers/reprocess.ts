import type { TurnContext } from 'botbuilder';
import { renderResult } from '../../cards/render';
import { reprocessAssignment } from '../../services/reprocess';
import type { HandlerDeps } from '../deps';
import { actorOf, sendCard } from '../turn';

/** `reprocess <assignment id>`: sign in if needed, then reprocess as the user and answer one result card. */
export async function handleReprocess(context: TurnContext, deps: HandlerDeps, assignmentId: string): Promise<void> {
  const user = context.activity.from?.aadObjectId;
  const credential = deps.credentials.get(user);
  if (!credential) return deps.sso.promptSignIn(context, { kind: 'reprocess', assignmentId });
  const outcome = await reprocessAssignment(deps.gatewayFor(credential), assignmentId, deps.consentUrl);
  if (outcome.kind === 'signInAgain') {
    deps.credentials.forget(user);
    return deps.sso.promptSignIn(context, { kind: 'reprocess', assignmentId });
  }
  deps.log.info({ user, assignmentId, outcome: outcome.kind, ids: 'ids' in outcome ? outcome.ids : undefined }, 'reprocess');
  await sendCard(context, renderResult(outcome, { actor: actorOf(context, deps.credentials.upnOf(user)), at: deps.clock() }));
}
