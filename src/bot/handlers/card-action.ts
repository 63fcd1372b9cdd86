import type { TurnContext } from 'botbuilder';
import { z } from 'zod';
import { Notices } from '../../cards/messages';
import { renderWorking } from '../../cards/prompt';
import { Verbs, type AdaptiveCardJson } from '../../cards/templates';
import type { SignInAgain } from '../../services/failures';
import { isGuid, normalizeId } from '../../services/ids';
import { targetOf, type GraphCommand } from '../commands';
import type { HandlerDeps } from '../deps';
import { actorOf, auditWhere, cardInvoke, conversationType, type Outgoing, type Reply } from '../turn';
import { handleBulkAction, type BulkVerb } from './bulk-actions';
import { offerPackageJob } from './bulk-commands';
import { ClickLedger } from './click-ledger';
import { invalidIdCard, runGraphCommand } from './graph-command';
import { postedCardOf } from './posted-cards';

// Teams gives an invoke about five seconds; answer well before, and finish slow work with a message update.
const INVOKE_DEADLINE_MS = 4_000;

const Id = z.string().trim().max(200);
const JobData = z.object({ jobId: z.string().uuid() });
const ClickData = z.discriminatedUnion('verb', [
  z.object({ verb: z.literal(Verbs.reprocess), data: z.object({ assignmentId: Id }) }),
  z.object({ verb: z.literal(Verbs.status), data: z.object({ assignmentId: Id }) }),
  z.object({ verb: z.literal(Verbs.reprocessRequest), data: z.object({ requestId: Id }) }),
  z.object({ verb: z.literal(Verbs.bulkConfirm), data: JobData }),
  z.object({ verb: z.literal(Verbs.bulkCancel), data: JobData }),
  z.object({ verb: z.literal(Verbs.bulkResume), data: JobData }),
  z.object({ verb: z.literal(Verbs.bulkRetryFailed), data: JobData }),
  z.object({ verb: z.literal(Verbs.bulkPackage), data: z.object({ accessPackageId: Id }) }),
]);
// Teams copies the whole clicked button into `value.action` (type, title, id, verb, data with the card's inputs
// merged in: microsoft/teams.net TeamsActivityTests.cs, AdaptiveCards universal-action-model.md): only the verb
// and its data matter here; every other field is accepted as it comes.
const ExecuteValue = z.object({
  action: z.object({ verb: z.string().max(100), data: z.unknown() }).passthrough(),
  authentication: z
    .object({ id: z.string().optional(), connectionName: z.string().optional(), token: z.string().min(1).max(16_384) })
    .optional(),
});

type Click = z.infer<typeof ClickData>;

/**
 * An Action.Execute click (`adaptiveCard/action`). Validates the data (malformed: a notice, no Graph call), gets the
 * clicker's credential (or answers the sign-in request), runs the command as the clicker and answers with the card
 * that replaces the clicked one — updated for everyone in a channel, when it is a card the bot posted there.
 */
export async function handleCardAction(context: TurnContext, deps: HandlerDeps): Promise<Reply> {
  const value = ExecuteValue.safeParse(context.activity.value);
  const click = value.success
    ? ClickData.safeParse({ verb: value.data.action.verb, data: value.data.action.data ?? {} })
    : undefined;
  if (!value.success || !click?.success) return cardInvoke(Notices.malformedButton());
  const token = value.data.authentication?.token;
  if ('jobId' in click.data.data)
    return jobClick(context, deps, click.data.verb as BulkVerb, click.data.data.jobId, token);
  if ('accessPackageId' in click.data.data)
    return packageClick(context, deps, normalizeId(click.data.data.accessPackageId), token);
  const command = commandOf(click.data as Extract<Click, { verb: GraphCommand['kind'] }>);
  if (!isGuid(targetOf(command)))
    return cardInvoke(invalidIdCard(command.kind, targetOf(command), { actor: actorOf(context), at: deps.clock() }));
  const credential = await deps.sso.clickCredential(context, token);
  if (!('getToken' in credential)) return credential;
  const user = context.activity.from?.aadObjectId;
  const clicker = actorOf(context, deps.credentials.upnOf(user));
  const work = new ClickLedger(deps.store).once(context, command, command.kind !== 'status', async () => {
    const result = await runGraphCommand(command, credential, clicker, deps, auditWhere(context));
    if (!('kind' in result))
      deps.log.info(
        { user, action: command.kind, target: targetOf(command), outcome: result.outcome, via: 'card' },
        'card action handled',
      );
    return result;
  });
  const answer = await answerInTime(context, deps, work);
  if (answer === undefined) return cardInvoke(renderWorking(command.kind, targetOf(command), clicker.name));
  if (isSignInAgain(answer)) {
    deps.credentials.forget(user);
    return deps.sso.loginRequest();
  }
  return [...(await updateForEveryone(context, answer)), cardInvoke(answer)];
}

