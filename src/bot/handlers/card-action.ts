import type { TurnContext } from 'botbuilder';
import { z } from 'zod';
import { renderError, type AdaptiveCardJson } from '../../cards/render';
import { invalidIdCard, isWrite, performAction, targetOf, type GraphAction } from '../actions';
import { isGuid } from '../commands';
import type { HandlerDeps } from '../deps';
import { actorOf, auditWhere, conversationType, sendInvokeResponse } from '../turn';
import { Verbs } from '../verbs';
import { ClickLedger } from './click-ledger';
import { handleBulkAction, type BulkVerb } from './bulk-actions';
import type { TokenCredential } from '@azure/identity';
import type { SignInAgain } from '../../services/failures';

const Id = z.string().trim().max(200);
const JobData = z.object({ jobId: z.string().uuid() });
const ActionData = z.discriminatedUnion('verb', [
  z.object({ verb: z.literal(Verbs.reprocess), data: z.object({ assignmentId: Id }) }),
  z.object({ verb: z.literal(Verbs.status), data: z.object({ assignmentId: Id }) }),
  z.object({ verb: z.literal(Verbs.reprocessRequest), data: z.object({ requestId: Id }) }),
  z.object({ verb: z.literal(Verbs.bulkConfirm), data: JobData }),
  z.object({ verb: z.literal(Verbs.bulkCancel), data: JobData }),
  z.object({ verb: z.literal(Verbs.bulkResume), data: JobData }),
  z.object({ verb: z.literal(Verbs.bulkRetryFailed), data: JobData }),
]);
const ExecuteValue = z.object({
  action: z.object({ type: z.literal('Action.Execute'), verb: z.string(), data: z.unknown() }),
  authentication: z.object({ id: z.string().optional(), connectionName: z.string().optional(), token: z.string().min(1).max(16_384) }).optional(),
});

/** True for a Universal Action (`adaptiveCard/action` invoke of an Action.Execute button). */
export function isExecuteAction(context: TurnContext): boolean {
  return context.activity.type === 'invoke' && context.activity.name === 'adaptiveCard/action';
}

/**
 * An Action.Execute click. Validates the data (malformed: an error card, no Graph call), finds the clicker's
 * credential (SSO token in the retried invoke, or cached), answers 401 loginRequest when there is none, runs the
 * action as the clicker, returns the new card (it replaces the clicked one) and updates it for everyone else.
 */
export async function handleCardAction(context: TurnContext, deps: HandlerDeps): Promise<void> {
  const value = ExecuteValue.safeParse(context.activity.value);
  const parsed = value.success ? ActionData.safeParse({ verb: value.data.action.verb, data: value.data.action.data ?? {} }) : undefined;
  if (!value.success || !parsed?.success) return respondCard(context, malformedCard());
  const data = parsed.data;
  if ('jobId' in data.data) return handleJobClick(context, deps, data.verb as BulkVerb, data.data.jobId, value.data.authentication?.token);
  const action = toAction(data as GraphVerbData);
  const actor = actorOf(context);
  if (!isGuid(targetOf(action))) return respondCard(context, invalidIdCard(action, { actor, at: deps.clock() }));
  const credential = await clickerCredential(context, deps, value.data.authentication?.token);
  if (!credential) return;
  const user = context.activity.from?.aadObjectId;
  const card = await new ClickLedger(deps.store).once(context, action, isWrite(action), async () => {
    const result = await performAction(action, credential, actorOf(context, deps.credentials.upnOf(user)), deps, auditWhere(context));
    if ('kind' in result) return result;
    deps.log.info({ user, action: action.kind, target: targetOf(action), outcome: result.outcome, via: 'card' }, 'card action handled');
    return result.card;
  });
  if (isSignInAgain(card)) {
    deps.credentials.forget(user);
    return loginRequest(context, deps);
  }
  await updateForEveryone(context, card);
  await respondCard(context, card);
}

