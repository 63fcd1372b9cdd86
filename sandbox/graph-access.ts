import { MANAGER_ROLES, READER_ROLES, type TenantData, type TenantUser } from './graph-data';
import { graphError } from './graph-errors';
import type { SandboxResponse } from './router';

/** What a call needs: reading, or writing (reprocess: Access Package Assignment Manager or higher). */
export type Level = 'read' | 'write';

const rolesFor = (level: Level) => (level === 'write' ? MANAGER_ROLES : READER_ROLES);

/** True when the caller holds a `level` role at the directory scope (every catalog). */
export function tenantWide(caller: TenantUser | undefined, level: Level): boolean {
  return caller?.roles.some((role) => rolesFor(level).includes(role)) ?? false;
}

/** True when the caller may act at `level` in `catalogId` (directory-scope or that catalog's role). */
export function allowedIn(caller: TenantUser | undefined, catalogId: string | undefined, level: Level): boolean {
  if (tenantWide(caller, level)) return true;
  const roles = catalogId ? (caller?.catalogRoles?.[catalogId] ?? []) : [];
  return roles.some((role) => rolesFor(level).includes(role));
}

/** True when the caller holds any entitlement-management role for `level`, anywhere. */
export function hasAnyRole(caller: TenantUser | undefined, level: Level): boolean {
  return (
    tenantWide(caller, level) ||
    Object.keys(caller?.catalogRoles ?? {}).some((catalogId) => allowedIn(caller, catalogId, level))
  );
}

/** Graph's 403 for a caller without the role: `UnAuthorized` (FIELD-NOTES; the bot branches on the status only). */
export function unauthorized(what: string): SandboxResponse {
  return graphError(403, 'UnAuthorized', `The signed-in user is not authorized to ${what}.`);
}

/** The catalog of an access package, if it exists. */
export function catalogOf(data: TenantData, accessPackageId: string): string | undefined {
  return data.accessPackages.find((p) => p.id.toLowerCase() === accessPackageId.toLowerCase())?.catalogId;
}

/**
 * Which catalogs a list call may see. A directory-wide administrator sees all. A caller "assigned only to
 * catalog-specific delegated administrative roles" must filter on `accessPackage/id` (entitlementmanagement-list-
 * assignments.md and -list-assignmentrequests.md, "Query parameters"): without that filter, or for a package
 * outside their catalogs, the call is refused with 403.
 */
export function listScope(
  data: TenantData,
  caller: TenantUser | undefined,
  accessPackageId: string | undefined,
): { catalogs: 'all' | Set<string> } | { refusal: SandboxResponse } {
  if (tenantWide(caller, 'read')) return { catalogs: 'all' };
  if (accessPackageId === undefined) {
    return {
      refusal: unauthorized(
        'list across catalogs: a caller with only catalog-scoped roles must filter on accessPackage/id',
      ),
    };
  }
  const catalogId = catalogOf(data, accessPackageId);
  if (!allowedIn(caller, catalogId, 'read'))
    return { refusal: unauthorized(`read access package '${accessPackageId}'`) };
  return { catalogs: new Set([catalogId ?? '']) };
}
