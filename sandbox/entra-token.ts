import {
  authenticateClient,
  clientCredentialsOf,
  type ClientAuthMethod,
  type FederatedCredential,
  type RegisteredCertificate,
} from './entra-assertions';
import { AadFaults, aadError, faultSpec, type OboFault } from './entra-errors';
import type { SandboxRequest, SandboxResponse } from './router';
import { appTokenClaims, LIFETIME_SECONDS, oboTokenResponse } from './entra-claims';
import { decodeJwt, JwtError, signJwt, verifyJwt, type Claims } from './jwt';
import type { SigningKey } from './keys';

/** An app registration the emulator knows. */
export interface EntraApp {
  clientId: string;
  /** Absent: the app has no secret (it proves itself with a certificate or a federated credential). */
  clientSecret?: string;
  /** Certificates registered on the app (its `keyCredentials`). */
  certificates?: RegisteredCertificate[];
  /** Federated identity credentials, e.g. trusting a managed identity. */
  federatedCredentials?: FederatedCredential[];
  /** Application ID URI (e.g. `api://botid-<id>`); SSO tokens for the app carry it as `aud`. */
  appIdUri?: string;
  /** Delegated permissions the tenant admin consented to; default `EntitlementManagement.ReadWrite.All`, `User.Read`. */
  consentedScopes?: string[];
  /** Users the delegated grant does not cover (oauth2PermissionGrant consentType `Principal`, not `AllPrincipals`): OBO answers AADSTS65001. */
  unconsentedUsers?: string[];
}

/** One call to the token endpoint, as recorded. */
export interface TokenRequestRecord {
  grantType: string;
  clientId: string;
  /** How the client authenticated; undefined when it was refused before that. */
  clientAuth?: ClientAuthMethod;
  oid?: string;
  scope: string;
  status: number;
  at: number;
}

/** Shared state of one Entra emulator. */
export interface EntraState {
  url: string;
  tenantId: string;
  apps: EntraApp[];
  key: SigningKey;
  faults: Map<string, OboFault>;
  tokenRequests: TokenRequestRecord[];
  issuer(tid: string): string;
}

/** The On-Behalf-Of grant type. */
export const OBO_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
const OIDC_SCOPES = new Set(['openid', 'profile', 'offline_access', 'email']);
const DEFAULT_CONSENT = ['EntitlementManagement.ReadWrite.All', 'User.Read'];

type Form = Record<string, string>;

/** `POST /{tid}/oauth2/v2.0/token`: authenticates the client, runs the grant, records the call. */
export function handleTokenRequest(state: EntraState, req: SandboxRequest): SandboxResponse {
  const form = (typeof req.body === 'object' && req.body !== null ? req.body : {}) as Form;
  const client = clientCredentialsOf(form, req.headers.authorization);
  const { answer, clientAuth } = answerTokenRequest(state, req.params['tid'] ?? '', form, client);
  const oid = decodeJwt(form['assertion'] ?? '')?.payload['oid'];
  const record = { grantType: form['grant_type'] ?? '', clientId: client.id, clientAuth, scope: form['scope'] ?? '' };
  state.tokenRequests.push({
    ...record,
    oid: typeof oid === 'string' ? oid : undefined,
    status: answer.status,
    at: Date.now(),
  });
  return answer;
}

function answerTokenRequest(
  state: EntraState,
  tid: string,
  form: Form,
  client: { id: string; secret?: string },
): { answer: SandboxResponse; clientAuth?: ClientAuthMethod } {
  const fail = (error: string, aadsts: number, description: string) => ({
    answer: aadError({ error, aadsts, description }, state.url),
  });
  if (tid !== state.tenantId) return fail('invalid_request', 90002, `Tenant '${tid}' not found.`);
  const app = state.apps.find((a) => a.clientId === client.id);
  if (!app)
    return fail(
      'unauthorized_client',
      700016,
      `Application with identifier '${client.id}' was not found in the directory '${tid}'.`,
    );
  const auth = authenticateClient(state, app, tid, form, client.secret);
  if ('refusal' in auth) return { answer: auth.refusal };
  return { answer: runGrant(state, app, form, auth.method), clientAuth: auth.method };
}

function runGrant(state: EntraState, app: EntraApp, form: Form, method: ClientAuthMethod): SandboxResponse {
  const fail = (error: string, aadsts: number, description: string): SandboxResponse =>
    aadError({ error, aadsts, description }, state.url);
  if (!form['scope'])
    return fail('invalid_request', 900144, "The request body must contain the following parameter: 'scope'.");
  if (form['grant_type'] === 'client_credentials') return clientCredentials(state, app, form['scope'], method);
  if (form['grant_type'] === OBO_GRANT) return onBehalfOf(state, app, form);
  const description = `The provided value for the 'grant_type' is not valid. The grant type '${form['grant_type'] ?? ''}' is not supported.`;
  return fail('unsupported_grant_type', 70003, description);
}

