import type { AccessToken, GetTokenOptions, OnBehalfOfCredential, TokenCredential } from '@azure/identity';
import { createOnBehalfOfCredential, type OboClientAuth } from './client-credential';
import type { Logger } from 'pino';
import type { BotStore } from '../storage/store';
import { CredentialError, type CredentialFailure } from '../graph/types';
import { classifyOboError } from './errors';
import { readClaims } from './jwt-claims';
import { SignOuts } from './sign-outs';

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
export type ExchangeResult = { kind: 'ok'; upn?: string } | { kind: 'wrongUser' } | CredentialFailure;

// Renew a little before expiry so a token never dies between the check and Graph receiving it.
const EXPIRY_MARGIN_MS = 2 * 60_000;
// Each cached credential holds its own MSAL client (~27 KB). Far more admins than act within one token lifetime;
// the least recently used beyond this signs in again (silently, in a 1:1 chat).
const MAX_CACHED_USERS = 1_000;
// Expired credentials are dropped when touched; this pass drops the ones nobody touches again.
const SWEEP_INTERVAL_MS = 60_000;
// A bulk job uses one credential for many minutes: it reads the sign-out record again this often.
const SIGN_OUT_RECHECK_MS = 60_000;

/** One user's delegated credential: OBO over their SSO token, with the Graph token cached until it expires. */
class CachedOboCredential implements TokenCredential {
  private token?: AccessToken;
  private readonly obo: OnBehalfOfCredential;
  readonly obtainedAt = Date.now();

  constructor(
    settings: OboSettings,
    private readonly user: string,
    private readonly assertionExpiresAt: number,
    assertion: string,
    private readonly signOuts: SignOuts,
    readonly upn?: string,
  ) {
    this.obo = createOnBehalfOfCredential(settings, assertion);
  }

  /** True while Graph can be called without asking Teams for a new SSO token. */
  usable(now = Date.now()): boolean {
    if (now - this.obtainedAt >= SignOuts.MAX_CREDENTIAL_AGE_MS) return false;
    return this.fresh(now) || this.assertionExpiresAt - EXPIRY_MARGIN_MS > now;
  }

  /** True when the user signed out (on any instance) after this credential was obtained. */
  signedOut(): Promise<boolean> {
    return this.signOuts.since(this.user, this.obtainedAt);
  }

  /** The Graph token, cached until shortly before it expires. */
  async getToken(scopes: string | string[], options?: GetTokenOptions): Promise<AccessToken> {
    if (this.token && this.fresh(Date.now())) return this.token;
    try {
      const token = await this.obo.getToken(scopes, options);
      this.token = token;
      return token;
    } catch (error) {
      throw new CredentialError(classifyOboError(error));
    }
  }

  private fresh(now: number): boolean {
    return this.token !== undefined && this.token.expiresOnTimestamp - EXPIRY_MARGIN_MS > now;
  }
}

/**
 * One command's (or one bulk job's) use of a cached credential. The shared sign-out record is read at its first
 * Graph call, not at every one (a `status` makes up to 11), and again at most once a minute during a long job; a
 * `signout` handled by another instance stops the next command, as it does on this one.
 */
class CredentialUse implements TokenCredential {
  private check?: { at: number; signedOut: Promise<boolean> };

  constructor(private readonly credential: CachedOboCredential) {}

  async getToken(scopes: string | string[], options?: GetTokenOptions): Promise<AccessToken> {
    const now = Date.now();
    if (!this.check || now - this.check.at >= SIGN_OUT_RECHECK_MS)
      this.check = { at: now, signedOut: this.credential.signedOut() };
    if (await this.check.signedOut) throw new CredentialError({ kind: 'signInRequired' });
    return this.credential.getToken(scopes, options);
  }
}

/**
 * Per-user delegated credentials, keyed by the Teams user's Entra object id. Memory only: a token is never
 * stored at rest; after a restart Teams' silent SSO gets a new one. Bounded: least recently used first out, and a
 * periodic sweep drops credentials past their own expiry.
 */
