import { constants, createHash, verify, X509Certificate } from 'node:crypto';
import { aadError } from './entra-errors';
import type { EntraApp, EntraState } from './entra-token';
import { decodeJwt, JwtError, verifyJwt, type DecodedJwt } from './jwt';
import type { SandboxResponse } from './router';

// Client authentication at the token endpoint: a client secret, or a client assertion as Microsoft documents them:
// - certificate: https://learn.microsoft.com/entra/identity-platform/certificate-credentials — header `alg` RS256 or
//   PS256 and `x5t` (base64url SHA-1) or `x5t#S256` (base64url SHA-256) of a certificate registered on the app;
//   claims `aud` = the tenant's token endpoint, `iss` = `sub` = client id, `exp`, `nbf`, `jti`.
// - federated: https://learn.microsoft.com/entra/workload-id/workload-identity-federation-config-app-trust-managed-identity
//   — a token whose `iss` and `sub` equal a federated identity credential's issuer and subject (case-sensitive) and
//   whose `aud` is one of its audiences (`api://AzureADTokenExchange`); a managed identity's token has the tenant's
//   v2.0 issuer and the identity's object (principal) id as subject.
// AADSTS answers are copied from captured Entra responses (quoted where used).

/** `client_assertion_type` of both kinds (RFC 7523). */
export const CLIENT_ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

/** A certificate registered on an app (`keyCredentials`), by its PEM. */
export interface RegisteredCertificate {
  pem: string;
}

/** A federated identity credential on an app. */
export interface FederatedCredential {
  issuer: string;
  subject: string;
  audiences: string[];
}

/** How a client proved itself at the token endpoint. */
export type ClientAuthMethod = 'secret' | 'certificate' | 'federated';

type Verdict = { method: ClientAuthMethod } | { refusal: SandboxResponse };

/** Client authentication: a secret (post or basic), or a client assertion (certificate or federated credential). */
export function authenticateClient(
  state: EntraState,
  app: EntraApp,
  tid: string,
  form: Record<string, string>,
  secret: string | undefined,
): Verdict {
  const fail = (error: string, aadsts: number, description: string) => ({
    refusal: aadError({ error, aadsts, description }, state.url),
  });
  if (form['client_assertion'] !== undefined || form['client_assertion_type'] !== undefined) {
    if (form['client_assertion_type'] !== CLIENT_ASSERTION_TYPE || !form['client_assertion']) {
      return fail(
        'invalid_client',
        7000218,
        "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
      );
    }
    return verifyClientAssertion(state, app, tid, form['client_assertion']);
  }
  // 7000218 as captured in haystackeditor/haystack-editor#41 (invalid_client, 401).
  if (secret === undefined)
    return fail(
      'invalid_client',
      7000218,
      "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
    );
  if (app.clientSecret === undefined || secret !== app.clientSecret) {
    const description = `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${app.clientId}'.`;
    return fail('invalid_client', 7000215, description);
  }
  return { method: 'secret' as const };
}

/** Verifies a `client_assertion`: self-signed by a registered certificate (`iss` = client id), else federated. */
export function verifyClientAssertion(state: EntraState, app: EntraApp, tid: string, assertion: string): Verdict {
  const jwt = decodeJwt(assertion);
  const fail = (aadsts: number, description: string, error = 'invalid_client') => ({
    refusal: aadError({ error, aadsts, description }, state.url),
  });
  // "AADSTS50027: Invalid JWT token. ..." (captured: AzureAD/microsoft-authentication-library-for-dotnet#124).
  if (!jwt) return fail(50027, 'JWT token is invalid or malformed.', 'invalid_request');
  return jwt.payload['iss'] === app.clientId
    ? certificateAssertion(state, app, tid, jwt, fail)
    : federatedAssertion(state, app, assertion, jwt, fail);
}

type Fail = (aadsts: number, description: string, error?: string) => { refusal: SandboxResponse };

