import { randomUUID } from 'node:crypto';
import { CardFactory, MessageFactory, type TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { Command } from '../bot/commands';
import type { BackgroundWork } from '../bot/background';
import { sendCard, sendInvokeResponse } from '../bot/turn';
import { renderConsent, renderNotice } from '../cards/messages';
import { storageKey } from '../storage/keys';
import type { BotStore } from '../storage/store';
import type { ExchangeResult, UserCredentials } from './obo';

/** What Teams SSO needs to know and do. */
export interface SsoDeps {
  ssoAppIdUri: string;
  consentUrl: string;
  credentials: UserCredentials;
  store: BotStore;
  background: BackgroundWork;
  log: Logger;
  /** Runs a command once the user is signed in (the one that triggered sign-in). */
  run: (context: TurnContext, command: Command) => Promise<void>;
}

const PENDING_TTL_MS = 10 * 60_000;
/**
 * The OAuthCard's `connectionName`. This bot exchanges the SSO token itself (no Bot Service OAuth connection), but
 * clients may ignore a sign-in request without a connection name (FIELD-NOTES "Teams"); Teams echoes it back.
 */
export const SSO_CONNECTION_NAME = 'reprocess-sso';
// Teams sends one tokenExchange per signed-in device; remember ids long enough to see all of them.
const EXCHANGE_DEDUPE_TTL_MS = 15 * 60_000;
// An exchange in progress (Entra answers within seconds); a claim left by a crashed instance frees itself.
const EXCHANGE_CLAIM_TTL_MS = 30_000;
// Duplicates wait this long for the first delivery's exchange, then exchange themselves (Teams waits ~5 s more).
const WAIT_FOR_FIRST_MS = 5_000;
const POLL_MS = 100;

// signin/failure's value (microsoft/teams.net src/Microsoft.Teams.Apps/OAuth/SignInFailureValue.cs): code, message.
const SignInFailureValue = z.object({ code: z.string().max(100).optional(), message: z.string().max(2_000).optional() }).passthrough();

const TokenExchangeValue = z.object({
  id: z.string().min(1).max(256),
  connectionName: z.string().max(256).optional().default(''),
  token: z.string().min(1).max(16_384),
});

/**
 * Teams single sign-on, done by the bot itself: an OAuthCard carrying `tokenExchangeResource` makes Teams
 * send the user's SSO token in a `signin/tokenExchange` invoke; we exchange it On-Behalf-Of for Graph and answer
 * 200, or 412 so Teams falls back to its consent / sign-in UI.
 */
export class TeamsSso {
  constructor(private readonly deps: SsoDeps) {}

  /** Remembers the command and asks Teams for the user's token. */
  async promptSignIn(context: TurnContext, command: Command): Promise<void> {
    await this.deps.store.set(pendingKey(context), command, PENDING_TTL_MS);
    await context.sendActivity(MessageFactory.attachment(this.oauthCard()));
  }

  /** The OAuthCard Teams answers silently with a token (also the `loginRequest` value for Action.Execute). */
  oauthCard() {
    return CardFactory.oauthCard(
      SSO_CONNECTION_NAME,
      'Sign in to Reprocess',
      'Reprocess acts as you in Microsoft Graph (EntitlementManagement.ReadWrite.All).',
      this.deps.consentUrl,
      { id: randomUUID(), uri: this.deps.ssoAppIdUri },
    );
  }

  /** `signin/tokenExchange`: exchange (once per exchange id), answer, then run the pending command in the background. */
  async onTokenExchange(context: TurnContext): Promise<void> {
    const parsed = TokenExchangeValue.safeParse(context.activity.value);
    const user = context.activity.from?.aadObjectId;
    if (!parsed.success || !user) return this.preconditionFailed(context, parsed.data, 'The sign-in request was malformed.');
    const value = parsed.data;
    const result = await this.exchangeOnce(user, value.id, value.token);
    if (result === 'duplicate') return sendInvokeResponse(context, 200, { id: value.id, connectionName: value.connectionName });
    // The delivery that exchanged has already told the user why it failed.
    if (result === 'failedElsewhere') return this.preconditionFailed(context, value, 'The bot could not exchange the token.');
    if (result.kind !== 'ok') return this.exchangeFailed(context, value, result);
    await sendInvokeResponse(context, 200, { id: value.id, connectionName: value.connectionName });
    const pending = await this.deps.store.take<Command>(pendingKey(context));
    if (pending) this.deps.background.start(context, `pending ${pending.kind}`, (ctx) => this.deps.run(ctx, pending));
  }

  /**
   * `signin/failure`: Teams could not get an SSO token silently (e.g. `resourcematchfailed`). Answered 200 as
   * teams.net's OAuthFlowExtensions does, logged with its code, and explained in one card: what an admin checks.
   */
  async onSignInFailure(context: TurnContext): Promise<void> {
    const parsed = SignInFailureValue.safeParse(context.activity.value);
    const code = parsed.success ? (parsed.data.code ?? 'unknown') : 'malformed';
    this.deps.log.warn({ user: context.activity.from?.aadObjectId, code }, 'Teams reported signin/failure');
    await sendInvokeResponse(context, 200);
    await sendCard(context, renderNotice({
      title: 'Teams could not sign you in to Reprocess',
      message: `Teams could not get a sign-in token for this app silently. An admin should check the app registration: its Application ID URI must be ${this.deps.ssoAppIdUri}, the same as webApplicationInfo.resource in the Teams app manifest, and the Teams clients 1fec8e78-bce4-4aaf-ab1b-5451cc387264 and 5e3ce6c0-2b1f-4285-8d4b-75ee78787346 must be pre-authorized for its access_as_user scope.`,
      detail: `signin/failure: ${code}`,
    }));
  }

  /**
   * One exchange per exchange id, across instances: concurrent deliveries wait for the first and share its
   * outcome. The id is remembered as done only after a successful exchange, so a retry arriving after a failure
   * exchanges again. A duplicate still waiting when Teams' patience runs short exchanges by itself (a second
   * On-Behalf-Of is harmless; a 200 without a credential is not).
   */
  private async exchangeOnce(user: string, exchangeId: string, token: string): Promise<ExchangeResult | 'duplicate' | 'failedElsewhere'> {
    const key = storageKey('tokenExchange', user, exchangeId);
    const deadline = Date.now() + WAIT_FOR_FIRST_MS;
    let waited = false;
    for (;;) {
      const seen = await this.deps.store.get<'exchanging' | 'done'>(key);
      if (seen === 'done') return 'duplicate';
      // Gone after we saw it in progress: that exchange failed (and said so); a later retry starts afresh.
      if (seen === undefined && waited) return 'failedElsewhere';
      if (seen === undefined && (await this.deps.store.createIfAbsent(key, 'exchanging', EXCHANGE_CLAIM_TTL_MS))) return this.exchangeClaimed(key, user, token);
      if (Date.now() >= deadline) return this.deps.credentials.exchange(user, token);
      waited = true;
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }

  private async exchangeClaimed(key: string, user: string, token: string): Promise<ExchangeResult> {
    let result: ExchangeResult | undefined;
    try {
      result = await this.deps.credentials.exchange(user, token);
      return result;
    } finally {
      if (result?.kind === 'ok') await this.deps.store.set(key, 'done', EXCHANGE_DEDUPE_TTL_MS);
      else await this.deps.store.delete(key);
    }
  }

  /** `signin/verifyState` only follows a non-SSO sign-in popup, which this bot does not use: acknowledge it. */
  async onVerifyState(context: TurnContext): Promise<void> {
    await sendInvokeResponse(context, 200);
  }

  private async exchangeFailed(
    context: TurnContext,
    value: z.infer<typeof TokenExchangeValue>,
    result: Exclude<ExchangeResult, { kind: 'ok' }>,
  ): Promise<void> {
    await this.preconditionFailed(context, value, 'The bot could not exchange the token.');
    switch (result.kind) {
      case 'consentRequired':
        await sendCard(context, renderConsent(this.deps.consentUrl));
        return;
      case 'interactionRequired':
        await sendCard(context, renderNotice({
          title: 'Your organization requires an extra sign-in step',
          message: 'Entra asked for multi-factor authentication or a Conditional Access check that a bot cannot perform silently. Sign out of Teams and back in, then try again.',
          detail: result.aadsts ? `AADSTS${result.aadsts}` : undefined,
        }));
        return;
      case 'wrongUser':
      case 'signInRequired':
      case 'failed':
        await sendCard(context, renderNotice({
          title: 'Sign-in failed',
          message: 'Teams could not sign you in to Reprocess silently. Try the command again in a minute; if it keeps failing, ask your admin to check the app registration.',
          detail: 'aadsts' in result && result.aadsts ? `AADSTS${result.aadsts}` : undefined,
        }));
        return;
    }
  }

  private async preconditionFailed(context: TurnContext, value: { id?: string; connectionName?: string } | undefined, detail: string): Promise<void> {
    await sendInvokeResponse(context, 412, { id: value?.id ?? '', connectionName: value?.connectionName ?? '', failureDetail: detail });
  }
}

function pendingKey(context: TurnContext): string {
  // Each part encoded: conversation and user ids are the sender's to write and must not run into each other.
  const { conversation, from } = context.activity;
  return storageKey('pending', conversation.id, from?.aadObjectId ?? from?.id ?? '');
}
