import { createHash, randomBytes } from 'node:crypto';
import type { EntraState } from './entra-token';
import { lifetimeClaims, signJwt, type Claims } from './jwt';

/** A directory user as it appears in tokens. */
export interface SandboxUser {
  oid: string;
  name: string;
  upn: string;
  /** Home tenant; the emulator's tenant when omitted. */
  tid?: string;
}

/** Teams desktop/mobile client id: the `azp` of SSO tokens Teams hands to bots. */
export const TEAMS_CLIENT_ID = '1fec8e78-bce4-4aaf-ab1b-5451cc387264';
/** Lifetime Entra gives access tokens here (it varies 60-90 minutes in Entra). */
export const LIFETIME_SECONDS = 3599;

/** A stable GUID derived from `seed` (SHA-1 based), for ids that must not equal the ones they derive from. */
export function derivedGuid(seed: string): string {
  const hex = createHash('sha1').update(seed).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

// Resources whose apps accept v1.0 access tokens: those tokens carry `iss: https://sts.windows.net/{tid}/` and
// `ver: 1.0` (access-token claims reference, https://learn.microsoft.com/entra/identity-platform/access-token-claims-reference).
// Azure Storage (and Azurite's `--oauth basic`, which checks the `sts.windows.net` prefix) and the Bot Framework
// channel both take v1.0 tokens; other resources here get v2.0 tokens.
const V1_RESOURCES = new Set(['https://api.botframework.com', 'https://storage.azure.com']);

/** The v1.0 token issuer of a tenant (a name, never contacted). */
export function v1Issuer(tid: string): string {
  return `https://sts.windows.net/${tid}/`;
}

function versionClaims(state: EntraState, resource: string): { iss: string; ver: '1.0' | '2.0' } {
  return V1_RESOURCES.has(resource)
    ? { iss: v1Issuer(state.tenantId), ver: '1.0' }
    : { iss: state.issuer(state.tenantId), ver: '2.0' };
}

/** Claims of an app-only (client-credentials) access token for `audience`. */
export function appTokenClaims(
  state: EntraState,
  clientId: string,
  audience: string,
  method: 'secret' | 'certificate' = 'secret',
): Claims {
  const servicePrincipalId = derivedGuid(`sp:${clientId}`);
  // appidacr/azpacr: 1 = client secret, 2 = certificate or client assertion (access-token claims reference).
  const acr = method === 'secret' ? '1' : '2';
  return {
    aud: audience,
    ...versionClaims(state, audience),
    ...lifetimeClaims(LIFETIME_SECONDS),
    appid: clientId,
    appidacr: acr,
    azp: clientId,
    azpacr: acr,
    idtyp: 'app',
    oid: servicePrincipalId,
    sub: servicePrincipalId,
    tid: state.tenantId,
  };
}

/** A user-assigned managed identity: its client id (`appid`) and object id (`oid`, `sub`). */
export interface ManagedIdentity {
  clientId: string;
  principalId: string;
  /** ARM resource id, carried as `xms_mirid`. */
  resourceId: string;
}

/** Claims of a managed identity's token for `resource`, as the platform endpoint hands it out. */
export function managedIdentityClaims(state: EntraState, identity: ManagedIdentity, resource: string): Claims {
  return {
    aud: resource,
    ...versionClaims(state, resource),
    ...lifetimeClaims(LIFETIME_SECONDS),
    appid: identity.clientId,
    appidacr: '2',
    azp: identity.clientId,
    azpacr: '2',
    idp: v1Issuer(state.tenantId),
    idtyp: 'app',
    oid: identity.principalId,
    sub: identity.principalId,
    tid: state.tenantId,
    xms_mirid: identity.resourceId,
  };
}

/** Claims of the token Teams obtains for the bot by SSO (`scp: access_as_user`, `azp`: the Teams client). */
export function ssoTokenClaims(state: EntraState, user: SandboxUser, audience: string, seconds: number): Claims {
  const tid = user.tid ?? state.tenantId;
  return {
    aud: audience,
    iss: state.issuer(tid),
    ...lifetimeClaims(seconds),
    azp: TEAMS_CLIENT_ID,
    azpacr: '0',
    name: user.name,
    oid: user.oid,
    preferred_username: user.upn,
    scp: 'access_as_user',
    sub: derivedGuid(`sub:${user.oid}:${TEAMS_CLIENT_ID}`),
    tid,
    upn: user.upn,
    ver: '2.0',
  };
}

/** What an On-Behalf-Of exchange grants. */
export interface OboGrant {
  resource: string;
  permissions: string[];
  scope: string;
}

/** The token-endpoint body of a successful OBO: access + refresh + id token and `client_info` (MSAL caches by account). */
export function oboTokenResponse(
  state: EntraState,
  clientId: string,
  user: Claims,
  grant: OboGrant,
): Record<string, unknown> {
  const oid = String(user['oid']);
  const tid = String(user['tid']);
  const upn = String(user['upn'] ?? user['preferred_username'] ?? '');
  const person = { name: user['name'], oid, tid, sub: derivedGuid(`sub:${oid}:${clientId}`) };
  const accessToken = signJwt(
    {
      aud: grant.resource,
      iss: state.issuer(tid),
      ...lifetimeClaims(LIFETIME_SECONDS),
      ...person,
      appid: clientId,
      azp: clientId,
      idtyp: 'user',
      scp: grant.permissions.join(' '),
      upn,
      unique_name: upn,
      ver: '1.0',
    },
    state.key,
  );
  const idToken = signJwt(
    {
      aud: clientId,
      iss: state.issuer(tid),
      ...lifetimeClaims(LIFETIME_SECONDS),
      ...person,
      preferred_username: upn,
      ver: '2.0',
    },
    state.key,
  );
  return {
    token_type: 'Bearer',
    scope: grant.scope,
    expires_in: LIFETIME_SECONDS,
    ext_expires_in: LIFETIME_SECONDS,
    access_token: accessToken,
    refresh_token: `0.sandbox.${randomBytes(48).toString('base64url')}`,
    id_token: idToken,
    client_info: Buffer.from(JSON.stringify({ uid: oid, utid: tid })).toString('base64url'),
  };
}