// A package picked on the choice card: its confirmation card replaces the choice (listing runs as the clicker).
async function packageClick(
  context: TurnContext,
  deps: HandlerDeps,
  accessPackageId: string,
  token: string | undefined,
): Promise<Reply> {
  const credential = await deps.sso.clickCredential(context, token);
  if (!('getToken' in credential)) return credential;
  const offer = await offerPackageJob(context, deps, accessPackageId, credential);
  return [...(await updateForEveryone(context, offer)), cardInvoke(offer)];
}

async function jobClick(
  context: TurnContext,
  deps: HandlerDeps,
  verb: BulkVerb,
  jobId: string,
  token: string | undefined,
): Promise<Reply> {
  // Cancelling needs no Graph call, so no sign-in; everything else runs Graph as the clicker.
  const credential = verb === 'bulkCancel' ? undefined : await deps.sso.clickCredential(context, token);
  if (credential !== undefined && !('getToken' in credential)) return credential;
  const jobCard = await handleBulkAction(context, deps, verb, jobId, credential);
  return [...(await updateForEveryone(context, jobCard)), cardInvoke(jobCard)];
}

/**
 * In channels and group chats the invoke's answer changes only the clicker's view; everyone else sees the message
 * updated through the connector, when it is a card the bot posted in this conversation.
 */
async function updateForEveryone(context: TurnContext, newCard: AdaptiveCardJson): Promise<Outgoing[]> {
  if (conversationType(context) === 'personal') return [];
  const activityId = await postedCardOf(context);
  return activityId ? [{ kind: 'update', activityId, card: newCard }] : [];
}

/**
 * The work's card if it is done before the invoke deadline; otherwise undefined (the caller answers with a
 * "working" card) and the clicked message is replaced with the result in a proactive turn when it comes.
 */
async function answerInTime(
  context: TurnContext,
  deps: HandlerDeps,
  work: Promise<AdaptiveCardJson | SignInAgain>,
): Promise<AdaptiveCardJson | SignInAgain | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<undefined>(
    (resolve) => (timer = setTimeout(() => resolve(undefined), INVOKE_DEADLINE_MS)),
  );
  const first = await Promise.race([work, deadline]);
  clearTimeout(timer);
  if (first !== undefined) return first;
  const activityId = await postedCardOf(context);
  deps.background.start(context, 'late card update', async () => {
    const done = await work;
    const late = isSignInAgain(done) ? Notices.signInExpired() : done;
    return activityId ? { kind: 'update', activityId, card: late } : { kind: 'card', card: late };
  });
  return undefined;
}

function isSignInAgain(value: AdaptiveCardJson | SignInAgain): value is SignInAgain {
  return (value as { kind?: unknown }).kind === 'signInAgain';
}

function commandOf(click: Extract<Click, { verb: GraphCommand['kind'] }>): GraphCommand {
  switch (click.verb) {
    case 'reprocess':
      return { kind: 'reprocess', assignmentId: normalizeId(click.data.assignmentId) };
    case 'status':
      return { kind: 'status', assignmentId: normalizeId(click.data.assignmentId) };
    case 'reprocessRequest':
      return { kind: 'reprocessRequest', requestId: normalizeId(click.data.requestId) };
  }
}
