import type { TurnContext } from 'botbuilder';
import { renderPrompt } from '../../cards/prompt';
import { performAction, targetOf, type GraphAction } from '../actions';
import type { HandlerDeps } from '../deps';
import { actorOf, auditWhere, conversationType, sendCard } from '../turn';

/**
 * A typed command that needs Graph (`reprocess`, `status`, `reprocess request`). With a usable credential it
 * runs at once. Without one: in 1:1 chat Teams SSO signs the user in silently and the command then runs by
 * itself; in channels and group chats silent SSO is impossible, so the bot posts a card whose button performs
 * the action as whoever clicks it.
 */
export async function handleGraphCommand(context: TurnContext, deps: HandlerDeps, action: GraphAction): Promise<void> {
  const user = context.activity.from?.aadObjectId;
  const credential = deps.credentials.get(user);
  if (!credential) return askToSignIn(context, deps, action);
  const actor = actorOf(context, deps.credentials.upnOf(user));
  const result = await performAction(action, credential, actor, deps, auditWhere(context));
  if ('kind' in result) {
    deps.credentials.forget(user);
    return askToSignIn(context, deps, action);
  }
  deps.log.info({ user, action: action.kind, target: targetOf(action), outcome: result.outcome }, 'command handled');
  await sendCard(context, result.card);
}

async function askToSignIn(context: TurnContext, deps: HandlerDeps, action: GraphAction): Promise<void> {
  if (conversationType(context) === 'personal') return deps.sso.promptSignIn(context, action);
  const prompt = { command: action.kind, targetId: targetOf(action), requestedBy: actorOf(context), at: deps.clock() };
  await sendCard(context, renderPrompt(prompt));
}