function clientCredentials(state: EntraState, app: EntraApp, scope: string, method: ClientAuthMethod): SandboxResponse {
  if (!/^\S+\/\.default$/.test(scope)) {
    const description = `The provided value for scope ${scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`;
    return aadError({ error: 'invalid_scope', aadsts: 1002012, description }, state.url);
  }
  const claims = appTokenClaims(
    state,
    app.clientId,
    scope.slice(0, -'/.default'.length),
    method === 'secret' ? 'secret' : 'certificate',
  );
  const accessToken = signJwt(claims, state.key);
  return {
    status: 200,
    body: {
      token_type: 'Bearer',
      expires_in: LIFETIME_SECONDS,
      ext_expires_in: LIFETIME_SECONDS,
      access_token: accessToken,
    },
  };
}

function onBehalfOf(state: EntraState, app: EntraApp, form: Form): SandboxResponse {
  const missing = ['assertion', 'requested_token_use'].find((name) => !form[name]);
  if (missing || form['requested_token_use'] !== 'on_behalf_of') {
    const description = `The request body must contain the following parameter: '${missing ?? 'requested_token_use'}'.`;
    return aadError({ error: 'invalid_request', aadsts: 900144, description }, state.url);
  }
  const verified = verifyAssertion(state, app, form['assertion'] ?? '');
  if ('refusal' in verified) return verified.refusal;
  const user = verified.claims;
  const scopes = (form['scope'] ?? '').split(/\s+/).filter(Boolean);
  const resourceScopes = scopes.filter((s) => !OIDC_SCOPES.has(s.toLowerCase()));
  const resources = new Set(resourceScopes.map(resourceOf));
  const resource = [...resources][0];
  if (resource === undefined || resources.size > 1 || resource === '') {
    const description = `The provided value for the input parameter 'scope' is not valid: '${form['scope'] ?? ''}' must name exactly one resource.`;
    return aadError({ error: 'invalid_scope', aadsts: resources.size > 1 ? 28000 : 70011, description }, state.url);
  }
  const fault = takeFault(state, String(user['oid']));
  if (fault) return aadError(faultSpec(fault, { clientId: app.clientId, resource }), state.url);
  const consented = app.consentedScopes ?? DEFAULT_CONSENT;
  const requested = resourceScopes.map((s) => s.slice(resource.length + 1));
  const permissions = requested.includes('.default') ? consented : requested;
  const granted = !app.unconsentedUsers?.includes(String(user['oid']));
  if (!granted || !permissions.every((p) => consented.some((c) => c.toLowerCase() === p.toLowerCase()))) {
    return aadError(faultSpec(AadFaults.consentRequired, { clientId: app.clientId, resource }), state.url);
  }
  return {
    status: 200,
    body: oboTokenResponse(state, app.clientId, user, { resource, permissions, scope: scopes.join(' ') }),
  };
}

function verifyAssertion(
  state: EntraState,
  app: EntraApp,
  assertion: string,
): { claims: Claims } | { refusal: SandboxResponse } {
  const audiences = [app.appIdUri, app.clientId].filter((a): a is string => !!a);
  try {
    return {
      claims: verifyJwt(assertion, [state.key.jwk], {
        audience: audiences,
        issuer: (c) => state.issuer(String(c['tid'])),
      }),
    };
  } catch (error) {
    const reason = error instanceof JwtError ? error.reason : 'malformed';
    const aud = String(decodeJwt(assertion)?.payload['aud'] ?? '');
    const description =
      reason === 'expired'
        ? 'Assertion is not within its valid time range. Ensure that the access token is not expired before using it for user assertion, or request a new token.'
        : reason === 'audience'
          ? `Assertion audience does not match the Client app presenting the assertion. The audience in the assertion was '${aud}' and the expected audience is '${audiences[0] ?? ''}' or one of the Application Id URIs of this application.`
          : 'Assertion failed signature validation.';
    return {
      refusal: aadError(
        { error: 'invalid_grant', aadsts: reason === 'expired' ? 500133 : 50013, description },
        state.url,
      ),
    };
  }
}

/** Consumes one use of the fault injected for `oid`, if any. */
function takeFault(state: EntraState, oid: string): OboFault | undefined {
  const fault = state.faults.get(oid);
  if (!fault) return undefined;
  const remaining = (fault.times ?? Infinity) - 1;
  if (remaining <= 0) state.faults.delete(oid);
  else state.faults.set(oid, { ...fault, times: remaining });
  return fault;
}

/** `https://host/Perm` -> `https://host`; `api://x/access_as_user` -> `api://x`; a bare name has no resource. */
function resourceOf(scope: string): string {
  const slash = scope.lastIndexOf('/');
  return slash > 0 ? scope.slice(0, slash) : '';
}
