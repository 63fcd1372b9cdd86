import type { Sandbox, SandboxUser } from '../sandbox';

/** What the naive loop achieved on its sample. */
export interface BaselineResult {
  sample: number;
  accepted: number;
  elapsedMs: number;
}

/** A delegated Graph token for `user` the way any OBO client gets one: jwt-bearer grant at the emulator's Entra. */
async function oboToken(sandbox: Sandbox, user: SandboxUser): Promise<string> {
  const form = new URLSearchParams({
    client_id: sandbox.env.AAD_APP_CLIENT_ID ?? '',
    client_secret: sandbox.env.AAD_APP_CLIENT_SECRET ?? '',
    grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
    requested_token_use: 'on_behalf_of',
    assertion: sandbox.entra.mintSsoToken(user),
    scope: `${sandbox.graph.url}/EntitlementManagement.ReadWrite.All`,
  });
  const res = await fetch(`${sandbox.entra.url}/${sandbox.tenantId}/oauth2/v2.0/token`, { method: 'POST', body: form });
  const body = (await res.json()) as { access_token?: string };
  if (!res.ok || !body.access_token) throw new Error(`OBO for the baseline failed: HTTP ${res.status}`);
  return body.access_token;
}

/**
 * The baseline: a plain sequential loop, one `POST …/assignments/{id}/reprocess` per item with a bearer token,
 * over the same emulator (same latency), on the first `sample` ids.
 */
export async function sequentialBaseline(
  sandbox: Sandbox,
  user: SandboxUser,
  ids: readonly string[],
  sample: number,
): Promise<BaselineResult> {
  const token = await oboToken(sandbox, user);
  const base = `${sandbox.graph.url}/v1.0/identityGovernance/entitlementManagement/assignments`;
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  let accepted = 0;
  const started = performance.now();
  for (const id of ids.slice(0, sample)) {
    const res = await fetch(`${base}/${encodeURIComponent(id)}/reprocess`, { method: 'POST', headers, body: '{}' });
    await res.arrayBuffer();
    if (res.status === 202) accepted++;
  }
  return { sample: Math.min(sample, ids.length), accepted, elapsedMs: performance.now() - started };
}
