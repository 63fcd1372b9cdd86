import type { SandboxUser } from './entra-claims';

/** `accessPackageAssignment.state` (v1.0 spelling). */
export type AssignmentState = 'delivering' | 'partiallyDelivered' | 'delivered' | 'expired' | 'deliveryFailed';

/**
 * A directory user with its entitlement-management roles. `roles` hold at the directory scope (every catalog);
 * `catalogRoles` only on the catalog they are keyed by — the catalog-scoped delegated administrators of
 * https://learn.microsoft.com/entra/id-governance/entitlement-management-delegate (catalog owner, access package
 * assignment manager, …), whom list calls must name an access package for.
 */
export interface TenantUser {
  id: string;
  displayName: string;
  userPrincipalName: string;
  mail?: string;
  roles: string[];
  catalogRoles?: Record<string, string[]>;
}

/** An access package in a catalog. */
export interface AccessPackage {
  id: string;
  displayName: string;
  catalogId: string;
  description?: string;
}

/**
 * An access package assignment; `hidden` ones answer 403 to everyone. `reprocessedCount` grows on each reprocess.
 * `demoFault` makes its reprocess answer that failure every time (the sandbox's throttled / Graph-failure demos).
 */
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
  demoFault?: { status: number; retryAfterSeconds?: number };
}

