import { createClientCertificate } from './client-certificate';
import { derivedGuid, type ManagedIdentity } from './entra-claims';
import type { EntraApp } from './entra-token';

/** How the bot and its SSO app prove themselves to Entra: the three production modes, all emulated. */
export type CredentialMode = 'secret' | 'certificate' | 'managedIdentity';

/** The app registrations and identities of one mode, and the bot's configuration variables for it. */
export interface CredentialSetup {
  /** The bot's id on the channel: the app id, or the managed identity's client id. */
  botId: string;
  appIdUri: string;
  apps: EntraApp[];
  identities: ManagedIdentity[];
  /** Credential variables of the configuration contract (DESIGN.md) for this mode; no secret unless mode is secret. */
  env: Record<string, string>;
  /** Deletes files the mode created (the certificate). */
  cleanup(): void;
}

/**
 * One app registration for SSO/OBO (and, without a managed identity, for the bot too), proving itself with a
 * secret, a certificate, or — as the Agents Toolkit's templates deploy it — a user-assigned managed identity that
 * is both the bot's identity (`BOT_TYPE=UserAssignedMsi`) and, through a federated identity credential, the SSO
 * app's client assertion. The credential must be added to Entra once it runs: see {@link federatedCredentialFor}.
 */
export function credentialSetup(mode: CredentialMode, app: { clientId: string; secret: string }): CredentialSetup {
  switch (mode) {
    case 'secret': {
      const appIdUri = `api://botid-${app.clientId}`;
      const apps = [{ clientId: app.clientId, clientSecret: app.secret, appIdUri }];
      return {
        botId: app.clientId,
        appIdUri,
        apps,
        identities: [],
        env: { BOT_PASSWORD: app.secret, AAD_APP_CLIENT_SECRET: app.secret },
        cleanup: () => undefined,
      };
    }
    case 'certificate': {
      const file = createClientCertificate(`reprocess-${app.clientId}`);
      const appIdUri = `api://botid-${app.clientId}`;
      const apps = [{ clientId: app.clientId, certificates: [{ pem: file.certificatePem }], appIdUri }];
      const env = { BOT_CERTIFICATE_PATH: file.path, AAD_APP_CERTIFICATE_PATH: file.path };
      return { botId: app.clientId, appIdUri, apps, identities: [], env, cleanup: file.remove };
    }
    case 'managedIdentity': {
      const identity = sandboxIdentity(app.clientId);
      // The Teams app's webApplicationInfo.resource is api://botid-<BOT_ID>, and BOT_ID is the identity here.
      const appIdUri = `api://botid-${identity.clientId}`;
      const env = {
        BOT_TYPE: 'UserAssignedMsi',
        AAD_APP_MANAGED_IDENTITY_CLIENT_ID: identity.clientId,
        AZURE_CLIENT_ID: identity.clientId,
      };
      return {
        botId: identity.clientId,
        appIdUri,
        apps: [{ clientId: app.clientId, appIdUri }],
        identities: [identity],
        env,
        cleanup: () => undefined,
      };
    }
  }
}

/** The user-assigned identity of the sandbox deployment (stable ids derived from the app id). */
export function sandboxIdentity(appId: string): ManagedIdentity {
  const clientId = derivedGuid(`mi-client:${appId}`);
  const resourceId = `/subscriptions/${derivedGuid('subscription')}/resourceGroups/reprocess/providers/Microsoft.ManagedIdentity/userAssignedIdentities/reprocess`;
  return { clientId, principalId: derivedGuid(`mi-principal:${appId}`), resourceId };
}

/**
 * The federated identity credential that lets the SSO app use the identity's token as its client assertion:
 * issuer = the tenant's v2.0 authority, subject = the identity's object (principal) id, audience
 * `api://AzureADTokenExchange` (https://learn.microsoft.com/entra/workload-id/workload-identity-federation-config-app-trust-managed-identity).
 */
export function federatedCredentialFor(
  identity: ManagedIdentity,
  issuer: string,
): { issuer: string; subject: string; audiences: string[] } {
  return { issuer, subject: identity.principalId, audiences: ['api://AzureADTokenExchange'] };
}
