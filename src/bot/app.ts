import { ActivityTypes, type TurnContext } from 'botbuilder';
// teams-ai's own modules, not its index: the index also loads the AI, planner and tokenizer stacks (~32 MB).
import { Application } from '@microsoft/teams-ai/lib/Application';
import type { TurnState } from '@microsoft/teams-ai/lib/TurnState';
import { Notices, renderHelp, renderSignedOut } from '../cards/messages';
import { Verbs } from '../cards/templates';
import { storageKey } from '../storage/keys';
import { createBotAdapter } from './adapter';
import { BackgroundWork } from './background';
import { parseCommand, type Command, type ParseResult } from './commands';
import type { AppDeps, HandlerDeps } from './deps';
import { ChannelEndpoint, type BotEndpoint } from './endpoint';
import { handleBulkIds, handleBulkPackage } from './handlers/bulk-commands';
import { handleCardAction } from './handlers/card-action';
import { handleGraphCommand, invalidIdCard } from './handlers/graph-command';
import { handleHistory } from './handlers/history';
import { PostedCards } from './handlers/posted-cards';
import { JobLauncher } from './jobs/job-launcher';
import { JobRecovery } from './jobs/recovery';
import { SignIn } from './sign-in';
import { actorOf, card, conversationType, invoke, send, type Reply } from './turn';

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
  const sso = new SignIn({ ...deps, ssoAppIdUri: deps.config.aad.ssoAppIdUri, consentUrl: deps.config.aad.consentUrl });
  const handlerDeps: HandlerDeps = { ...deps, sso, background, launcher: new JobLauncher({ ...deps, background }) };
  // No adapter: the endpoint runs turns through ours, and Application needs one only for long-running messages.
  const app = new Application<TurnState>({
    botAppId: deps.config.bot.appId,
    removeRecipientMention: true,
    startTypingTimer: false,
    longRunningMessages: false,
  });
  for (const route of routes(handlerDeps)) {
    app.addRoute(
      async (c) => route.when(c),
      async (c) => send(c, await route.reply(c)),
      route.invoke,
    );
  }
  app.turn('beforeTurn', async (context) => firstDelivery(context, handlerDeps));
  adapter.onTurnError = (context, error) => onTurnError(context, error, handlerDeps);
  adapter.use(new PostedCards(deps.store, deps.log));
  const logic = async (context: TurnContext) => void (await app.run(context));
  const endpoint = new ChannelEndpoint(adapter, authentication, deps.config.allowedTenantIds, logic, deps.log);
  const recovery = new JobRecovery(deps.jobs, adapter, deps.config.bot.appId, deps.log);
  return { endpoint, background, recovery, launcher: handlerDeps.launcher };
}

/** A route: which activities it takes and what it answers them with. */
interface Route {
  name: string;
  when: (context: TurnContext) => boolean;
  reply: (context: TurnContext) => Promise<Reply> | Reply;
  invoke: boolean;
}

/**
 * Every route, in the order they are tried (first match wins): Teams' sign-in invokes, card clicks, the welcome,
 * then every message through the one parse path — the help card answers what it does not understand.
 */
export function routes(deps: HandlerDeps): Route[] {
  const invokeNamed = (name: string) => (c: TurnContext) =>
    c.activity.type === ActivityTypes.Invoke && c.activity.name === name;
  return [
    {
      name: 'sign-in token',
      invoke: true,
      when: invokeNamed('signin/tokenExchange'),
      reply: (c) => tokenExchange(c, deps),
    },
    {
      name: 'sign-in state',
      invoke: true,
      when: invokeNamed('signin/verifyState'),
      reply: () => deps.sso.verifyState(),
    },
    { name: 'sign-in failure', invoke: true, when: invokeNamed('signin/failure'), reply: (c) => deps.sso.failure(c) },
    { name: 'card click', invoke: true, when: invokeNamed('adaptiveCard/action'), reply: (c) => cardClick(c, deps) },
    { name: 'welcome', invoke: false, when: botWasAdded, reply: () => card(renderHelp()) },
    {
      name: 'message',
      invoke: false,
      when: (c) => c.activity.type === ActivityTypes.Message,
      reply: (c) => runCommand(c, parseCommand(c.activity.text), deps),
    },
  ];
}

/** What a command answers, typed or replayed after sign-in. */
export async function runCommand(
  context: TurnContext,
  parsed: ParseResult | Command,
  deps: HandlerDeps,
): Promise<Reply> {
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
      // Recorded in shared storage: every instance stops using this user's older credentials.
      await deps.credentials.signOut(context.activity.from?.aadObjectId);
      deps.log.info({ user: context.activity.from?.aadObjectId }, 'user signed out');
      return card(renderSignedOut(conversationType(context) === 'personal'));
    case 'invalidArgument':
      if (parsed.command === 'bulkPackage')
        return card(parsed.input.trim() ? Notices.notAPackageId() : Notices.noPackageGiven());
      return card(invalidIdCard(parsed.command, parsed.input, { actor: actorOf(context), at: deps.clock() }));
    case 'help':
    case 'unknown':
      return card(renderHelp());
  }
}

// After a successful exchange, the command that waited for sign-in runs by itself, in a turn of its own.
async function tokenExchange(context: TurnContext, deps: HandlerDeps): Promise<Reply> {
  const { reply, pending } = await deps.sso.tokenExchange(context);
  if (pending) deps.background.start(context, `pending ${pending.kind}`, (ctx) => runCommand(ctx, pending, deps));
  return reply;
}

function cardClick(context: TurnContext, deps: HandlerDeps): Promise<Reply> {
  const verb = (context.activity.value as { action?: { verb?: unknown } } | undefined)?.action?.verb;
  // Telemetry takes only our own verbs, never text the sender chose.
  deps.telemetry?.annotate({
    'reprocess.verb': (Object.values(Verbs) as unknown[]).includes(verb) ? String(verb) : 'other',
  });
  return handleCardAction(context, deps);
}

function botWasAdded(context: TurnContext): boolean {
  const botId = context.activity.recipient?.id;
  return (
    context.activity.type === ActivityTypes.ConversationUpdate &&
    (context.activity.membersAdded ?? []).some((m) => m.id === botId)
  );
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
  const fresh = await deps.store.createIfAbsent(
    storageKey('activity', conversation.id, id),
    true,
    ACTIVITY_DEDUPE_TTL_MS,
  );
  if (!fresh) deps.log.info({ activityId: id, type }, 'duplicate delivery ignored');
  return fresh;
}

async function onTurnError(context: TurnContext, error: Error, deps: HandlerDeps): Promise<void> {
  deps.log.error({ err: error, activityType: context.activity.type, activityId: context.activity.id }, 'turn failed');
  // Best effort: the turn already failed, and a failing reply (the connector is down, the activity is damaged)
  // must not turn into an unhandled rejection. The HTTP answer is decided by the endpoint either way.
  try {
    await send(context, context.activity.type === ActivityTypes.Invoke ? invoke(500) : card(Notices.unexpected()));
  } catch (replyError) {
    deps.log.warn(
      { err: replyError, activityId: context.activity.id },
      'could not tell the user about the failed turn',
    );
  }
}
