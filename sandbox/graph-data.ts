import type { SandboxUser } from './entra-claims';

/** `accessPackageAssignment.state` (v1.0 spelling). */
export type AssignmentState = 'delivering' | 'partiallyDelivered' | 'delivered' | 'expired' | 'deliveryFailed';

/** A directory user with its entitlement-management roles (empty = plain user). */
export interface TenantUser {
  id: string;
  displayName: string;
  userPrincipalName: string;
  mail?: string;
  roles: string[];
}

/** An access package in a catalog. */
export interface AccessPackage {
  id: string;
  displayName: string;
  catalogId: string;
  description?: string;
}

/** An access package assignment; `hidden` ones answer 403 to everyone. `reprocessedCount` grows on each reprocess. */
export interface Assignment {
  id: string;
  state: AssignmentState;
  status: string;
  targetId: string;
  accessPackageId: string;
  startDateTime?: string;
  expirationDateTime?: string;
  hidden?: boolean;
  reprocessedCount?: number;
  lastReprocessedDateTime?: string;
}

/** An access package assignment request (the history of an assignment). */
export interface AssignmentRequest {
  id: string;
  assignmentId: string;
  requestType: string;
  state: string;
  status: string;
  createdDateTime: string;
  reprocessedCount?: number;
}

/** Everything the Graph emulator serves; `tenantId` limits it to tokens of that tenant. */
export interface TenantData {
  tenantId?: string;
  users: TenantUser[];
  accessPackages: AccessPackage[];
  assignments: Assignment[];
  requests: AssignmentRequest[];
}

/** Roles allowed to reprocess (Access Package Assignment Manager or higher). */
export const MANAGER_ROLES = ['AccessPackageAssignmentManager', 'CatalogOwner', 'EntitlementManagementAdmin', 'IdentityGovernanceAdministrator', 'GlobalAdministrator'];
/** Roles allowed to read assignments and requests (managers, plus the read-only roles). */
export const READER_ROLES = [...MANAGER_ROLES, 'CatalogReader', 'GlobalReader'];

const DOMAIN = 'contoso.example';
const user = (oid: string, name: string, alias: string): SandboxUser => ({ oid, name, upn: `${alias}@${DOMAIN}` });

/** Fixed ids of the demo tenant, for tests and the sandbox. */
export const DEMO = {
  users: {
    admin: user('a1d3e0f2-6b4c-4e8a-9f10-2b3c4d5e6f70', 'Adele Vance', 'adele'),
    manager: user('b2e4f1a3-7c5d-4f9b-8a21-3c4d5e6f7081', 'Megan Bowen', 'megan'),
    reader: user('c3f5a2b4-8d6e-4a0c-9b32-4d5e6f708192', 'Lee Gu', 'lee'),
    diego: user('d4a6b3c5-9e7f-4b1d-8c43-5e6f708192a3', 'Diego Siciliani', 'diego'),
    grady: user('e5b7c4d6-0f8a-4c2e-9d54-6f708192a3b4', 'Grady Archie', 'grady'),
  },
  accessPackages: {
    sales: '1f6e2d3c-4b5a-4968-8776-5a4b3c2d1e0f',
    finance: '2a7f3e4d-5c6b-4a79-9887-6b5c4d3e2f10',
    engineering: '3b8a4f5e-6d7c-4b8a-8998-7c6d5e4f3a21',
  },
  catalogs: { general: '4c9b5a6f-7e8d-4c9b-9aa9-8d7e6f5a4b32', finance: '5dac6b7a-8f9e-4dac-8bba-9e8f7a6b5c43' },
  assignments: {
    delivered: 'd82eb508-acc4-43cc-bcf1-7c1c4a2c073b',
    deliveredEngineering: '6e1d7c8b-9a0f-4e1d-9ccb-af9a8b7c6d54',
    deliveredFinance: '7f2e8d9c-0b1a-4f2e-8ddc-b0ab9c8d7e65',
    deliveredSales: '803f9e0d-1c2b-4a3f-9eed-c1bcad9e8f76',
    delivering: '91401f1e-2d3c-4b40-8ffe-d2cdbeaf9087',
    partiallyDelivered: 'a2512a2f-3e4d-4c51-9a0f-e3decfb0a198',
    deliveryFailed: 'b3623b30-4f5e-4d62-8b10-f4efd0c1b2a9',
    expired: 'c4734c41-506f-4e73-9c21-05f0e1d2c3ba',
    hidden: 'd5845d52-6170-4f84-8d32-1601f2e3d4cb',
  },
  requests: {
    delivered: 'e6956e63-7281-4095-9e43-2712a3f4e5dc',
    delivering: 'f7a67f74-8392-41a6-8f54-3823b4a5f6ed',
    partiallyDelivered: '08b78085-94a3-42b7-9065-4934c5b607fe',
    deliveryFailed: '19c89196-a5b4-43c8-8176-5a45d6c7180f',
    deliveryFailedEarlier: '2ad9a2a7-b6c5-44d9-9287-6b56e7d82910',
    expiredAdd: '3beab3b8-c7d6-45ea-8398-7c67f8e93a21',
  },
} as const;

