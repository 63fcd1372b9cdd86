import type { Entra } from './entra';
import type { GraphCall } from './graph-batch';
import type { TenantData, TenantUser } from './graph-data';
import { graphError } from './graph-errors';
import { JwtError } from './jwt';
import type { SandboxResponse } from './router';

const PERMISSION = 'EntitlementManagement.ReadWrite.All';

/** Verifies the bearer token (Entra signature, `aud` = this Graph), the delegated permission, and finds the caller. */
export function authenticate(
  entra: Entra,
  data: TenantData,
  graphUrl: string,
  call: GraphCall,
): { caller: TenantUser | undefined } | { refusal: SandboxResponse } {
  const challenge = { 'WWW-Authenticate': `Bearer realm="", authorization_uri="${entra.url}/common/oauth2/authorize"` };
  const token = bearerToken(call);
  if (!token) return { refusal: graphError(401, 'InvalidAuthenticationToken', 'Access token is empty.', challenge) };
  let claims: Record<string, unknown>;
  try {
    claims = entra.verifyAccessToken(token, graphUrl);
  } catch (error) {
    const reason = error instanceof JwtError ? error.reason : 'malformed';
    const message =
      reason === 'expired'
        ? 'Lifetime validation failed, the token is expired.'
        : `Access token validation failure (${reason}).`;
    return { refusal: graphError(401, 'InvalidAuthenticationToken', message, challenge) };
  }
  if (
    !String(claims['scp'] ?? '')
      .split(' ')
      .includes(PERMISSION)
  ) {
    return {
      refusal: graphError(
        403,
        'Authorization_RequestDenied',
        `Insufficient privileges to complete the operation: the token lacks ${PERMISSION}.`,
      ),
    };
  }
  const tenantMatches = !data.tenantId || data.tenantId === claims['tid'];
  return { caller: tenantMatches ? data.users.find((u) => u.id === claims['oid']) : undefined };
}

/** The bearer token of a call, if any. */
export function bearerToken(call: GraphCall): string | undefined {
  return /^Bearer\s+(\S+)$/i.exec(header(call, 'authorization') ?? '')?.[1];
}

/** One request header as a string. */
export function header(call: GraphCall, name: string): string | undefined {
  const value = call.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
