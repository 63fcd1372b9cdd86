import { randomUUID } from 'node:crypto';
import type { Entra } from './entra';
import { startHttpServer } from './https';
import { Recorder } from './recorder';
import { Router, type SandboxRequest, type SandboxResponse } from './router';

// The App Service / Container Apps managed-identity endpoint, as Microsoft documents it ("REST endpoint reference",
// https://learn.microsoft.com/azure/app-service/overview-managed-identity#rest-endpoint-reference and the same
// table in https://learn.microsoft.com/azure/container-apps/managed-identity#rest-endpoint-reference):
// - the platform sets IDENTITY_ENDPOINT (a local http URL) and IDENTITY_HEADER (rotated, against SSRF);
// - GET with query `resource` and `api-version` ("2019-08-01 or later") and header `X-IDENTITY-HEADER`;
// - a user-assigned identity is chosen by ONE of `client_id`, `principal_id` (alias `object_id`) or `mi_res_id`;
//   with none, the system-assigned identity is used (this app has none);
// - 200 body: `access_token`, `expires_on` (epoch seconds, as a string), `resource`, `token_type`, `client_id`.
// Error statuses and bodies are not documented: every refusal here is a 400 with a JSON `error`, and what the
// documentation does not allow (another verb, an older api-version, two identity selectors) is refused.

/** One request the bot made to the identity endpoint. */
export interface IdentityRequest {
  resource: string;
  clientId?: string;
  status: number;
  at: number;
}

/** A running identity endpoint and the two variables the platform would set for it. */
export interface ManagedIdentityEndpoint {
  /** `IDENTITY_ENDPOINT` and `IDENTITY_HEADER`, exactly as App Service provides them to the process. */
  env: { IDENTITY_ENDPOINT: string; IDENTITY_HEADER: string };
  requests: IdentityRequest[];
  close(): Promise<void>;
}

/** Starts the endpoint for the identities assigned to the app (all of them known to `entra`). */
export async function startManagedIdentityEndpoint(
  entra: Entra,
  assigned: { clientId: string; principalId: string; resourceId: string }[],
): Promise<ManagedIdentityEndpoint> {
  const secret = randomUUID();
  const recorder = new Recorder<IdentityRequest>((r) => `${r.status} ${r.resource}`);
  const router = new Router().add('GET', '/msi/token', (req) => {
    const answer = tokenAnswer(entra, assigned, secret, req);
    recorder.push({
      resource: req.query.get('resource') ?? '',
      clientId: req.query.get('client_id') ?? undefined,
      status: answer.status,
      at: Date.now(),
    });
    return answer;
  });
  const refuse = (req: SandboxRequest) =>
    refusal(`No route ${req.method} ${req.path}; the identity endpoint answers GET /msi/token only.`);
  const server = await startHttpServer(async (req) => (await router.dispatch(req)) ?? refuse(req));
  return {
    env: { IDENTITY_ENDPOINT: `${server.url}/msi/token`, IDENTITY_HEADER: secret },
    requests: recorder.items,
    close: () => server.close(),
  };
}

type AssignedIdentity = { clientId: string; principalId: string; resourceId: string };

// overview-managed-identity "REST endpoint reference" (above): client_id is the
// identity's client id, principal_id / object_id its object (principal) id, mi_res_id its Azure resource id.
const SELECTS: Record<string, keyof AssignedIdentity> = {
  client_id: 'clientId',
  principal_id: 'principalId',
  object_id: 'principalId',
  mi_res_id: 'resourceId',
};

function tokenAnswer(
  entra: Entra,
  assigned: { clientId: string; principalId: string; resourceId: string }[],
  secret: string,
  req: SandboxRequest,
): SandboxResponse {
  if (req.headers['x-identity-header'] !== secret)
    return refusal('The X-IDENTITY-HEADER header is missing or does not match IDENTITY_HEADER.');
  const version = req.query.get('api-version') ?? '';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(version) || version < '2019-08-01')
    return refusal(`api-version '${version}' is not supported; use 2019-08-01 or later.`);
  const resource = req.query.get('resource');
  if (!resource) return refusal("The 'resource' query parameter is required.");
  const selectors = Object.keys(SELECTS).filter((name) => req.query.has(name));
  if (selectors.length > 1)
    return refusal(
      `Only one of client_id, principal_id, object_id and mi_res_id may be given (got ${selectors.join(', ')}).`,
    );
  if (selectors.length === 0)
    return refusal('This app has no system-assigned identity; name a user-assigned identity with client_id.');
  const selector = selectors[0] ?? '';
  const value = req.query.get(selector) ?? '';
  // Each parameter names the identity by its own kind of id: a principal id given as client_id matches nothing.
  const field = SELECTS[selector];
  const identity = field && assigned.find((i) => i[field].toLowerCase() === value.toLowerCase());
  if (!identity) return refusal(`No user-assigned identity '${value}' is assigned to this app.`);
  const issued = entra.managedIdentityToken(identity.clientId, resource);
  if ('error' in issued) return { status: 400, body: { error: issued.error, error_description: issued.description } };
  return {
    status: 200,
    body: {
      access_token: issued.token,
      expires_on: String(issued.expiresOn),
      resource,
      token_type: 'Bearer',
      client_id: identity.clientId,
    },
  };
}

function refusal(message: string): SandboxResponse {
  return { status: 400, body: { error: 'invalid_request', error_description: message } };
}
