import type { FederatedCredential } from './entra-assertions';
import { ssoTokenClaims, v1Issuer, type ManagedIdentity, type SandboxUser } from './entra-claims';
import { managedIdentityToken, type ManagedIdentityToken } from './entra-identity';
import type { OboFault } from './entra-errors';
import { handleTokenRequest, OBO_GRANT, type EntraApp, type EntraState, type TokenRequestRecord } from './entra-token';
import { startHttpsServer } from './https';
import { Router, type SandboxRequest } from './router';
import { signJwt, verifyJwt, type Claims } from './jwt';
import { createSigningKey, toJwks } from './keys';

export type { EntraApp, TokenRequestRecord } from './entra-token';
export type { ManagedIdentity, SandboxUser } from './entra-claims';
export type { ManagedIdentityToken } from './entra-identity';
export type { FederatedCredential, RegisteredCertificate } from './entra-assertions';
export { AadFaults, type OboFault } from './entra-errors';

/** Options of the Entra ID emulator. */
export interface EntraOptions {
  tenantId: string;
  apps: EntraApp[];
  /** User-assigned managed identities of the tenant (tokens via {@link Entra.managedIdentityToken}). */
  managedIdentities?: ManagedIdentity[];
  port?: number;
}

/** A running Entra ID emulator (login.microsoftonline.com look-alike). */
export interface Entra {
  /** Base URL, e.g. `https://127.0.0.1:PORT`; also the authority host. */
  url: string;
  authorityHost: string;
  tenantId: string;
  /** v2.0 issuer for `tid` (default: the emulator's tenant). */
  issuer(tid?: string): string;
  tokenRequests: TokenRequestRecord[];
  /** Makes the next OBO requests for `oid` fail as `fault` describes (unlimited unless `times`). */
  failObo(oid: string, fault: OboFault): void;
  clearFaults(): void;
  /** The token Teams gives the bot after SSO: `aud` = the app's Application ID URI, `scp: access_as_user`. */
  mintSsoToken(user: SandboxUser, opts?: { audience?: string; expiresInSeconds?: number }): string;
  /** Replaces an app's federated identity credentials (Graph: `/applications/{id}/federatedIdentityCredentials`). */
  setFederatedCredentials(clientId: string, credentials: FederatedCredential[]): void;
  /** Signs a managed identity's token for `resource` (what the platform's identity endpoint relays). */
  managedIdentityToken(clientId: string, resource: string): ManagedIdentityToken;
  /** Verifies a token this emulator issued (signature, lifetime, v1.0 or v2.0 issuer, `aud`); returns its claims or throws. */
  verifyAccessToken(token: string, expectedAudience: string): Claims;
  /** How many On-Behalf-Of requests reached the token endpoint (for `oid`, or all), whatever their outcome. */
  oboCount(oid?: string): number;
  close(): Promise<void>;
}

/** Starts the Entra ID emulator: OpenID metadata, JWKS, token endpoint (client credentials, OBO), fault injection. */
export async function startEntra(opts: EntraOptions): Promise<Entra> {
  const key = createSigningKey();
  const state: EntraState = {
    url: '',
    tenantId: opts.tenantId,
    apps: opts.apps,
    key,
    faults: new Map(),
    tokenRequests: [],
    issuer: (tid) => `${state.url}/${tid}/v2.0`,
  };
  const router = entraRoutes(state);
  const server = await startHttpsServer(async (req) => (await router.dispatch(req)) ?? notFound(state, req), opts.port);
  state.url = server.url;
  return {
    url: server.url,
    authorityHost: server.url,
    tenantId: opts.tenantId,
    issuer: (tid = opts.tenantId) => state.issuer(tid),
    tokenRequests: state.tokenRequests,
    failObo: (oid, fault) => void state.faults.set(oid, fault),
    clearFaults: () => state.faults.clear(),
    mintSsoToken: (user, o = {}) => {
      const audience = o.audience ?? opts.apps[0]?.appIdUri ?? opts.apps[0]?.clientId ?? '';
      return signJwt(ssoTokenClaims(state, user, audience, o.expiresInSeconds ?? 3600), key);
    },
    setFederatedCredentials: (clientId, credentials) => {
      const app = state.apps.find((a) => a.clientId === clientId);
      if (!app) throw new Error(`no app ${clientId} in the sandbox tenant`);
      app.federatedCredentials = credentials;
    },
    managedIdentityToken: (clientId, resource) =>
      managedIdentityToken(state, opts.managedIdentities ?? [], clientId, resource),
    verifyAccessToken: (token, audience) =>
      verifyJwt(token, [key.jwk], { audience, issuer: (c) => issuerOf(state, c) }),
    oboCount: (oid) =>
      state.tokenRequests.filter((r) => r.grantType === OBO_GRANT && (oid === undefined || r.oid === oid)).length,
    close: () => server.close(),
  };
}

