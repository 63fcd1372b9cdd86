/** Entitlement-management ids: GUIDs, which admins paste from the portal in braces or upper case. */

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True for a canonical GUID. */
export function isGuid(text: string): boolean {
  return GUID.test(text);
}

/** The id as Graph keys it: trimmed, braces removed, lower case; anything that is not a GUID is returned trimmed. */
export function normalizeId(text: string): string {
  const bare = text.trim().replace(/^\{(.*)\}$/, '$1');
  return isGuid(bare) ? bare.toLowerCase() : text.trim();
}
