import { LIFETIME_SECONDS, managedIdentityClaims, type ManagedIdentity } from './entra-claims';
import type { EntraState } from './entra-token';
import { signJwt } from './jwt';

/** A managed identity's token, or Entra's refusal (AADSTS text) when the identity or the resource is unknown. */
export type ManagedIdentityToken = { token: string; expiresOn: number } | { error: string; description: string };

// Resources a managed identity may ask for here; Entra answers AADSTS500011 for a resource it does not know.
const MI_RESOURCES = new Set([
  'https://api.botframework.com',
  'https://storage.azure.com',
  'api://AzureADTokenExchange',
]);

/** Signs `identity`'s token for `resource`, as Entra issues it to the platform's identity endpoint. */
export function managedIdentityToken(
  state: EntraState,
  identities: ManagedIdentity[],
  clientId: string,
  resource: string,
): ManagedIdentityToken {
  const identity = identities.find((i) => i.clientId.toLowerCase() === clientId.toLowerCase());
  if (!identity)
    return {
      error: 'invalid_request',
      description: `Identity with client id '${clientId}' is not assigned to this resource.`,
    };
  if (!MI_RESOURCES.has(resource)) {
    // Wording captured in AzureAD/microsoft-identity-web#2796.
    const description = `AADSTS500011: The resource principal named ${resource} was not found in the tenant named ${state.tenantId}. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You might have sent your authentication request to the wrong tenant.`;
    return { error: 'invalid_resource', description };
  }
  const claims = managedIdentityClaims(state, identity, resource);
  return {
    token: signJwt(claims, state.key),
    expiresOn: Number(claims['exp'] ?? Math.floor(Date.now() / 1000) + LIFETIME_SECONDS),
  };
}
