import { ConfidentialClientApplication } from '@azure/msal-node';
import {
  type Activity,
  CloudAdapter,
  type ConfigurationBotFrameworkAuthentication,
  type ConfigurationBotFrameworkAuthenticationOptions,
  type InvokeResponse,
  type TurnContext,
} from 'botbuilder';
import {
  AuthenticationConfiguration,
  type AuthenticateRequestResult,
  JwtTokenProviderFactory,
  ManagedIdentityServiceClientCredentialsFactory,
  MsalServiceClientCredentialsFactory,
  PasswordServiceClientCredentialFactory,
  type ServiceClientCredentialsFactory,
} from 'botframework-connector';
import { readPemCertificate } from '../auth/certificate';
import type { Config } from '../config';
import { CachingBotFrameworkAuthentication } from './connector-cache';

/** The one channel served. Web Chat and Direct Line clients write `from` and `channelData` themselves. */
export const TEAMS_CHANNEL = 'msteams';

/** CloudAdapter that runs an activity whose request the endpoint has already authenticated (no second JWT check). */
export class AuthenticatedCloudAdapter extends CloudAdapter {
  runAuthenticated(
    auth: AuthenticateRequestResult,
    activity: Activity,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<InvokeResponse | undefined> {
    return this.processActivity(auth, activity, logic);
  }
}

/** The adapter (Teams -> bot, bot -> connector) and the authenticator the HTTP endpoint validates with. */
export interface BotAdapter {
  adapter: AuthenticatedCloudAdapter;
  authentication: ConfigurationBotFrameworkAuthentication;
}

/**
 * Builds botbuilder's adapter with all four channel-auth settings (passing any one makes botbuilder treat all as
 * intentional) and an outbound credential factory that works with any Entra host, not just Microsoft's.
 */
export function createBotAdapter(config: Config): BotAdapter {
  const options: ConfigurationBotFrameworkAuthenticationOptions = {
    MicrosoftAppId: config.bot.appId,
    MicrosoftAppTenantId: config.bot.tenantId,
    ToBotFromChannelOpenIdMetadataUrl: config.channel.openIdMetadataUrl,
    ToBotFromChannelTokenIssuer: config.channel.tokenIssuer,
    ToChannelFromBotLoginUrl: config.channel.loginUrl,
    ToChannelFromBotOAuthScope: config.channel.oauthScope,
  };
  // One authenticator for both: its outbound clients (connector, user token) are reused across turns. A channel
  // token must be signed with a key the channel endorses for Teams (the keys' `endorsements`), whatever the body says.
  const teamsOnly = new AuthenticationConfiguration([TEAMS_CHANNEL]);
  const authentication = new CachingBotFrameworkAuthentication(options, credentialsFactory(config), teamsOnly);
  return { adapter: new AuthenticatedCloudAdapter(authentication), authentication };
}

/** The bot's outbound (bot -> connector) credential: secret, certificate, or a user-assigned managed identity. */
function credentialsFactory(config: Config): ServiceClientCredentialsFactory {
  const { appId, credential } = config.bot;
  switch (credential.kind) {
    case 'anonymous':
      // The local Playground mode: botbuilder then neither requires nor sends tokens.
      return new PasswordServiceClientCredentialFactory('', '');
    case 'managedIdentity':
      // botbuilder's own MSI path: DefaultAzureCredential({ managedIdentityClientId: BOT_ID }) via the platform endpoint.
      return new ManagedIdentityServiceClientCredentialsFactory(appId, new JwtTokenProviderFactory());
    case 'secret':
      return msalFactory(config, { clientSecret: credential.password });
    case 'certificate': {
      // botbuilder's certificate factory hard-codes login.microsoftonline.com; MSAL takes the configured authority.
      const { privateKey, thumbprintSha256 } = readPemCertificate(credential.path);
      return msalFactory(config, { clientCertificate: { privateKey, thumbprintSha256 } });
    }
  }
}

function msalFactory(
  config: Config,
  secret: { clientSecret: string } | { clientCertificate: { privateKey: string; thumbprintSha256: string } },
) {
  const authority = config.channel.loginUrl;
  const msal = new ConfidentialClientApplication({
    // MSAL's instance discovery only knows Microsoft's hosts; a sovereign or local authority must be declared.
    auth: { clientId: config.bot.appId, ...secret, authority, knownAuthorities: [new URL(authority).host] },
  });
  return new MsalServiceClientCredentialsFactory(config.bot.appId, msal);
}
