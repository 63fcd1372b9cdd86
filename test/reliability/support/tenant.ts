import { DEMO, demoTenant, type TenantData } from '../../../sandbox/graph-data';
import type { TestUser } from '../../support/harness';

/** One command's own assignment and request, so faults injected by path hit exactly that command. */
export interface Slot {
  assignmentId: string;
  requestId: string;
}

const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');

/** The ids of slot `i`: a delivered assignment and a deliveryFailed request of it. */
export function slot(i: number): Slot {
  return {
    assignmentId: `a55a${hex(i, 4)}-0000-4000-8000-${hex(i, 12)}`,
    requestId: `a55b${hex(i, 4)}-0000-4000-8000-${hex(i, 12)}`,
  };
}

/** A directory user of the reliability tenant: `kind` names the group, `i` the member. */
export function tenantUser(kind: 'admin' | 'newcomer', i: number): TestUser {
  const group = kind === 'admin' ? 'ad' : 'ne';
  return {
    oid: `0d0d${hex(i, 4)}-${kind === 'admin' ? '0a0a' : '0e0e'}-4000-8000-${hex(i, 12)}`,
    name: `Reliability ${group} ${i}`,
    upn: `rel-${group}-${i}@contoso.example`,
  };
}

/**
 * The demo tenant plus `slots` delivered assignments (each with one failed request), `admins` signed-in
 * Entitlement Management admins and `newcomers` (same role) who are not signed in yet.
 */
export function reliabilityTenant(opts: { slots: number; admins: number; newcomers: number }): TenantData {
  const data = demoTenant('');
  const users = [
    ...Array.from({ length: opts.admins }, (_, i) => tenantUser('admin', i)),
    ...Array.from({ length: opts.newcomers }, (_, i) => tenantUser('newcomer', i)),
  ];
  for (const u of users)
    data.users.push({
      id: u.oid,
      displayName: u.name,
      userPrincipalName: u.upn,
      mail: u.upn,
      roles: ['EntitlementManagementAdmin'],
    });
  // Graph reprocesses only requests completed within the last 14 days.
  const yesterday = new Date(Date.now() - 24 * 60 * 60_000).toISOString();
  for (let i = 0; i < opts.slots; i++) {
    const { assignmentId, requestId } = slot(i);
    data.assignments.push({
      id: assignmentId,
      state: 'delivered',
      status: 'Delivered',
      targetId: DEMO.users.diego.oid,
      accessPackageId: DEMO.accessPackages.sales,
    });
    data.requests.push({
      id: requestId,
      assignmentId,
      requestType: 'adminAdd',
      state: 'deliveryFailed',
      status: 'DeliveryFailed',
      createdDateTime: yesterday,
    });
  }
  return data;
}

/** The admins of a reliability tenant. */
export function admins(n: number): TestUser[] {
  return Array.from({ length: n }, (_, i) => tenantUser('admin', i));
}