const P = DEMO.accessPackages;
const A = DEMO.assignments;
const U = DEMO.users;

const since = '2025-01-06T09:00:00Z';

function tenantUser(u: SandboxUser, roles: string[]): TenantUser {
  return { id: u.oid, displayName: u.name, userPrincipalName: u.upn, mail: u.upn, roles };
}

function assignment(id: string, state: AssignmentState, status: string, target: SandboxUser, pkg: string, extra: Partial<Assignment> = {}): Assignment {
  return { id, state, status, targetId: target.oid, accessPackageId: pkg, startDateTime: since, ...extra };
}

function request(id: string, assignmentId: string, requestType: string, state: string, status: string, createdDateTime: string): AssignmentRequest {
  return { id, assignmentId, requestType, state, status, createdDateTime };
}

/** The deterministic demo tenant: 5 users (2 managers, 1 plain reader), 3 access packages, assignments in every state. */
export function demoTenant(tenantId: string): TenantData {
  return {
    tenantId,
    users: [
      tenantUser(U.admin, ['EntitlementManagementAdmin']),
      tenantUser(U.manager, ['AccessPackageAssignmentManager']),
      tenantUser(U.reader, []),
      tenantUser(U.diego, []),
      tenantUser(U.grady, []),
    ],
    accessPackages: [
      { id: P.sales, displayName: 'Sales Team Access', catalogId: DEMO.catalogs.general, description: 'CRM, sales SharePoint site and the Sales team.' },
      { id: P.finance, displayName: 'Finance Reporting', catalogId: DEMO.catalogs.finance, description: 'Read access to finance reports.' },
      { id: P.engineering, displayName: 'Engineering Tools', catalogId: DEMO.catalogs.general, description: 'Build, repository and on-call tooling.' },
    ],
    assignments: [
      assignment(A.delivered, 'delivered', 'Delivered', U.diego, P.sales, { expirationDateTime: '2026-12-31T23:59:59Z' }),
      assignment(A.deliveredEngineering, 'delivered', 'Delivered', U.grady, P.engineering),
      assignment(A.deliveredFinance, 'delivered', 'Delivered', U.reader, P.finance),
      assignment(A.deliveredSales, 'delivered', 'Delivered', U.grady, P.sales),
      assignment(A.delivering, 'delivering', 'Delivering', U.grady, P.finance),
      assignment(A.partiallyDelivered, 'partiallyDelivered', 'PartiallyDelivered', U.reader, P.engineering),
      assignment(A.deliveryFailed, 'deliveryFailed', 'DeliveryFailed', U.diego, P.finance),
      assignment(A.expired, 'expired', 'ExpiredNotificationTriggered', U.reader, P.sales, { expirationDateTime: '2025-06-30T23:59:59Z' }),
      assignment(A.hidden, 'delivered', 'Delivered', U.manager, P.finance, { hidden: true }),
    ],
    requests: [
      request(DEMO.requests.delivered, A.delivered, 'adminAdd', 'delivered', 'Delivered', since),
      request(DEMO.requests.delivering, A.delivering, 'userAdd', 'delivering', 'Delivering', '2025-11-20T08:00:00Z'),
      request(DEMO.requests.partiallyDelivered, A.partiallyDelivered, 'adminAdd', 'partiallyDelivered', 'PartiallyDelivered', '2025-10-02T10:30:00Z'),
      request(DEMO.requests.deliveryFailedEarlier, A.deliveryFailed, 'adminAdd', 'deliveryFailed', 'DeliveryFailed', '2025-09-01T07:15:00Z'),
      request(DEMO.requests.deliveryFailed, A.deliveryFailed, 'adminUpdate', 'deliveryFailed', 'DeliveryFailed', '2025-10-15T12:45:00Z'),
      request(DEMO.requests.expiredAdd, A.expired, 'userAdd', 'delivered', 'Delivered', since),
    ],
  };
}
