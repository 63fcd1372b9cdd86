import { createHash, generateKeyPairSync, type KeyObject } from 'node:crypto';

/** A public RSA signing key as published in a JWKS document. */
export interface PublicJwk {
  kty: 'RSA';
  use: 'sig';
  kid: string;
  x5t: string;
  n: string;
  e: string;
  /** Bot Framework only: channels allowed to use this key. */
  endorsements?: string[];
  /** Entra only: issuer template the key signs for. */
  issuer?: string;
}

/** An RSA key pair with the `kid` its tokens carry. */
export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
  jwk: PublicJwk;
}

/** Generates an RSA-2048 signing key; its `kid` (and `x5t`) is the SHA-1 thumbprint of the public key, as Entra's are. */
export function createSigningKey(): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = createHash('sha1')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('base64url');
  const { n, e } = publicKey.export({ format: 'jwk' });
  if (!n || !e) throw new Error('RSA public key export lacks n/e');
  return { kid, privateKey, publicKey, jwk: { kty: 'RSA', use: 'sig', kid, x5t: kid, n, e } };
}

/** The JWKS document (`{keys:[…]}`) for `keys`, each key extended with `extra` fields. */
export function toJwks(keys: SigningKey[], extra: Partial<PublicJwk> = {}): { keys: PublicJwk[] } {
  return { keys: keys.map((key) => ({ ...key.jwk, ...extra })) };
}
