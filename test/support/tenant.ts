import { DEMO, demoTenant, type TenantData } from '../../sandbox/graph-data';

/** The `i`-th generated assignment id of a series: `<prefix>-<i, 4 digits>-4000-8000-000000000000`. */
export const seriesId = (prefix: string, i: number) => `${prefix}-${String(i).padStart(4, '0')}-4000-8000-000000000000`;

export interface ExtraPackage {
  /** Eight hex digits every generated assignment id starts with. */
  prefix: string;
  /** How many Delivered assignments to add. */
  count: number;
  /** A new access package (in the demo's general catalog) to hold them; an existing package id otherwise. */
  package: { id: string; displayName: string } | string;
  /** Whose assignments they are (Diego unless told). */
  targetId?: string;
}

/** The demo tenant plus `count` Delivered assignments in one access package, for bulk jobs of a given size. */
export function demoTenantWith(extra: ExtraPackage): TenantData {
  const data = demoTenant('');
  const accessPackageId = typeof extra.package === 'string' ? extra.package : extra.package.id;
  if (typeof extra.package !== 'string')
    data.accessPackages.push({ ...extra.package, catalogId: DEMO.catalogs.general });
  for (let i = 0; i < extra.count; i++) {
    data.assignments.push({
      id: seriesId(extra.prefix, i),
      state: 'delivered',
      status: 'Delivered',
      targetId: extra.targetId ?? DEMO.users.diego.oid,
      accessPackageId,
    });
  }
  return data;
}