type GraphVerbData = Extract<z.infer<typeof ActionData>, { verb: 'reprocess' | 'status' | 'reprocessRequest' }>;

/**
 * The clicker's credential: from the SSO token Teams put in a retried invoke, or cached. When there is none the
 * invoke has already been answered (401 loginRequest, or 412 for a failed exchange) and undefined is returned.
 */
async function clickerCredential(context: TurnContext, deps: HandlerDeps, token: string | undefined): Promise<TokenCredential | undefined> {
  const user = context.activity.from?.aadObjectId;
  if (token && user) {
    const exchanged = await deps.credentials.exchange(user, token);
    if (exchanged.kind !== 'ok') {
      await preconditionFailed(context, deps, exchanged.kind);
      return undefined;
    }
  }
  const credential = deps.credentials.get(user);
  if (!credential) await loginRequest(context, deps);
  return credential;
}

async function handleJobClick(context: TurnContext, deps: HandlerDeps, verb: BulkVerb, jobId: string, token: string | undefined): Promise<void> {
  // Cancelling needs no Graph call, so no sign-in; everything else runs Graph as the clicker.
  const credential = verb === 'bulkCancel' ? undefined : await clickerCredential(context, deps, token);
  if (verb !== 'bulkCancel' && !credential) return;
  const card = await handleBulkAction(context, deps, verb, jobId, credential);
  await updateForEveryone(context, card);
  await respondCard(context, card);
}

function isSignInAgain(value: AdaptiveCardJson | SignInAgain): value is SignInAgain {
  return (value as { kind?: unknown }).kind === 'signInAgain';
}

function toAction(parsed: GraphVerbData): GraphAction {
  switch (parsed.verb) {
    case 'reprocess':
      return { kind: 'reprocess', assignmentId: parsed.data.assignmentId.replace(/^\{(.*)\}$/, '$1').toLowerCase() };
    case 'status':
      return { kind: 'status', assignmentId: parsed.data.assignmentId.replace(/^\{(.*)\}$/, '$1').toLowerCase() };
    case 'reprocessRequest':
      return { kind: 'reprocessRequest', requestId: parsed.data.requestId.replace(/^\{(.*)\}$/, '$1').toLowerCase() };
  }
}

// In channels and group chats the invoke response only changes the clicker's view; everyone else sees the
// message updated through the connector.
async function updateForEveryone(context: TurnContext, card: AdaptiveCardJson): Promise<void> {
  const messageId = context.activity.replyToId;
  if (!messageId || conversationType(context) === 'personal') return;
  const attachments = [{ contentType: 'application/vnd.microsoft.card.adaptive', content: card }];
  await context.updateActivity({ id: messageId, type: 'message', attachments });
}

function respondCard(context: TurnContext, card: AdaptiveCardJson): Promise<void> {
  return sendInvokeResponse(context, 200, { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: card });
}

// Teams answers this by fetching an SSO token silently and retrying the invoke with `authentication.token`.
function loginRequest(context: TurnContext, deps: HandlerDeps): Promise<void> {
  const value = deps.sso.oauthCard().content;
  return sendInvokeResponse(context, 401, { statusCode: 401, type: 'application/vnd.microsoft.activity.loginRequest', value });
}

function preconditionFailed(context: TurnContext, deps: HandlerDeps, reason: string): Promise<void> {
  deps.log.warn({ user: context.activity.from?.aadObjectId, reason }, 'card action token exchange failed');
  const value = { code: 'PreconditionFailed', message: `The bot could not exchange your token (${reason}).` };
  return sendInvokeResponse(context, 412, { statusCode: 412, type: 'application/vnd.microsoft.error.preconditionFailed', value });
}

function malformedCard(): AdaptiveCardJson {
  return renderError({
    title: "That button's data isn't valid",
    message: 'The card sent data Reprocess cannot use, so nothing was done. Type help for a fresh card.',
  });
}
