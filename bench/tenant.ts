import { demoTenant, SANDBOX_TENANT_ID, type SandboxUser, type TenantData } from '../sandbox';

/** An access package of delivered assignments the bench reprocesses. */
export interface BenchPackage {
  id: string;
  assignmentIds: string[];
}

/** A generated tenant: the demo tenant plus admins and packages of delivered assignments. */
export interface BenchTenant {
  data: TenantData;
  /** Users with the EntitlementManagementAdmin role (allowed to reprocess). */
  admins: SandboxUser[];
  packages: BenchPackage[];
}

const guid = (prefix: string, i: number) => `${prefix}-0000-4000-8000-${String(i).padStart(12, '0')}`;

/** The demo tenant plus `admins` admin users and one package of delivered assignments per entry of `packages` (its size). */
export function benchTenant(opts: { admins: number; packages: number[] }): BenchTenant {
  const data = demoTenant(SANDBOX_TENANT_ID);
  const admins = Array.from({ length: opts.admins }, (_, i): SandboxUser => ({
    oid: guid('ad0ad0ad', i),
    name: `Bench Admin ${i + 1}`,
    upn: `bench.admin${i + 1}@contoso.example`,
  }));
  for (const admin of admins) {
    data.users.push({
      id: admin.oid,
      displayName: admin.name,
      userPrincipalName: admin.upn,
      mail: admin.upn,
      roles: ['EntitlementManagementAdmin'],
    });
  }
  const target = data.users[3]?.id ?? '';
  const packages = opts.packages.map((size, p): BenchPackage => {
    const id = guid(`9e9e9e${String(p).padStart(2, '0')}`, 0);
    data.accessPackages.push({
      id,
      displayName: `Bench package ${p + 1}`,
      catalogId: data.accessPackages[0]?.catalogId ?? '',
    });
    const assignmentIds = Array.from({ length: size }, (_, i) => guid(`9d9d9d${String(p).padStart(2, '0')}`, i));
    for (const assignmentId of assignmentIds) {
      data.assignments.push({
        id: assignmentId,
        state: 'delivered',
        status: 'Delivered',
        targetId: target,
        accessPackageId: id,
      });
    }
    return { id, assignmentIds };
  });
  return { data, admins, packages };
}
