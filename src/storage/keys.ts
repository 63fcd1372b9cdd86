/**
 * A storage key (or blob name) from its parts, each encoded so no part can run into the next: `a:x` + `1/2` and
 * `a:x/1` + `2` are different keys. The encoding is total (lone surrogates and any other code unit included, so a
 * hostile id never throws) and one-to-one: every code unit but `A-Z a-z 0-9 _ . -` becomes `%` and four hex digits.
 */
export function storageKey(...parts: string[]): string {
  return parts.map(encodePart).join('/');
}

/** One part of a {@link storageKey}. GUIDs come out unchanged. */
export function encodePart(part: string): string {
  return part.replace(/[^A-Za-z0-9_.-]/g, (unit) => `%${unit.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The inverse of {@link encodePart}. */
export function decodePart(encoded: string): string {
  return encoded.replace(/%([0-9a-f]{4})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}