/** The issuer a token of `tid` must carry: the v1.0 one for `ver: 1.0` tokens that use it, the v2.0 one otherwise. */
function issuerOf(state: EntraState, claims: Record<string, unknown>): string {
  const tid = String(claims['tid']);
  return claims['iss'] === v1Issuer(tid) ? v1Issuer(tid) : state.issuer(tid);
}

function entraRoutes(state: EntraState): Router {
  return new Router()
    .add('GET', '/:tid/v2.0/.well-known/openid-configuration', (req) => ({
      status: 200,
      body: openIdConfiguration(state, req.params['tid'] ?? '', 'v2.0'),
    }))
    .add('GET', '/:tid/.well-known/openid-configuration', (req) => ({
      status: 200,
      body: openIdConfiguration(state, req.params['tid'] ?? '', 'v1'),
    }))
    .add('GET', '/:tid/discovery/v2.0/keys', () => ({
      status: 200,
      body: toJwks([state.key], { issuer: `${state.url}/{tenantid}/v2.0` }),
    }))
    .add('GET', '/:tid/discovery/keys', () => ({ status: 200, body: toJwks([state.key]) }))
    .add('GET', '/common/discovery/instance', (req) => ({ status: 200, body: instanceDiscovery(state, req) }))
    .add('POST', '/:tid/oauth2/v2.0/token', (req) => handleTokenRequest(state, req));
}

/** The discovery document Entra serves; `{tenantid}` stays a placeholder for multi-tenant authorities, as in Entra. */
function openIdConfiguration(state: EntraState, tid: string, version: 'v2.0' | 'v1'): Record<string, unknown> {
  const tenant = ['common', 'organizations', 'consumers'].includes(tid) ? '{tenantid}' : tid;
  const base = `${state.url}/${tid}`;
  const oauth = version === 'v2.0' ? `${base}/oauth2/v2.0` : `${base}/oauth2`;
  return {
    token_endpoint: `${oauth}/token`,
    token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
    jwks_uri: version === 'v2.0' ? `${base}/discovery/v2.0/keys` : `${base}/discovery/keys`,
    response_modes_supported: ['query', 'fragment', 'form_post'],
    subject_types_supported: ['pairwise'],
    id_token_signing_alg_values_supported: ['RS256'],
    response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
    scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
    issuer: version === 'v2.0' ? `${state.url}/${tenant}/v2.0` : `${state.url}/${tenant}/`,
    request_uri_parameter_supported: false,
    authorization_endpoint: `${oauth}/authorize`,
    device_authorization_endpoint: `${oauth}/devicecode`,
    end_session_endpoint: `${oauth}/logout`,
    http_logout_supported: true,
    frontchannel_logout_supported: true,
    claims_supported: [
      'sub',
      'iss',
      'aud',
      'exp',
      'iat',
      'auth_time',
      'nonce',
      'name',
      'oid',
      'tid',
      'preferred_username',
      'email',
    ],
    tenant_region_scope: 'EU',
    cloud_instance_name: 'microsoftonline.com',
    cloud_graph_host_name: 'graph.windows.net',
    msgraph_host: 'graph.microsoft.com',
  };
}

/** `GET /common/discovery/instance` as MSAL calls it when instance discovery is on. */
function instanceDiscovery(state: EntraState, req: SandboxRequest): Record<string, unknown> {
  const host = new URL(state.url).host;
  const authorize = req.query.get('authorization_endpoint') ?? `${state.url}/${state.tenantId}/oauth2/v2.0/authorize`;
  const tid = new URL(authorize).pathname.split('/')[1] ?? state.tenantId;
  return {
    tenant_discovery_endpoint: `${state.url}/${tid}/v2.0/.well-known/openid-configuration`,
    'api-version': '1.1',
    metadata: [{ preferred_network: host, preferred_cache: host, aliases: [host] }],
  };
}

function notFound(state: EntraState, req: SandboxRequest): { status: number; body: unknown } {
  return {
    status: 404,
    body: {
      error: 'not_found',
      error_description: `The sandbox Entra emulator has no endpoint ${req.method} ${req.path} (${state.url}).`,
    },
  };
}
