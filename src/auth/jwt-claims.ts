/** Claims the bot reads from the Teams SSO token before handing it to Entra (which verifies it). */
export interface SsoClaims {
  oid?: string;
  tid?: string;
  exp?: number;
  upn?: string;
  name?: string;
}

/**
 * Decodes a JWT payload without verifying it. Only used to bind an SSO token to the Teams user who sent it
 * and to know when it expires; Entra verifies the signature during On-Behalf-Of.
 */
export function readClaims(token: string): SsoClaims | undefined {
  const part = token.split('.')[1];
  if (!part) return undefined;
  try {
    const claims: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return typeof claims === 'object' && claims !== null ? (claims as SsoClaims) : undefined;
  } catch {
    return undefined;
  }
}
