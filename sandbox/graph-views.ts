import { derivedGuid } from './entra-claims';
import type { AccessPackage, Assignment, AssignmentRequest, TenantData, TenantUser } from './graph-data';

type Json = Record<string, unknown>;

/** The accessPackageSubject id of a user: its own id, distinct from the user's `objectId`, as in Graph. */
export function subjectId(objectId: string): string {
  return derivedGuid(`subject:${objectId}`);
}

/** A v1.0 accessPackageAssignment; relationships only when `$expand`ed. */
export function v1Assignment(data: TenantData, a: Assignment, expand: Set<string>): Json {
  return {
    id: a.id,
    state: a.state,
    status: a.status,
    expiredDateTime: a.state === 'expired' ? (a.expirationDateTime ?? null) : null,
    schedule: schedule(a),
    customExtensionCalloutInstances: [],
    ...(expand.has('target') ? { target: v1Subject(findUser(data, a.targetId), a.targetId) } : {}),
    ...(expand.has('accessPackage')
      ? { accessPackage: packageView(findPackage(data, a.accessPackageId), a.accessPackageId) }
      : {}),
  };
}

/** A beta accessPackageAssignment: `assignmentState`/`assignmentStatus` (PascalCase values), `targetId` = subject id. */
export function betaAssignment(data: TenantData, a: Assignment, expand: Set<string>): Json {
  const pkg = findPackage(data, a.accessPackageId);
  return {
    id: a.id,
    catalogId: pkg?.catalogId ?? null,
    accessPackageId: a.accessPackageId,
    assignmentPolicyId: derivedGuid(`policy:${a.accessPackageId}`),
    targetId: subjectId(a.targetId),
    assignmentState: pascal(a.state),
    assignmentStatus: a.status,
    isExtended: false,
    expiredDateTime: a.state === 'expired' ? (a.expirationDateTime ?? null) : null,
    schedule: schedule(a),
    ...(expand.has('target') ? { target: { ...v1Subject(findUser(data, a.targetId), a.targetId), type: 'User' } } : {}),
    ...(expand.has('accessPackage') ? { accessPackage: packageView(pkg, a.accessPackageId) } : {}),
  };
}

/** When a request reached its final state (`null` while it is still in progress). */
export function completedAt(r: AssignmentRequest): string | null {
  const done = ['delivered', 'deliveryFailed', 'partiallyDelivered', 'denied', 'canceled'].includes(r.state);
  return done ? (r.completedDateTime ?? r.createdDateTime) : null;
}

/** A v1.0 accessPackageAssignmentRequest; `assignment`/`accessPackage`/`requestor` only when `$expand`ed. */
export function requestView(data: TenantData, r: AssignmentRequest, expand: Set<string>): Json {
  const assignment = data.assignments.find((a) => a.id === r.assignmentId);
  return {
    id: r.id,
    requestType: r.requestType,
    state: r.state,
    status: r.status,
    createdDateTime: r.createdDateTime,
    completedDateTime: completedAt(r),
    justification: null,
    schedule: assignment ? schedule(assignment) : null,
    answers: [],
    customExtensionCalloutInstances: [],
    ...(expand.has('assignment') ? { assignment: assignment ? v1Assignment(data, assignment, new Set()) : null } : {}),
    ...related(data, assignment, expand),
  };
}

/**
 * A beta accessPackageAssignmentRequest: `requestType`/`requestState` in PascalCase, `requestStatus`, and the
 * `accessPackageAssignment` navigation property (entitlementmanagement-list-accesspackageassignmentrequests.md, beta).
 */
export function betaRequestView(data: TenantData, r: AssignmentRequest, expand: Set<string>): Json {
  const assignment = data.assignments.find((a) => a.id === r.assignmentId);
  return {
    id: r.id,
    requestType: pascal(r.requestType),
    requestState: pascal(r.state),
    requestStatus: r.status,
    createdDateTime: r.createdDateTime,
    completedDate: completedAt(r),
    justification: null,
    isValidationOnly: false,
    answers: [],
    schedule: assignment ? schedule(assignment) : null,
    ...(expand.has('accessPackageAssignment')
      ? { accessPackageAssignment: assignment ? betaAssignment(data, assignment, new Set()) : null }
      : {}),
    ...related(data, assignment, expand),
  };
}

function related(data: TenantData, assignment: Assignment | undefined, expand: Set<string>): Json {
  return {
    ...(expand.has('accessPackage') && assignment
      ? { accessPackage: packageView(findPackage(data, assignment.accessPackageId), assignment.accessPackageId) }
      : {}),
    ...(expand.has('requestor') && assignment
      ? { requestor: v1Subject(findUser(data, assignment.targetId), assignment.targetId) }
      : {}),
  };
}

/** `delivered` -> `Delivered`: beta's spelling of the same enum members. */
export function pascal(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function v1Subject(user: TenantUser | undefined, objectId: string): Json {
  return {
    id: subjectId(objectId),
    objectId,
    displayName: user?.displayName ?? null,
    email: user?.mail ?? null,
    principalName: user?.userPrincipalName ?? null,
    subjectType: 'user',
    onPremisesSecurityIdentifier: null,
  };
}

/** An accessPackage as the list and `$expand` return it. */
export function packageView(pkg: AccessPackage | undefined, id: string): Json {
  return {
    id,
    displayName: pkg?.displayName ?? null,
    description: pkg?.description ?? '',
    isHidden: false,
    createdDateTime: '2024-11-04T08:00:00Z',
    modifiedDateTime: '2025-03-17T15:30:00Z',
  };
}

function schedule(a: Assignment): Json {
  const expiration = a.expirationDateTime
    ? { endDateTime: a.expirationDateTime, duration: null, type: 'afterDateTime' }
    : { endDateTime: null, duration: null, type: 'noExpiration' };
  return { startDateTime: a.startDateTime ?? null, recurrence: null, expiration };
}

function findUser(data: TenantData, id: string): TenantUser | undefined {
  return data.users.find((u) => u.id === id);
}

function findPackage(data: TenantData, id: string): AccessPackage | undefined {
  return data.accessPackages.find((p) => p.id === id);
}
