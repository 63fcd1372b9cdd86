import { ActivityTypes, type TurnContext } from 'botbuilder';
// teams-ai's own modules, not its index: the index also loads the AI, planner and tokenizer stacks (~32 MB).
import { Application } from '@microsoft/teams-ai/lib/Application';
import type { TurnState } from '@microsoft/teams-ai/lib/TurnState';
import { TeamsSso } from '../auth/teams-sso';
import { renderNotice } from '../cards/messages';
import { createBotAdapter } from './adapter';
import { BackgroundWork } from './background';
import { parseCommand, type Command, type ParseResult } from './commands';
import { consentUrlFor, type AppDeps, type HandlerDeps } from './deps';
import { ChannelEndpoint, type BotEndpoint } from './endpoint';
import { handleHelp } from './handlers/help';
import { handleInvalidArgument } from './handlers/invalid-argument';
import { handleCardAction, isExecuteAction } from './handlers/card-action';
import { handleGraphCommand } from './handlers/graph-command';
import { handleBulkIds, handleBulkPackage } from './handlers/bulk-commands';
import { handleHistory } from './handlers/history';
import { JobLauncher } from './jobs/job-launcher';
import { JobRecovery } from './jobs/recovery';
import { handleSignOut } from './handlers/signout';
import { PostedCards } from './handlers/posted-cards';
import { storageKey } from '../storage/keys';
import { sendCard, sendInvokeResponse } from './turn';
import { Verbs } from '../cards/templates';

/** The assembled bot: its HTTP endpoint and the work it may still be doing (for graceful shutdown). */
export interface BotApp {
  endpoint: BotEndpoint;
  background: BackgroundWork;
  /** Pauses jobs whose runner died (started by the composition root, not here). */
  recovery: JobRecovery;
  launcher: JobLauncher;
}

// Teams redelivers an activity it did not see acknowledged; a day covers every retry it makes.
const ACTIVITY_DEDUPE_TTL_MS = 24 * 60 * 60_000;

/** Builds the bot from its dependencies. No side effects: nothing listens or calls out until a request arrives. */
export function createApp(deps: AppDeps): BotApp {
  const { adapter, authentication } = createBotAdapter(deps.config);
  const background = new BackgroundWork(deps.log);
  const consentUrl = consentUrlFor(deps.config);
  const handlerDeps = {} as HandlerDeps;
  const run = (context: TurnContext, command: ParseResult) => runCommand(context, command, handlerDeps);
  const sso = new TeamsSso({ ...deps, ssoAppIdUri: deps.config.aad.ssoAppIdUri, consentUrl, background, run });
  const launcher = new JobLauncher({ ...deps, background });
  Object.assign(handlerDeps, deps, { sso, consentUrl, launcher, background });

  // No adapter: the endpoint runs turns through ours, and Application needs one only for long-running messages.
  const app = new Application<TurnState>({
    botAppId: deps.config.bot.appId,
    removeRecipientMention: true,
    startTypingTimer: false,
    longRunningMessages: false,
  });
  registerRoutes(app, handlerDeps);
  adapter.onTurnError = (context, error) => onTurnError(context, error, handlerDeps);
  adapter.use(new PostedCards(deps.store, deps.log));
  const logic = async (context: TurnContext) => void (await app.run(context));
  const endpoint = new ChannelEndpoint(adapter, authentication, deps.config.allowedTenantIds, logic, deps.log);
  const recovery = new JobRecovery(deps.jobs, adapter, deps.config.bot.appId, deps.log);
  return { endpoint, background, recovery, launcher };
}

