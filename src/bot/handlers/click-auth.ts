import type { TokenCredential } from '@azure/identity';
import type { TurnContext } from 'botbuilder';
import type { HandlerDeps } from '../deps';
import { sendInvokeResponse } from '../turn';

/**
 * The clicker's credential: from the SSO token Teams put in a retried invoke, or cached. When there is none the
 * invoke has already been answered (401 loginRequest, or 412 for a failed exchange) and undefined is returned.
 */
export async function clickerCredential(context: TurnContext, deps: HandlerDeps, token: string | undefined): Promise<TokenCredential | undefined> {
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

/**
 * The sign-in request for a card click: HTTP 200 with body `{statusCode: 401, type: loginRequest, value: OAuthCard}`,
 * as botbuilder's ActivityHandler, teams-ai (AdaptiveCardAuthenticationBase.js) and the Agents SDK send it. Teams
 * fetches an SSO token silently and retries the invoke with `authentication.token`.
 */
export function loginRequest(context: TurnContext, deps: HandlerDeps): Promise<void> {
  const value = deps.sso.oauthCard().content;
  return sendInvokeResponse(context, 200, { statusCode: 401, type: 'application/vnd.microsoft.activity.loginRequest', value });
}

// 412 makes Teams fall back to its own consent / sign-in experience.
function preconditionFailed(context: TurnContext, deps: HandlerDeps, reason: string): Promise<void> {
  deps.log.warn({ user: context.activity.from?.aadObjectId, reason }, 'card action token exchange failed');
  const value = { code: 'PreconditionFailed', message: `The bot could not exchange your token (${reason}).` };
  return sendInvokeResponse(context, 412, { statusCode: 412, type: 'application/vnd.microsoft.error.preconditionFailed', value });
}