export class UserCredentials {
  // A Map iterates in insertion order; re-inserting on use keeps the least recently used first.
  private readonly byUser = new Map<string, CachedOboCredential>();
  private readonly signOuts: SignOuts;
  private readonly sweeper: NodeJS.Timeout;

  constructor(
    private readonly settings: OboSettings,
    private readonly log: Logger,
    store: BotStore,
  ) {
    this.signOuts = new SignOuts(store);
    this.sweeper = setInterval(() => this.sweep(), SWEEP_INTERVAL_MS);
    // The sweep must never keep the process alive on its own.
    this.sweeper.unref();
  }

  /** Exchanges the SSO token (On-Behalf-Of) now, so failures surface at sign-in rather than mid-command. */
  async exchange(aadObjectId: string, ssoToken: string): Promise<ExchangeResult> {
    const claims = readClaims(ssoToken);
    // A token minted for someone else must not become this Teams user's credential.
    if (!claims?.oid || claims.oid !== aadObjectId) return { kind: 'wrongUser' };
    const credential = new CachedOboCredential(
      this.settings,
      aadObjectId,
      (claims.exp ?? 0) * 1000,
      ssoToken,
      this.signOuts,
      claims.upn,
    );
    try {
      await credential.getToken(this.settings.scopes);
    } catch (error) {
      const failure = error instanceof CredentialError ? error.failure : classifyOboError(error);
      this.log.warn({ user: aadObjectId, scopes: this.settings.scopes, failure }, 'on-behalf-of exchange failed');
      return failure;
    }
    this.remember(aadObjectId, credential);
    this.log.info({ user: aadObjectId, scopes: this.settings.scopes }, 'on-behalf-of exchange succeeded');
    return { kind: 'ok', upn: claims.upn };
  }

  /** The user's credential for one command or job, if it can still reach Graph without a new sign-in. */
  get(aadObjectId: string | undefined): TokenCredential | undefined {
    const credential = this.live(aadObjectId);
    if (!credential || !aadObjectId) return undefined;
    this.remember(aadObjectId, credential);
    return new CredentialUse(credential);
  }

  /** The UPN from the user's SSO token, shown as "who acted" on cards. */
  upnOf(aadObjectId: string | undefined): string | undefined {
    return this.live(aadObjectId)?.upn;
  }

  /** Forgets the user's credential here (Graph refused the token). */
  forget(aadObjectId: string | undefined): boolean {
    return aadObjectId ? this.byUser.delete(aadObjectId) : false;
  }

  /** `signout`: forgets the credential here and records the sign-out, so every instance stops using older ones. */
  async signOut(aadObjectId: string | undefined): Promise<void> {
    if (!aadObjectId) return;
    this.byUser.delete(aadObjectId);
    await this.signOuts.record(aadObjectId);
  }

  /** How many users have a cached credential (bounded by the LRU limit and the sweep). */
  get size(): number {
    return this.byUser.size;
  }

  /** Drops every credential past its own expiry; returns how many. */
  sweep(now = Date.now()): number {
    let removed = 0;
    for (const [user, credential] of this.byUser) {
      if (credential.usable(now)) continue;
      this.byUser.delete(user);
      removed++;
    }
    return removed;
  }

  /** Stops the periodic sweep (shutdown). */
  close(): void {
    clearInterval(this.sweeper);
  }

  private live(aadObjectId: string | undefined): CachedOboCredential | undefined {
    const credential = aadObjectId ? this.byUser.get(aadObjectId) : undefined;
    if (credential?.usable()) return credential;
    if (credential && aadObjectId) this.byUser.delete(aadObjectId);
    return undefined;
  }

  private remember(aadObjectId: string, credential: CachedOboCredential): void {
    this.byUser.delete(aadObjectId);
    this.byUser.set(aadObjectId, credential);
    for (const oldest of this.byUser.keys()) {
      if (this.byUser.size <= MAX_CACHED_USERS) break;
      this.byUser.delete(oldest);
    }
  }
}
