import type { EntitlementGateway } from '../graph/entitlement';
import type { AccessPackageView } from '../graph/types';
import type { FailedCall } from './failures';

/** Longest name searched for; Graph's display names are short, and a pasted paragraph is not a name. */
export const MAX_PACKAGE_NAME = 256;

/** What a name typed after `reprocess package` found. */
export type PackageLookup =
  | { kind: 'one'; package: AccessPackageView }
  | { kind: 'several'; packages: AccessPackageView[] }
  | { kind: 'none' }
  | { kind: 'tooLong' }
  | { kind: 'failed'; call: FailedCall };

/**
 * Finds the access package an admin means by `name`, among those their role may read: the packages whose name
 * contains it (Graph's documented search, case-insensitive). One exact name (case-insensitive) wins over names
 * that merely contain it; otherwise one match is the package, several are a choice, sorted by name.
 */
export async function findPackageByName(gateway: EntitlementGateway, name: string): Promise<PackageLookup> {
  const wanted = name.trim();
  if (wanted.length > MAX_PACKAGE_NAME) return { kind: 'tooLong' };
  const found = await gateway.findAccessPackages(wanted);
  if (!found.ok) return { kind: 'failed', call: found };
  const matches = found.value.packages;
  const exact = matches.filter((p) => (p.displayName ?? '').toLowerCase() === wanted.toLowerCase());
  const candidates = exact.length > 0 ? exact : matches;
  if (candidates.length === 0) return { kind: 'none' };
  if (candidates.length === 1 && candidates[0]) return { kind: 'one', package: candidates[0] };
  return { kind: 'several', packages: [...candidates].sort(byName) };
}

const byName = (a: AccessPackageView, b: AccessPackageView) =>
  (a.displayName ?? a.id).localeCompare(b.displayName ?? b.id) || a.id.localeCompare(b.id);
