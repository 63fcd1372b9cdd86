import type { TokenCredential } from '@azure/identity';
import { renderRequestResult } from '../cards/request';
import { renderResult } from '../cards/result';
import { renderStatus } from '../cards/status';
import type { AdaptiveCardJson } from '../cards/templates';
import { reprocessRequest } from '../services/request';
import { reprocessAssignment } from '../services/reprocess';
import { assignmentStatus } from '../services/status';
import type { Actor } from '../services/outcomes';
import type { SignInAgain } from '../services/failures';
import { auditSingle, type AuditWhere } from '../services/audit-record';
import type { Command } from './commands';
import type { HandlerDeps } from './deps';

/** Something the bot does in Graph as a user, from text or from a button. */
export type GraphAction = Extract<Command, { kind: 'reprocess' | 'status' | 'reprocessRequest' }>;

/** The id an action is about (assignment or request), for dedupe keys and prompts. */
export function targetOf(action: GraphAction): string {
  return action.kind === 'reprocessRequest' ? action.requestId : action.assignmentId;
}

/** True for actions that change something in Graph (and so must run once per click). */
export function isWrite(action: GraphAction): boolean {
  return action.kind !== 'status';
}

/** Runs the action as the credential's user and renders the card that answers it. */
export async function performAction(
  action: GraphAction,
  credential: TokenCredential,
  actor: Actor,
  deps: HandlerDeps,
  where: AuditWhere,
): Promise<{ card: AdaptiveCardJson; outcome: string } | SignInAgain> {
  const gateway = deps.gatewayFor(credential);
  const ctx = { actor, at: deps.clock() };
  switch (action.kind) {
    case 'reprocess': {
      const outcome = await reprocessAssignment(gateway, action.assignmentId, deps.consentUrl);
      if (outcome.kind === 'signInAgain') return outcome;
      await auditSingle(deps.audit, outcome, { kind: 'assignment', id: action.assignmentId }, actor, where);
      return { card: renderResult(outcome, ctx), outcome: outcome.kind };
    }
    case 'status': {
      const outcome = await assignmentStatus(gateway, action.assignmentId, deps.consentUrl);
      return outcome.kind === 'signInAgain' ? outcome : { card: renderStatus(outcome, ctx), outcome: outcome.kind };
    }
    case 'reprocessRequest': {
      const outcome = await reprocessRequest(gateway, action.requestId, deps.consentUrl);
      if (outcome.kind === 'signInAgain') return outcome;
      await auditSingle(deps.audit, outcome, { kind: 'request', id: action.requestId }, actor, where);
      return { card: renderRequestResult(outcome, ctx), outcome: outcome.kind };
    }
  }
}

/** The card for an action whose id is not a GUID (no sign-in, no Graph call needed to say so). */
export function invalidIdCard(action: GraphAction, ctx: { actor: Actor; at: Date }): AdaptiveCardJson {
  switch (action.kind) {
    case 'reprocess':
      return renderResult({ kind: 'invalidId', target: { kind: 'assignment', id: action.assignmentId } }, ctx);
    case 'status':
      return renderStatus({ kind: 'invalidId', target: { kind: 'assignment', id: action.assignmentId } }, ctx);
    case 'reprocessRequest':
      return renderRequestResult({ kind: 'invalidId', target: { kind: 'request', id: action.requestId } }, ctx);
  }
}
