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
    ...(expand.has('accessPackage') ? { accessPackage: packageView(findPackage(data, a.accessPackageId), a.accessPackageId) } : {}),
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
    assignmentState: a.state.charAt(0).toUpperCase() + a.state.slice(1),
    assignmentStatus: a.status,
    isExtended: false,
    expiredDateTime: a.state === 'expired' ? (a.expirationDateTime ?? null) : null,
    schedule: schedule(a),
    ...(expand.has('target') ? { target: { ...v1Subject(findUser(data, a.targetId), a.targetId), type: 'User' } } : {}),
    ...(expand.has('accessPackage') ? { accessPackage: packageView(pkg, a.accessPackageId) } : {}),
  };
}

/** An accessPackageAssignmentRequest; `assignment`/`accessPackage` only when `$expand`ed. */
export function requestView(data: TenantData, r: AssignmentRequest, expand: Set<string>): Json {
  const assignment = data.assignments.find((a) => a.id === r.assignmentId);
  const done = ['delivered', 'deliveryFailed', 'partiallyDelivered', 'denied', 'canceled'].includes(r.state);
  return {
    id: r.id,
    requestType: r.requestType,
    state: r.state,
    status: r.status,
    createdDateTime: r.createdDateTime,
    completedDateTime: done ? r.createdDateTime : null,
    justification: null,
    schedule: assignment ? schedule(assignment) : null,
    answers: [],
    customExtensionCalloutInstances: [],
    ...(expand.has('assignment') ? { assignment: assignment ? v1Assignment(data, assignment, new Set()) : null } : {}),
    ...(expand.has('accessPackage') && assignment ? { accessPackage: packageView(findPackage(data, assignment.accessPackageId), assignment.accessPackageId) } : {}),
  };
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

function packageView(pkg: AccessPackage | undefined, id: string): Json {
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
