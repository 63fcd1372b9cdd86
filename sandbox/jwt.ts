import { createPublicKey, randomUUID, sign, verify } from 'node:crypto';
import type { PublicJwk, SigningKey } from './keys';

/** JWT claims (payload). */
export type Claims = Record<string, unknown>;

/** A JWT split into its decoded parts. */
export interface DecodedJwt {
  header: Claims;
  payload: Claims;
  signingInput: string;
  signature: Buffer;
}

/** Why a token was refused; `reason` is stable, the message is for people. */
export class JwtError extends Error {
  constructor(
    readonly reason:
      'malformed' | 'algorithm' | 'unknownKey' | 'signature' | 'expired' | 'notYetValid' | 'audience' | 'issuer',
    message: string,
  ) {
    super(message);
    this.name = 'JwtError';
  }
}

/** Signs `claims` with RS256 (header carries `kid`/`x5t`), or returns an unsigned `alg: none` token when `key` is null. */
export function signJwt(claims: Claims, key: SigningKey | null, kid = key?.kid): string {
  const header = key ? { typ: 'JWT', alg: 'RS256', kid, x5t: kid } : { typ: 'JWT', alg: 'none', kid };
  const input = `${base64url(header)}.${base64url(claims)}`;
  if (!key) return `${input}.`;
  return `${input}.${sign('sha256', Buffer.from(input), key.privateKey).toString('base64url')}`;
}

/** Decodes a compact JWT without verifying it; `undefined` when it is not one. */
export function decodeJwt(token: string): DecodedJwt | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  try {
    const header = JSON.parse(Buffer.from(parts[0] ?? '', 'base64url').toString('utf8')) as unknown;
    const payload = JSON.parse(Buffer.from(parts[1] ?? '', 'base64url').toString('utf8')) as unknown;
    if (!isObject(header) || !isObject(payload)) return undefined;
    return {
      header,
      payload,
      signingInput: `${parts[0]}.${parts[1]}`,
      signature: Buffer.from(parts[2] ?? '', 'base64url'),
    };
  } catch {
    return undefined;
  }
}

/** What `verifyJwt` checks besides the signature. */
export interface JwtExpectations {
  audience?: string | string[];
  issuer?: string | ((claims: Claims) => string);
  clockSkewSeconds?: number;
}

/** Verifies an RS256 JWT against `keys` (by `kid`), its lifetime, audience and issuer; returns the claims or throws JwtError. */
export function verifyJwt(token: string, keys: PublicJwk[], expect: JwtExpectations = {}): Claims {
  const jwt = decodeJwt(token);
  if (!jwt) throw new JwtError('malformed', 'The token is not a well-formed JWT.');
  if (jwt.header['alg'] !== 'RS256')
    throw new JwtError('algorithm', `Signing algorithm '${String(jwt.header['alg'])}' is not allowed.`);
  const jwk = keys.find((k) => k.kid === jwt.header['kid']);
  if (!jwk) throw new JwtError('unknownKey', `Signing key '${String(jwt.header['kid'])}' is not published.`);
  const publicKey = createPublicKey({ key: { kty: jwk.kty, n: jwk.n, e: jwk.e }, format: 'jwk' });
  if (!verify('sha256', Buffer.from(jwt.signingInput), publicKey, jwt.signature)) {
    throw new JwtError('signature', 'The token signature is invalid.');
  }
  checkClaims(jwt.payload, expect);
  return jwt.payload;
}

function checkClaims(claims: Claims, expect: JwtExpectations): void {
  const now = Math.floor(Date.now() / 1000);
  const skew = expect.clockSkewSeconds ?? 300;
  if (typeof claims['exp'] !== 'number' || claims['exp'] + skew < now)
    throw new JwtError('expired', 'The token is expired.');
  if (typeof claims['nbf'] === 'number' && claims['nbf'] - skew > now)
    throw new JwtError('notYetValid', 'The token is not yet valid.');
  const audiences = expect.audience === undefined ? undefined : [expect.audience].flat();
  if (audiences && !audiences.includes(String(claims['aud']))) {
    throw new JwtError(
      'audience',
      `Invalid audience '${String(claims['aud'])}'; expected '${audiences.join("' or '")}'.`,
    );
  }
  const issuer = typeof expect.issuer === 'function' ? expect.issuer(claims) : expect.issuer;
  if (issuer !== undefined && claims['iss'] !== issuer) {
    throw new JwtError('issuer', `Invalid issuer '${String(claims['iss'])}'; expected '${issuer}'.`);
  }
}

/** Standard time claims for a token valid from now (minus 5 minutes, as Entra issues) for `seconds`. */
export function lifetimeClaims(seconds: number): { iat: number; nbf: number; exp: number; uti: string } {
  const now = Math.floor(Date.now() / 1000);
  const start = Math.min(now, now + seconds) - 300;
  return { iat: start, nbf: start, exp: now + seconds, uti: randomUUID().replace(/-/g, '').slice(0, 22) };
}

function base64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

function isObject(value: unknown): value is Claims {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