/** Every route, in the order teams-ai tries them; no route matches raw message text. */
export function registerRoutes(app: Application<TurnState>, deps: HandlerDeps): void {
  app.turn('beforeTurn', async (context) => firstDelivery(context, deps));
  app.addRoute(async (c) => isInvoke(c, 'signin/tokenExchange'), async (c) => deps.sso.onTokenExchange(c), true);
  app.addRoute(async (c) => isInvoke(c, 'signin/verifyState'), async (c) => deps.sso.onVerifyState(c), true);
  app.addRoute(async (c) => isInvoke(c, 'signin/failure'), async (c) => deps.sso.onSignInFailure(c), true);
  app.addRoute(async (c) => isExecuteAction(c), async (c) => {
    deps.telemetry?.annotate({ 'reprocess.verb': verbOf(c) });
    return handleCardAction(c, deps);
  }, true);
  app.conversationUpdate('membersAdded', async (context) => welcome(context));
  // One parse path: every message, however Teams decorated its text, goes through parseCommand (unknown: help).
  app.activity(ActivityTypes.Message, async (context) => runCommand(context, parseCommand(context.activity.text), deps));
}

/** Runs a parsed command; used by text routes and by the command replayed after sign-in. */
export async function runCommand(context: TurnContext, parsed: ParseResult | Command, deps: HandlerDeps): Promise<void> {
  deps.telemetry?.annotate({ 'reprocess.command': parsed.kind });
  switch (parsed.kind) {
    case 'reprocess':
    case 'status':
    case 'reprocessRequest':
      return handleGraphCommand(context, deps, parsed);
    case 'bulkIds':
      return handleBulkIds(context, deps, parsed);
    case 'bulkPackage':
      return handleBulkPackage(context, deps, parsed);
    case 'history':
      return handleHistory(context, deps);
    case 'signout':
      return handleSignOut(context, deps);
    case 'invalidArgument':
      return handleInvalidArgument(context, deps, parsed);
    case 'help':
    case 'unknown':
      return handleHelp(context);
  }
}

/**
 * Drops a message or event Teams delivers again. Invokes are not deduplicated here: every delivery of an invoke
 * must get its own answer (a card, a 412), so each one is made idempotent where it acts — the click ledger for
 * card writes, the exchange id for token exchanges, the job's state for bulk buttons.
 */
async function firstDelivery(context: TurnContext, deps: HandlerDeps): Promise<boolean> {
  const { id, conversation, type } = context.activity;
  if (!id || type === ActivityTypes.Invoke) return true;
  // Each part encoded: `a:x` + `1/2` and `a:x/1` + `2` must not be one key.
  const fresh = await deps.store.createIfAbsent(storageKey('activity', conversation.id, id), true, ACTIVITY_DEDUPE_TTL_MS);
  if (!fresh) deps.log.info({ activityId: id, type }, 'duplicate delivery ignored');
  return fresh;
}

/** The clicked button's verb when it is one of ours (telemetry takes no sender-chosen text). */
function verbOf(context: TurnContext): string {
  const verb = (context.activity.value as { action?: { verb?: unknown } } | undefined)?.action?.verb;
  return (Object.values(Verbs) as unknown[]).includes(verb) ? String(verb) : 'other';
}

function isInvoke(context: TurnContext, name: string): boolean {
  return context.activity.type === ActivityTypes.Invoke && context.activity.name === name;
}

async function welcome(context: TurnContext): Promise<void> {
  const botId = context.activity.recipient?.id;
  if (context.activity.membersAdded?.some((m) => m.id === botId)) await handleHelp(context);
}

async function onTurnError(context: TurnContext, error: Error, deps: HandlerDeps): Promise<void> {
  deps.log.error({ err: error, activityType: context.activity.type, activityId: context.activity.id }, 'turn failed');
  const card = renderNotice({ title: 'Something went wrong', message: 'Reprocess hit an unexpected error. Nothing was changed by this failure; try again.' });
  // Best effort: the turn already failed, and a failing reply (the connector is down, the activity is damaged)
  // must not turn into an unhandled rejection. The HTTP answer is decided by the endpoint either way.
  try {
    if (context.activity.type === ActivityTypes.Invoke) await sendInvokeResponse(context, 500);
    else await sendCard(context, card);
  } catch (replyError) {
    deps.log.warn({ err: replyError, activityId: context.activity.id }, 'could not tell the user about the failed turn');
  }
}
