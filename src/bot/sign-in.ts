import { randomUUID } from 'node:crypto';
import type { TokenCredential } from '@azure/identity';
import { CardFactory, type TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { ExchangeResult, UserCredentials } from '../auth/obo';
import { renderConsent } from '../cards/messages';
import { storageKey } from '../storage/keys';
import type { BotStore } from '../storage/store';
import type { Command } from './commands';
import { card, invoke, type Outgoing, type Reply } from './turn';
import { Notices } from '../cards/messages';

/** What sign-in needs to know and use. */
export interface SignInDeps {
  ssoAppIdUri: string;
  consentUrl: string;
  credentials: UserCredentials;
  store: BotStore;
  log: Logger;
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
const SignInFailureValue = z
  .object({ code: z.string().max(100).optional(), message: z.string().max(2_000).optional() })
  .passthrough();

const TokenExchangeValue = z.object({
  id: z.string().min(1).max(256),
  connectionName: z.string().max(256).optional().default(''),
  token: z.string().min(1).max(16_384),
});

/**
 * Teams single sign-on, done by the bot itself: an OAuthCard carrying `tokenExchangeResource` makes Teams send the
 * user's SSO token in a `signin/tokenExchange` invoke (or, for a card click, in the retried invoke); we exchange it
 * On-Behalf-Of for Graph and answer 200, or 412 so Teams falls back to its consent / sign-in UI. Every method
 * returns what to send; the command waiting for sign-in is handed back, never run from here.
 */
export class SignIn {
  constructor(private readonly deps: SignInDeps) {}

  /** Remembers `command` for this user and conversation and asks Teams for the user's token. */
  async prompt(context: TurnContext, command: Command): Promise<Reply> {
    await this.deps.store.set(pendingKey(context), command, PENDING_TTL_MS);
    return { kind: 'attachment', attachment: this.oauthCard() };
  }

  /** The sign-in request of a card click: HTTP 200 carrying a 401 loginRequest, as botbuilder and teams-ai send it. */
  loginRequest(): Outgoing {
    return invoke(200, {
      statusCode: 401,
      type: 'application/vnd.microsoft.activity.loginRequest',
      value: this.oauthCard().content,
    });
  }

  /**
   * The clicker's credential: from the SSO token Teams put in a retried invoke, or cached. Without one, the reply
   * that asks for it (a loginRequest, or 412 when the token could not be exchanged).
   */
  async clickCredential(context: TurnContext, token: string | undefined): Promise<TokenCredential | Reply> {
    const user = context.activity.from?.aadObjectId;
    if (token && user) {
      const exchanged = await this.deps.credentials.exchange(user, token);
      if (exchanged.kind !== 'ok') {
        this.deps.log.warn({ user, reason: exchanged.kind }, 'card action token exchange failed');
        // 412 makes Teams fall back to its own consent / sign-in experience.
        const value = {
          code: 'PreconditionFailed',
          message: `The bot could not exchange your token (${exchanged.kind}).`,
        };
        return invoke(412, { statusCode: 412, type: 'application/vnd.microsoft.error.preconditionFailed', value });
      }
    }
    return this.deps.credentials.get(user) ?? this.loginRequest();
  }

  /** `signin/tokenExchange`: exchange once per exchange id, answer, and hand back the command that waited for it. */
  async tokenExchange(context: TurnContext): Promise<{ reply: Reply; pending?: Command }> {
    const parsed = TokenExchangeValue.safeParse(context.activity.value);
    const user = context.activity.from?.aadObjectId;
    if (!parsed.success || !user)
      return { reply: preconditionFailed(parsed.data, 'The sign-in request was malformed.') };
    const value = parsed.data;
    const ok = invoke(200, { id: value.id, connectionName: value.connectionName });
    const result = await this.exchangeOnce(user, value.id, value.token);
    if (result === 'duplicate') return { reply: ok };
    // The delivery that exchanged has already told the user why it failed.
    if (result === 'failedElsewhere')
      return { reply: preconditionFailed(value, 'The bot could not exchange the token.') };
    if (result.kind !== 'ok')
      return { reply: [preconditionFailed(value, 'The bot could not exchange the token.'), this.whyNot(result)] };
    const pending = await this.deps.store.take<Command>(pendingKey(context));
    return { reply: ok, ...(pending ? { pending } : {}) };
  }

  /** `signin/failure` (e.g. `resourcematchfailed`): answered 200 as teams.net does, logged, and explained in one card. */
  failure(context: TurnContext): Reply {
    const parsed = SignInFailureValue.safeParse(context.activity.value);
    const code = parsed.success ? (parsed.data.code ?? 'unknown') : 'malformed';
    this.deps.log.warn({ user: context.activity.from?.aadObjectId, code }, 'Teams reported signin/failure');
    return [invoke(200), card(Notices.ssoMisconfigured(this.deps.ssoAppIdUri, code))];
  }

  /** `signin/verifyState` only follows a non-SSO sign-in popup, which this bot does not use: acknowledge it. */
  verifyState(): Reply {
    return invoke(200);
  }

  /** The OAuthCard Teams answers silently with a token (also the `loginRequest` value of a card click). */
  private oauthCard() {
    return CardFactory.oauthCard(
      SSO_CONNECTION_NAME,
      'Sign in to Reprocess',
      'Reprocess acts as you in Microsoft Graph (EntitlementManagement.ReadWrite.All).',
      this.deps.consentUrl,
      {
        id: randomUUID(),
        uri: this.deps.ssoAppIdUri,
      },
    );
  }

  private whyNot(result: Exclude<ExchangeResult, { kind: 'ok' }>): Outgoing {
    switch (result.kind) {
      case 'consentRequired':
        return card(renderConsent(this.deps.consentUrl));
      case 'interactionRequired':
        return card(Notices.extraSignInStep(result.aadsts));
      case 'wrongUser':
      case 'signInRequired':
      case 'failed':
        return card(Notices.signInFailed('aadsts' in result ? result.aadsts : undefined));
    }
  }

  /**
   * One exchange per exchange id, across instances: concurrent deliveries wait for the first and share its
   * outcome. The id is remembered as done only after a successful exchange, so a retry arriving after a failure
   * exchanges again. A duplicate still waiting when Teams' patience runs short exchanges by itself (a second
   * On-Behalf-Of is harmless; a 200 without a credential is not).
   */
  private async exchangeOnce(
    user: string,
    exchangeId: string,
    token: string,
  ): Promise<ExchangeResult | 'duplicate' | 'failedElsewhere'> {
    const key = storageKey('tokenExchange', user, exchangeId);
    const deadline = Date.now() + WAIT_FOR_FIRST_MS;
    let waited = false;
    for (;;) {
      const seen = await this.deps.store.get<'exchanging' | 'done'>(key);
      if (seen === 'done') return 'duplicate';
      // Gone after we saw it in progress: that exchange failed (and said so); a later retry starts afresh.
      if (seen === undefined && waited) return 'failedElsewhere';
      if (seen === undefined && (await this.deps.store.createIfAbsent(key, 'exchanging', EXCHANGE_CLAIM_TTL_MS)))
        return this.exchangeClaimed(key, user, token);
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
}

// 412 makes Teams fall back to its own consent / sign-in experience.
function preconditionFailed(value: { id?: string; connectionName?: string } | undefined, detail: string): Outgoing {
  return invoke(412, { id: value?.id ?? '', connectionName: value?.connectionName ?? '', failureDetail: detail });
}

function pendingKey(context: TurnContext): string {
  // Each part encoded: conversation and user ids are the sender's to write and must not run into each other.
  const { conversation, from } = context.activity;
  return storageKey('pending', conversation.id, from?.aadObjectId ?? from?.id ?? '');
}
