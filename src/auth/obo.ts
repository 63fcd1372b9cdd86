import type { AccessToken, GetTokenOptions, OnBehalfOfCredential, TokenCredential } from '@azure/identity';
import { createOnBehalfOfCredential, type OboClientAuth } from './client-credential';
import type { Logger } from 'pino';
import { classifyOboError, OboError, type OboFailure } from './errors';
import { readClaims } from './jwt-claims';

/** What On-Behalf-Of needs: the SSO app's credentials and where Entra is. */
export interface OboSettings {
  tenantId: string;
  clientId: string;
  /** Client secret, certificate, or a managed identity's federated assertion (see client-credential.ts). */
  clientAuth: OboClientAuth;
  authorityHost: string;
  /** Delegated Graph scopes, e.g. `https://graph.microsoft.com/EntitlementManagement.ReadWrite.All`. */
  scopes: string[];
}

/** Outcome of exchanging a Teams SSO token for a Graph credential. */
export type ExchangeResult = { kind: 'ok'; upn?: string } | { kind: 'wrongUser' } | OboFailure;

// Renew a little before expiry so a token never dies between the check and Graph receiving it.
const EXPIRY_MARGIN_MS = 2 * 60_000;

/** One user's delegated credential: OBO over their SSO token, with the Graph token cached until it expires. */
class CachedOboCredential implements TokenCredential {
  private token?: AccessToken;
  private readonly obo: OnBehalfOfCredential;

  constructor(settings: OboSettings, readonly assertionExpiresAt: number, assertion: string, readonly upn?: string) {
    this.obo = createOnBehalfOfCredential(settings, assertion);
  }

  /** True while Graph can be called without asking Teams for a new SSO token. */
  usable(now = Date.now()): boolean {
    return this.fresh(now) || this.assertionExpiresAt - EXPIRY_MARGIN_MS > now;
  }

  async getToken(scopes: string | string[], options?: GetTokenOptions): Promise<AccessToken> {
    if (this.token && this.fresh(Date.now())) return this.token;
    try {
      const token = await this.obo.getToken(scopes, options);
      this.token = token;
      return token;
    } catch (error) {
      throw new OboError(classifyOboError(error));
    }
  }

  private fresh(now: number): boolean {
    return this.token !== undefined && this.token.expiresOnTimestamp - EXPIRY_MARGIN_MS > now;
  }
}

/**
 * Per-user delegated credentials, keyed by the Teams user's Entra object id. Memory only: a token is never
 * stored at rest; after a restart Teams' silent SSO gets a new one.
 */
export class UserCredentials {
  private readonly byUser = new Map<string, CachedOboCredential>();

  constructor(private readonly settings: OboSettings, private readonly log: Logger) {}

  /** Exchanges the SSO token (On-Behalf-Of) now, so failures surface at sign-in rather than mid-command. */
  async exchange(aadObjectId: string, ssoToken: string): Promise<ExchangeResult> {
    const claims = readClaims(ssoToken);
    // A token minted for someone else must not become this Teams user's credential.
    if (!claims?.oid || claims.oid !== aadObjectId) return { kind: 'wrongUser' };
    const credential = new CachedOboCredential(this.settings, (claims.exp ?? 0) * 1000, ssoToken, claims.upn);
    try {
      await credential.getToken(this.settings.scopes);
    } catch (error) {
      const failure = error instanceof OboError ? error.failure : classifyOboError(error);
      this.log.warn({ user: aadObjectId, scopes: this.settings.scopes, failure }, 'on-behalf-of exchange failed');
      return failure;
    }
    this.byUser.set(aadObjectId, credential);
    this.log.info({ user: aadObjectId, scopes: this.settings.scopes }, 'on-behalf-of exchange succeeded');
    return { kind: 'ok', upn: claims.upn };
  }

  /** The user's credential if it can still reach Graph without a new sign-in. */
  get(aadObjectId: string | undefined): TokenCredential | undefined {
    if (!aadObjectId) return undefined;
    const credential = this.byUser.get(aadObjectId);
    if (credential?.usable()) return credential;
    if (credential) this.byUser.delete(aadObjectId);
    return undefined;
  }

  /** The UPN from the user's SSO token, shown as "who acted" on cards. */
  upnOf(aadObjectId: string | undefined): string | undefined {
    return aadObjectId ? this.byUser.get(aadObjectId)?.upn : undefined;
  }

  /** Forgets the user's credential (`signout`, or Graph refused the token). */
  forget(aadObjectId: string | undefined): boolean {
    return aadObjectId ? this.byUser.delete(aadObjectId) : false;
  }
}
