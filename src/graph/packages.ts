import type { PageCall } from './bulk';
import type { AccessPackageView, GraphResult } from './types';

/** Pages of matches read at most: a name that matches more packages than that is too vague to offer as a choice. */
export const MAX_PACKAGE_PAGES = 5;

/** Access packages whose name matched, and whether Graph had more pages than were read. */
export interface PackageMatches {
  packages: AccessPackageView[];
  truncated: boolean;
}

/**
 * An OData string literal: a single quote inside it is doubled (OData ABNF `SQUOTE-in-string`; Graph's
 * query-parameters page, "Escaping single quotes"), so a name such as `O'Brien's team` stays one literal.
 */
export function odataString(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

/**
 * The documented name search of `GET …/accessPackages` (entitlementmanagement-list-accesspackages.md: "$select and
 * $filter … `$filter=contains(tolower(displayName),'team')`"): the needle is lower-cased here, because `tolower`
 * applies to the property only. No `$top` or `$orderby` is documented for this list.
 */
export function packageSearchQuery(name: string): string {
  const filter = `contains(tolower(displayName),${odataString(name.toLowerCase())})`;
  return `$filter=${encodeURIComponent(filter)}&$select=id,displayName`;
}

/** Reads the matches page by page (`@odata.nextLink`, a page may be small), at most {@link MAX_PACKAGE_PAGES}. */
export async function readPackages(firstPath: string, get: PageCall): Promise<GraphResult<PackageMatches>> {
  const packages: AccessPackageView[] = [];
  let next: string | undefined = firstPath;
  let ids: Extract<GraphResult<unknown>, { ok: true }>['ids'] = { clientRequestId: '' };
  for (let pages = 0; next && pages < MAX_PACKAGE_PAGES; pages++) {
    const page = await get(next);
    if (!page.ok) return page;
    ids = page.ids;
    for (const item of page.value.items) {
      const p = item as { id?: unknown; displayName?: unknown };
      if (typeof p.id === 'string')
        packages.push({ id: p.id, ...(typeof p.displayName === 'string' ? { displayName: p.displayName } : {}) });
    }
    next = page.value.next;
  }
  return { ok: true, value: { packages, truncated: next !== undefined }, ids };
}
