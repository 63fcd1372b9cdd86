import type { TokenCredential } from '@azure/identity';
import type { TurnContext } from 'botbuilder';
import { renderPrompt } from '../../cards/prompt';
import { renderRequestResult } from '../../cards/request';
import { renderResult } from '../../cards/result';
import { renderStatus } from '../../cards/status';
import type { AdaptiveCardJson } from '../../cards/templates';
import { auditSingle, type AuditWhere } from '../../services/audit-record';
import type { SignInAgain } from '../../services/failures';
import type { Actor } from '../../services/outcomes';
import { reprocessRequest } from '../../services/request';
import { reprocessAssignment } from '../../services/reprocess';
import { assignmentStatus } from '../../services/status';
import { targetOf, type GraphCommand } from '../commands';
import type { HandlerDeps } from '../deps';
import { actorOf, auditWhere, card, conversationType, type Reply } from '../turn';

/**
 * A typed `reprocess`, `status` or `reprocess request`. With a usable credential it runs at once. Without one: in a
 * 1:1 chat Teams SSO signs the user in silently and the command runs by itself afterwards; in channels and group
 * chats silent SSO is impossible, so the bot posts a card whose button runs the command as whoever clicks it.
 */
export async function handleGraphCommand(
  context: TurnContext,
  deps: HandlerDeps,
  command: GraphCommand,
): Promise<Reply> {
  const user = context.activity.from?.aadObjectId;
  const credential = deps.credentials.get(user);
  if (!credential) return askToSignIn(context, deps, command);
  const result = await runGraphCommand(
    command,
    credential,
    actorOf(context, deps.credentials.upnOf(user)),
    deps,
    auditWhere(context),
  );
  if ('kind' in result) {
    deps.credentials.forget(user);
    return askToSignIn(context, deps, command);
  }
  deps.log.info({ user, action: command.kind, target: targetOf(command), outcome: result.outcome }, 'command handled');
  return card(result.card);
}

/** Runs the command as the credential's user, audits what reached Graph, and renders the card that answers it. */
export async function runGraphCommand(
  command: GraphCommand,
  credential: TokenCredential,
  actor: Actor,
  deps: HandlerDeps,
  where: AuditWhere,
): Promise<{ card: AdaptiveCardJson; outcome: string } | SignInAgain> {
  const gateway = deps.gatewayFor(credential);
  const ctx = { actor, at: deps.clock() };
  const consentUrl = deps.config.aad.consentUrl;
  switch (command.kind) {
    case 'reprocess': {
      const outcome = await reprocessAssignment(gateway, command.assignmentId, consentUrl);
      if (outcome.kind === 'signInAgain') return outcome;
      await auditSingle(deps.audit, outcome, { kind: 'assignment', id: command.assignmentId }, actor, where);
      return { card: renderResult(outcome, ctx), outcome: outcome.kind };
    }
    case 'status': {
      const outcome = await assignmentStatus(gateway, command.assignmentId, consentUrl);
      return outcome.kind === 'signInAgain' ? outcome : { card: renderStatus(outcome, ctx), outcome: outcome.kind };
    }
    case 'reprocessRequest': {
      const outcome = await reprocessRequest(gateway, command.requestId, consentUrl);
      if (outcome.kind === 'signInAgain') return outcome;
      await auditSingle(deps.audit, outcome, { kind: 'request', id: command.requestId }, actor, where);
      return { card: renderRequestResult(outcome, ctx), outcome: outcome.kind };
    }
  }
}

/** The card for a command whose id is not a GUID: said at once, with no sign-in and no call to Graph. */
export function invalidIdCard(
  command: GraphCommand['kind'],
  input: string,
  ctx: { actor: Actor; at: Date },
): AdaptiveCardJson {
  switch (command) {
    case 'reprocess':
      return renderResult({ kind: 'invalidId', target: { kind: 'assignment', id: input } }, ctx);
    case 'status':
      return renderStatus({ kind: 'invalidId', target: { kind: 'assignment', id: input } }, ctx);
    case 'reprocessRequest':
      return renderRequestResult({ kind: 'invalidId', target: { kind: 'request', id: input } }, ctx);
  }
}

async function askToSignIn(context: TurnContext, deps: HandlerDeps, command: GraphCommand): Promise<Reply> {
  if (conversationType(context) === 'personal') return deps.sso.prompt(context, command);
  return card(
    renderPrompt({
      command: command.kind,
      targetId: targetOf(command),
      requestedBy: actorOf(context),
      at: deps.clock(),
    }),
  );
}
