import { startChannel, CHANNEL_ISSUER, type Channel } from './channel';
import { credentialSetup, federatedCredentialFor, type CredentialMode } from './credentials';
import { startEntra, type Entra } from './entra';
import { startManagedIdentityEndpoint, type ManagedIdentityEndpoint } from './managed-identity';
import { startGraph, type Graph } from './graph';
import { DEMO, demoTenant, type TenantData } from './graph-data';

export * from './activities';
export * from './channel';
export * from './entra';
export * from './graph';
export * from './graph-data';
export type { CredentialMode } from './credentials';
export type { IdentityRequest, ManagedIdentityEndpoint } from './managed-identity';

/** Options of the whole local Microsoft cloud. */
export interface SandboxOptions {
  tenantId?: string;
  botAppId?: string;
  botPassword?: string;
  /** Local Playground mode: `BOT_ID`/`BOT_PASSWORD` empty, no channel tokens; SSO/OBO still use the AAD app. */
  anonymousBot?: boolean;
  data?: TenantData;
  graphLatencyMs?: number;
  /** Outer status of a `$batch` with a throttled item: 200 (json-batching.md) or 424 (throttling.md). */
  batchThrottleStatus?: 200 | 424;
  /** How the bot and the SSO app prove themselves: client secret (default), certificate, or managed identity. */
  credentials?: CredentialMode;
}

/** Entra + channel + Graph emulators and the bot configuration that points at them. */
export interface Sandbox {
  entra: Entra;
  channel: Channel;
  graph: Graph;
  tenantId: string;
  /** Exactly the bot's configuration variables (see DESIGN.md), pointing at the emulators. */
  env: Record<string, string>;
  /** What the hosting platform sets for the process (App Service's IDENTITY_ENDPOINT/IDENTITY_HEADER); not config. */
  platformEnv: Record<string, string>;
  /** The managed-identity endpoint, in `managedIdentity` mode. */
  identity?: ManagedIdentityEndpoint;
  stop(): Promise<void>;
}

/** Default tenant of the sandbox. */
export const SANDBOX_TENANT_ID = '9f1c7e2a-4b3d-4e5f-8a6b-7c8d9e0f1a2b';
/** Default bot / AAD app id of the sandbox (one app registration for both, as Teams Toolkit creates). */
export const SANDBOX_BOT_ID = '5e8a0c1b-2d3f-4a5b-9c6d-7e8f9a0b1c2d';
/** Default client secret of the sandbox app: a local fixture, not a secret. */
export const SANDBOX_BOT_PASSWORD = 'sandbox-only-client-secret';

/** Starts the emulators with one app registration (Application ID URI `api://botid-<id>`) and returns their config. */
export async function startSandbox(opts: SandboxOptions = {}): Promise<Sandbox> {
  const tenantId = opts.tenantId ?? SANDBOX_TENANT_ID;
  const appId = opts.botAppId ?? SANDBOX_BOT_ID;
  const secret = opts.botPassword ?? SANDBOX_BOT_PASSWORD;
  const setup = credentialSetup(opts.credentials ?? 'secret', { clientId: appId, secret });
  const { appIdUri } = setup;
  const botId = opts.anonymousBot ? '' : setup.botId;
  const data = opts.data ?? demoTenant(tenantId);
  // The demo's consent case: Grady's OBO is refused with AADSTS65001 (the app's grant does not cover him).
  const apps = setup.apps.map((app) => ({ ...app, unconsentedUsers: [DEMO.users.grady.oid] }));
  const entra = await startEntra({ tenantId, apps, managedIdentities: setup.identities });
  if (setup.identities.length > 0)
    entra.setFederatedCredentials(
      appId,
      setup.identities.map((i) => federatedCredentialFor(i, entra.issuer())),
    );
  const identity =
    setup.identities.length > 0 ? await startManagedIdentityEndpoint(entra, setup.identities) : undefined;
  const members = data.users.map((u) => ({
    oid: u.id,
    name: u.displayName,
    upn: u.userPrincipalName,
    email: u.mail,
    tid: tenantId,
  }));
  const [channel, graph] = await Promise.all([
    startChannel({ entra, botAppId: botId, tenantId, members }),
    startGraph({ entra, data, latencyMs: opts.graphLatencyMs, batchThrottleStatus: opts.batchThrottleStatus }),
  ]);
  const { BOT_PASSWORD, ...credentialEnv } = setup.env;
  const env: Record<string, string> = {
    BOT_ID: botId,
    ...(BOT_PASSWORD !== undefined ? { BOT_PASSWORD: opts.anonymousBot ? '' : BOT_PASSWORD } : {}),
    BOT_TENANT_ID: tenantId,
    AAD_APP_CLIENT_ID: appId,
    ...credentialEnv,
    AAD_APP_TENANT_ID: tenantId,
    AAD_APP_OAUTH_AUTHORITY_HOST: entra.url,
    SSO_APP_ID_URI: appIdUri,
    GRAPH_ENDPOINT: graph.url,
    GRAPH_API_VERSION: 'v1.0',
    ToBotFromChannelOpenIdMetadataUrl: channel.openIdMetadataUrl,
    ToBotFromChannelTokenIssuer: CHANNEL_ISSUER,
    ToChannelFromBotLoginUrl: `${entra.url}/${tenantId}`,
    ToChannelFromBotOAuthScope: CHANNEL_ISSUER,
    ALLOWED_TENANT_IDS: tenantId,
  };
  const stop = async (): Promise<void> => {
    await Promise.all([channel.close(), graph.close(), entra.close(), identity?.close()]);
    setup.cleanup();
  };
  return { entra, channel, graph, tenantId, env, platformEnv: { ...identity?.env }, identity, stop };
}
