import {
  ManagedIdentityCredential,
  OnBehalfOfCredential,
  type AccessToken,
  type TokenCredential,
} from '@azure/identity';
import type { AppCredential } from '../config';

/** How the SSO app authenticates its On-Behalf-Of requests; built once, shared by every user's credential. */
export type OboClientAuth =
  { clientSecret: string } | { certificatePath: string } | { getAssertion: () => Promise<string> };

/** Where the SSO app is and how it authenticates. */
export interface OboClient {
  tenantId: string;
  clientId: string;
  authorityHost: string;
  clientAuth: OboClientAuth;
}

/** The audience Entra expects of a federated client assertion (a federated identity credential's `audiences`). */
export const TOKEN_EXCHANGE_SCOPE = 'api://AzureADTokenExchange/.default';
// An assertion must still be valid when Entra checks it; renewing early also covers clock skew.
const ASSERTION_MARGIN_MS = 5 * 60_000;

/**
 * A managed identity's token for `api://AzureADTokenExchange`, used as the SSO app's client assertion. Kept until
 * shortly before it expires, and fetched once however many users sign in at the same moment.
 */
export class FederatedAssertion {
  private cached?: AccessToken;
  private pending?: Promise<string>;

  constructor(
    private readonly source: TokenCredential,
    private readonly now: () => number = Date.now,
  ) {}

  get(): Promise<string> {
    if (this.cached && this.cached.expiresOnTimestamp - ASSERTION_MARGIN_MS > this.now())
      return Promise.resolve(this.cached.token);
    this.pending ??= this.fetch().finally(() => (this.pending = undefined));
    return this.pending;
  }

  private async fetch(): Promise<string> {
    const token = await this.source.getToken(TOKEN_EXCHANGE_SCOPE);
    if (!token) throw new Error('The managed identity returned no token for api://AzureADTokenExchange');
    this.cached = token;
    return token.token;
  }
}

/** The OBO client authentication for the configured credential; a managed identity is reached via its platform endpoint. */
export function oboClientAuth(credential: AppCredential): OboClientAuth {
  switch (credential.kind) {
    case 'secret':
      return { clientSecret: credential.secret };
    case 'certificate':
      return { certificatePath: credential.path };
    case 'managedIdentity': {
      const assertion = new FederatedAssertion(new ManagedIdentityCredential({ clientId: credential.clientId }));
      return { getAssertion: () => assertion.get() };
    }
  }
}

/** One user's On-Behalf-Of credential over their SSO token. */
export function createOnBehalfOfCredential(client: OboClient, userAssertionToken: string): OnBehalfOfCredential {
  // Instance discovery only knows Microsoft's hosts; it would fail for a sovereign cloud or the sandbox.
  const common = {
    tenantId: client.tenantId,
    clientId: client.clientId,
    userAssertionToken,
    authorityHost: client.authorityHost,
    disableInstanceDiscovery: true,
  };
  const auth = client.clientAuth;
  if ('clientSecret' in auth) return new OnBehalfOfCredential({ ...common, clientSecret: auth.clientSecret });
  if ('certificatePath' in auth) return new OnBehalfOfCredential({ ...common, certificatePath: auth.certificatePath });
  return new OnBehalfOfCredential({ ...common, getAssertion: auth.getAssertion });
}
