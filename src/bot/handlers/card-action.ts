import type { TurnContext } from 'botbuilder';
import { z } from 'zod';
import { renderNotice } from '../../cards/messages';
import { renderWorking } from '../../cards/prompt';
import { Verbs, type AdaptiveCardJson } from '../../cards/templates';
import { clickerCredential, loginRequest } from './click-auth';
import { answerInTime, LATE, respondCard, updateForEveryone } from './card-response';
import { invalidIdCard, isWrite, performAction, targetOf, type GraphAction } from '../actions';
import { isGuid, normalizeId } from '../../services/ids';
import type { HandlerDeps } from '../deps';
import { actorOf, auditWhere } from '../turn';
import { ClickLedger } from './click-ledger';
import { handleBulkAction, type BulkVerb } from './bulk-actions';
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
// Teams copies the whole clicked button into `value.action` (type, title, id, verb, data with the card's inputs
// merged in: microsoft/teams.net TeamsActivityTests.cs, AdaptiveCards universal-action-model.md): only the verb
// and its data matter here; every other field is accepted as it comes.
const ExecuteValue = z.object({
  action: z.object({ verb: z.string().max(100), data: z.unknown() }).passthrough(),
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
  const clicker = actorOf(context, deps.credentials.upnOf(user));
  const work = new ClickLedger(deps.store).once(context, action, isWrite(action), async () => {
    const result = await performAction(action, credential, clicker, deps, auditWhere(context));
    if ('kind' in result) return result;
    deps.log.info({ user, action: action.kind, target: targetOf(action), outcome: result.outcome, via: 'card' }, 'card action handled');
    return result;
  });
  const card = await answerInTime(context, deps.background, work, (r) => (isSignInAgain(r) ? signInExpiredCard() : r));
  if (card === LATE) {
    return respondCard(context, renderWorking(action.kind, targetOf(action), clicker.name));
  }
  if (isSignInAgain(card)) {
    deps.credentials.forget(user);
    return loginRequest(context, deps);
  }
  await updateForEveryone(context, card);
  await respondCard(context, card);
}

type GraphVerbData = Extract<z.infer<typeof ActionData>, { verb: 'reprocess' | 'status' | 'reprocessRequest' }>;

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
      return { kind: 'reprocess', assignmentId: normalizeId(parsed.data.assignmentId) };
    case 'status':
      return { kind: 'status', assignmentId: normalizeId(parsed.data.assignmentId) };
    case 'reprocessRequest':
      return { kind: 'reprocessRequest', requestId: normalizeId(parsed.data.requestId) };
  }
}

function signInExpiredCard(): AdaptiveCardJson {
  return renderNotice({ title: 'Your sign-in expired', message: 'Nothing was changed. Click the button again; Teams signs you in silently.' });
}

function malformedCard(): AdaptiveCardJson {
  return renderNotice({
    title: "That button's data isn't valid",
    message: 'The card sent data Reprocess cannot use, so nothing was done. Type help for a fresh card.',
  });
}