function certificateAssertion(state: EntraState, app: EntraApp, tid: string, jwt: DecodedJwt, fail: Fail): Verdict {
  const sha256 = typeof jwt.header['x5t#S256'] === 'string' ? (jwt.header['x5t#S256'] as string) : undefined;
  const sha1 = typeof jwt.header['x5t'] === 'string' ? (jwt.header['x5t'] as string) : undefined;
  const thumbprint = Buffer.from(sha256 ?? sha1 ?? '', 'base64url')
    .toString('hex')
    .toUpperCase();
  // "AADSTS50027: Invalid JWT token. No certificate thumbprint specified in token header." (same capture).
  if (!thumbprint) return fail(50027, 'Invalid JWT token. No certificate thumbprint specified in token header.');
  const certificate = (app.certificates ?? [])
    .map((c) => new X509Certificate(c.pem))
    .find((c) => digest(c, sha256 ? 'sha256' : 'sha1') === thumbprint);
  if (!certificate) {
    // Captured: AzureAD/microsoft-authentication-library-for-js#8339.
    return fail(
      700027,
      `The certificate with identifier used to sign the client assertion is not registered on application. [Reason - The key was not found., Thumbprint of key used by client: '${thumbprint}', Please visit the Azure Portal, Graph Explorer or directly use MS Graph to see configured keys for app Id '${app.clientId}'.]`,
    );
  }
  if (!signatureValid(jwt, certificate)) {
    // Captured: Azure/azure-sdk-for-java#25109 (same wording for OBO and client credentials).
    return fail(
      700027,
      `Client assertion contains an invalid signature. [Reason - The provided signature value did not match the expected signature value., Thumbprint of key used by client: '${thumbprint}']`,
    );
  }
  const now = Math.floor(Date.now() / 1000);
  const exp = Number(jwt.payload['exp']);
  const nbf = Number(jwt.payload['nbf'] ?? 0);
  if (!Number.isFinite(exp) || exp + 300 < now || nbf - 300 > now) {
    // Captured: Azure/login#180, AzureAD/microsoft-authentication-library-for-dotnet#4951.
    return fail(
      700024,
      `Client assertion is not within its valid time range. Current time: ${new Date().toISOString()}, expiry time of assertion ${new Date(exp * 1000).toISOString()}. Review the documentation at https://learn.microsoft.com/entra/identity-platform/certificate-credentials .`,
    );
  }
  if (jwt.payload['aud'] !== `${state.url}/${tid}/oauth2/v2.0/token`) {
    // Captured: AzureAD/microsoft-authentication-library-for-dotnet#2746.
    return fail(
      700023,
      'Client assertion audience claim does not match Realm issuer. Review the documentation at https://learn.microsoft.com/entra/identity-platform/certificate-credentials .',
    );
  }
  if (jwt.payload['sub'] !== app.clientId)
    return fail(700021, "Client assertion application identifier doesn't match 'client_id' parameter.");
  return { method: 'certificate' };
}

function federatedAssertion(state: EntraState, app: EntraApp, assertion: string, jwt: DecodedJwt, fail: Fail): Verdict {
  const iss = String(jwt.payload['iss'] ?? '');
  const sub = String(jwt.payload['sub'] ?? '');
  const aud = String(jwt.payload['aud'] ?? '');
  const credentials = app.federatedCredentials ?? [];
  const help =
    'Please check your federated identity credential Subject, Audience and Issuer against the presented assertion. https://learn.microsoft.com/entra/workload-id/workload-identity-federation';
  // Captured wording: Azure/azure-workload-identity#1200 (700211), Azure/login#482 and dotnet/maui#31978 (700213).
  const byIssuer = credentials.filter((c) => c.issuer === iss);
  if (byIssuer.length === 0)
    return fail(700211, `No matching federated identity record found for presented assertion issuer '${iss}'. ${help}`);
  const bySubject = byIssuer.filter((c) => c.subject === sub);
  if (bySubject.length === 0)
    return fail(
      700213,
      `No matching federated identity record found for presented assertion subject '${sub}'. ${help}`,
    );
  // 700212 follows the 700211/700213 pattern; no capture of its exact wording was found.
  if (!bySubject.some((c) => c.audiences.includes(aud)))
    return fail(
      700212,
      `No matching federated identity record found for presented assertion audience '${aud}'. ${help}`,
    );
  // Only this Entra's own tokens (a managed identity's) are trusted here; an external issuer's keys are not emulated.
  try {
    verifyJwt(assertion, [state.key.jwk], { audience: aud, issuer: iss });
  } catch (error) {
    const reason = error instanceof JwtError ? error.reason : 'malformed';
    if (reason === 'expired') return fail(700024, 'Client assertion is not within its valid time range.');
    return fail(50013, 'Assertion failed signature validation.', 'invalid_client');
  }
  return { method: 'federated' };
}

function digest(certificate: X509Certificate, algorithm: 'sha1' | 'sha256'): string {
  return createHash(algorithm).update(certificate.raw).digest('hex').toUpperCase();
}

function signatureValid(jwt: DecodedJwt, certificate: X509Certificate): boolean {
  const alg = jwt.header['alg'];
  const input = Buffer.from(jwt.signingInput);
  if (alg === 'RS256') return verify('sha256', input, certificate.publicKey, jwt.signature);
  // PS256: RSASSA-PSS with SHA-256 and a salt as long as the hash (RFC 7518 §3.5); MSAL uses it with x5t#S256.
  if (alg === 'PS256')
    return verify(
      'sha256',
      input,
      { key: certificate.publicKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 },
      jwt.signature,
    );
  return false;
}

/** client_secret_post, or client_secret_basic (`Authorization: Basic base64(id:secret)`). */
export function clientCredentialsOf(
  form: Record<string, string>,
  authorization: string | undefined,
): { id: string; secret?: string } {
  const match = /^Basic\s+(\S+)$/i.exec(authorization ?? '');
  const [id, secret] = match
    ? Buffer.from(match[1] ?? '', 'base64')
        .toString('utf8')
        .split(':')
        .map(decodeURIComponent)
    : [];
  return { id: form['client_id'] ?? id ?? '', secret: form['client_secret'] ?? secret };
}