/** An access package assignment request (the history of an assignment); v1.0 enum spellings. */
export interface AssignmentRequest {
  id: string;
  assignmentId: string;
  requestType: string;
  state: string;
  status: string;
  createdDateTime: string;
  /** When it reached a final state; defaults to `createdDateTime` for final states. */
  completedDateTime?: string;
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
export const MANAGER_ROLES = [
  'AccessPackageAssignmentManager',
  'CatalogOwner',
  'EntitlementManagementAdmin',
  'IdentityGovernanceAdministrator',
  'GlobalAdministrator',
];
/** Roles allowed to read assignments and requests (managers, plus the read-only roles). */
export const READER_ROLES = [...MANAGER_ROLES, 'CatalogReader', 'GlobalReader'];

const DOMAIN = 'contoso.example';
const user = (oid: string, name: string, alias: string): SandboxUser => ({ oid, name, upn: `${alias}@${DOMAIN}` });

/** Fixed ids of the demo tenant, for tests and the sandbox. */
export const DEMO = {
  users: {
    /** Entitlement Management administrator (directory scope: every catalog). */
    admin: user('a1d3e0f2-6b4c-4e8a-9f10-2b3c4d5e6f70', 'Adele Vance', 'adele'),
    /** Access Package Assignment Manager on the General catalog only (catalog-scoped). */
    manager: user('b2e4f1a3-7c5d-4f9b-8a21-3c4d5e6f7081', 'Megan Bowen', 'megan'),
    reader: user('c3f5a2b4-8d6e-4a0c-9b32-4d5e6f708192', 'Lee Gu', 'lee'),
    diego: user('d4a6b3c5-9e7f-4b1d-8c43-5e6f708192a3', 'Diego Siciliani', 'diego'),
    /** An admin for whom the app has no delegated grant: On-Behalf-Of answers AADSTS65001 (sandbox/index.ts). */
    grady: user('e5b7c4d6-0f8a-4c2e-9d54-6f708192a3b4', 'Grady Archie', 'grady'),
  },
  accessPackages: {
    sales: '1f6e2d3c-4b5a-4968-8776-5a4b3c2d1e0f',
    finance: '2a7f3e4d-5c6b-4a79-9887-6b5c4d3e2f10',
    engineering: '3b8a4f5e-6d7c-4b8a-8998-7c6d5e4f3a21',
    /** A second "Sales…" package, so `reprocess package sales` offers a choice. */
    salesOperations: '4c9b5a6f-0000-4d7e-9f10-2b3c4d5e6f7a',
  },
  catalogs: { general: '4c9b5a6f-7e8d-4c9b-9aa9-8d7e6f5a4b32', finance: '5dac6b7a-8f9e-4dac-8bba-9e8f7a6b5c43' },
  assignments: {
    delivered: 'd82eb508-acc4-43cc-bcf1-7c1c4a2c073b',
    deliveredEngineering: '6e1d7c8b-9a0f-4e1d-9ccb-af9a8b7c6d54',
    deliveredFinance: '7f2e8d9c-0b1a-4f2e-8ddc-b0ab9c8d7e65',
    deliveredSales: '803f9e0d-1c2b-4a3f-9eed-c1bcad9e8f76',
    deliveredSalesOperations: '914fa01e-2d3c-4b5a-8f6e-d2cdbeaf0001',
    delivering: '91401f1e-2d3c-4b40-8ffe-d2cdbeaf9087',
    partiallyDelivered: 'a2512a2f-3e4d-4c51-9a0f-e3decfb0a198',
    deliveryFailed: 'b3623b30-4f5e-4d62-8b10-f4efd0c1b2a9',
    expired: 'c4734c41-506f-4e73-9c21-05f0e1d2c3ba',
    hidden: 'd5845d52-6170-4f84-8d32-1601f2e3d4cb',
    /** Delivered; its reprocess is always answered 429 with Retry-After (the throttled card). */
    throttled: 'e6956e63-0000-4a6e-9f43-27120a0c0429',
    /** Delivered; its reprocess is always answered 500 (the Graph-failure card). */
    failing: 'f7a67f74-0000-4b7f-8054-38230b0d0500',
  },
  requests: {
    delivered: 'e6956e63-7281-4095-9e43-2712a3f4e5dc',
    delivering: 'f7a67f74-8392-41a6-8f54-3823b4a5f6ed',
    partiallyDelivered: '08b78085-94a3-42b7-9065-4934c5b607fe',
    deliveryFailed: '19c89196-a5b4-43c8-8176-5a45d6c7180f',
    /** Failed too, but completed more than 14 days ago: Graph refuses to reprocess it (400). */
    deliveryFailedEarlier: '2ad9a2a7-b6c5-44d9-9287-6b56e7d82910',
    expiredAdd: '3beab3b8-c7d6-45ea-8398-7c67f8e93a21',
  },
  /** Seconds the throttled demo assignment asks to wait (longer than an interactive command's budget). */
  throttledRetryAfterSeconds: 30,
} as const;

const P = DEMO.accessPackages;
const A = DEMO.assignments;
const U = DEMO.users;

const since = '2025-01-06T09:00:00Z';
const DAY_MS = 24 * 60 * 60_000;

function tenantUser(u: SandboxUser, roles: string[], catalogRoles?: Record<string, string[]>): TenantUser {
  return {
    id: u.oid,
    displayName: u.name,
    userPrincipalName: u.upn,
    mail: u.upn,
    roles,
    ...(catalogRoles ? { catalogRoles } : {}),
  };
}

function assignment(
  id: string,
  state: AssignmentState,
  status: string,
  target: SandboxUser,
  pkg: string,
  extra: Partial<Assignment> = {},
): Assignment {
  return { id, state, status, targetId: target.oid, accessPackageId: pkg, startDateTime: since, ...extra };
}

function request(
  id: string,
  assignmentId: string,
  requestType: string,
  state: string,
  status: string,
  createdDateTime: string,
): AssignmentRequest {
  return { id, assignmentId, requestType, state, status, createdDateTime };
}

/**
 * The deterministic demo tenant: 5 users (a tenant-wide admin, a catalog-scoped manager, plain users), 3 access
 * packages in 2 catalogs, assignments in every state plus a throttled and a failing one. Request dates are
 * relative to `now`, because Graph reprocesses only requests completed within the last 14 days.
 */
export function demoTenant(tenantId: string, now = Date.now()): TenantData {
  const daysAgo = (days: number) => new Date(now - days * DAY_MS).toISOString().replace(/\.\d{3}Z$/, 'Z');
  return {
    tenantId,
    users: [
      tenantUser(U.admin, ['EntitlementManagementAdmin']),
      tenantUser(U.manager, [], { [DEMO.catalogs.general]: ['AccessPackageAssignmentManager'] }),
      tenantUser(U.reader, []),
      tenantUser(U.diego, []),
      tenantUser(U.grady, ['EntitlementManagementAdmin']),
    ],
    accessPackages: [
      {
        id: P.sales,
        displayName: 'Sales Team Access',
        catalogId: DEMO.catalogs.general,
        description: 'CRM, sales SharePoint site and the Sales team.',
      },
      {
        id: P.finance,
        displayName: 'Finance Reporting',
        catalogId: DEMO.catalogs.finance,
        description: 'Read access to finance reports.',
      },
      {
        id: P.engineering,
        displayName: 'Engineering Tools',
        catalogId: DEMO.catalogs.general,
        description: 'Build, repository and on-call tooling.',
      },
      {
        id: P.salesOperations,
        displayName: 'Sales Operations',
        catalogId: DEMO.catalogs.general,
        description: 'Forecasting and pipeline reporting.',
      },
    ],
    assignments: [
      assignment(A.delivered, 'delivered', 'Delivered', U.diego, P.sales, {
        expirationDateTime: '2026-12-31T23:59:59Z',
      }),
      assignment(A.deliveredEngineering, 'delivered', 'Delivered', U.grady, P.engineering),
      assignment(A.deliveredFinance, 'delivered', 'Delivered', U.reader, P.finance),
      assignment(A.deliveredSales, 'delivered', 'Delivered', U.grady, P.sales),
      assignment(A.deliveredSalesOperations, 'delivered', 'Delivered', U.reader, P.salesOperations),
      assignment(A.delivering, 'delivering', 'Delivering', U.grady, P.finance),
      assignment(A.partiallyDelivered, 'partiallyDelivered', 'PartiallyDelivered', U.reader, P.engineering),
      assignment(A.deliveryFailed, 'deliveryFailed', 'DeliveryFailed', U.diego, P.finance),
      assignment(A.expired, 'expired', 'ExpiredNotificationTriggered', U.reader, P.sales, {
        expirationDateTime: '2025-06-30T23:59:59Z',
      }),
      assignment(A.hidden, 'delivered', 'Delivered', U.manager, P.finance, { hidden: true }),
      assignment(A.throttled, 'delivered', 'Delivered', U.reader, P.engineering, {
        demoFault: { status: 429, retryAfterSeconds: DEMO.throttledRetryAfterSeconds },
      }),
      assignment(A.failing, 'delivered', 'Delivered', U.diego, P.engineering, { demoFault: { status: 500 } }),
    ],
    requests: [
      request(DEMO.requests.delivered, A.delivered, 'adminAdd', 'delivered', 'Delivered', since),
      request(DEMO.requests.delivering, A.delivering, 'userAdd', 'delivering', 'Delivering', daysAgo(1)),
      request(
        DEMO.requests.partiallyDelivered,
        A.partiallyDelivered,
        'adminAdd',
        'partiallyDelivered',
        'PartiallyDelivered',
        daysAgo(3),
      ),
      request(
        DEMO.requests.deliveryFailedEarlier,
        A.deliveryFailed,
        'adminAdd',
        'deliveryFailed',
        'DeliveryFailed',
        daysAgo(40),
      ),
      request(
        DEMO.requests.deliveryFailed,
        A.deliveryFailed,
        'adminUpdate',
        'deliveryFailed',
        'DeliveryFailed',
        daysAgo(2),
      ),
      request(DEMO.requests.expiredAdd, A.expired, 'userAdd', 'delivered', 'Delivered', since),
    ],
  };
}
