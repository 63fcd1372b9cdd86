import type { AssignmentView, RequestIds, RequestView } from './types';

type Json = Record<string, unknown>;
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
// beta spells enum members in PascalCase ('Delivered', 'AdminAdd'); v1.0 in camelCase. We use v1.0's.
const state = (v: unknown): string | undefined => {
  const text = str(v);
  return text && text.charAt(0).toLowerCase() + text.slice(1);
};
const obj = (v: unknown): Json | undefined => (typeof v === 'object' && v !== null ? (v as Json) : undefined);

/** Graph's error body `{error:{code, innerError:{'request-id'}}}`, read structurally. */
export function readGraphError(body: unknown): { code?: string; message?: string; requestId?: string } {
  const error = obj(obj(body)?.error);
  const inner = obj(error?.innerError) ?? obj(error?.innererror);
  return { code: str(error?.code), message: str(error?.message), requestId: str(inner?.['request-id']) };
}

/** Correlation ids from a Graph response (header first, then the error body). */
export function requestIds(response: Response, clientRequestId: string, body?: unknown): RequestIds {
  const requestId = response.headers.get('request-id') ?? readGraphError(body).requestId ?? undefined;
  return { clientRequestId, requestId };
}

/** Maps a v1.0 `accessPackageAssignment` or a beta one (assignmentState, assignmentStatus) to our view. */
export function toAssignmentView(raw: unknown): AssignmentView {
  const a = obj(raw) ?? {};
  const target = obj(a.target);
  const pkg = obj(a.accessPackage);
  const schedule = obj(a.schedule);
  const expiration = obj(schedule?.expiration);
  return {
    id: str(a.id) ?? '',
    state: state(a.state) ?? state(a.assignmentState) ?? 'unknown',
    status: str(a.status) ?? str(a.assignmentStatus),
    target: target && {
      objectId: str(target.objectId) ?? str(target.id),
      displayName: str(target.displayName),
      principalName: str(target.principalName) ?? str(target.userPrincipalName),
      email: str(target.email) ?? str(target.mail),
    },
    accessPackage: pkg && { id: str(pkg.id) ?? '', displayName: str(pkg.displayName) },
    startsAt: str(schedule?.startDateTime),
    expiresAt: str(expiration?.endDateTime) ?? str(a.expiredDateTime),
  };
}

/** Maps a v1.0 `accessPackageAssignmentRequest` (or beta: requestState, requestStatus) to our view. */
export function toRequestView(raw: unknown): RequestView {
  const r = obj(raw) ?? {};
  const assignment = obj(r.assignment) ?? obj(r.accessPackageAssignment);
  const pkg = obj(r.accessPackage);
  const target = obj(r.requestor) ?? obj(assignment?.target);
  return {
    id: str(r.id) ?? '',
    state: state(r.state) ?? state(r.requestState) ?? 'unknown',
    status: str(r.status) ?? str(r.requestStatus),
    requestType: state(r.requestType),
    createdAt: str(r.createdDateTime),
    assignmentId: str(assignment?.id),
    accessPackage: pkg && { id: str(pkg.id) ?? '', displayName: str(pkg.displayName) },
    target: target && {
      objectId: str(target.objectId) ?? str(target.id),
      displayName: str(target.displayName),
      principalName: str(target.principalName) ?? str(target.userPrincipalName),
      email: str(target.email),
    },
  };
}

/** The `value` array of a Graph collection. */
export function collection(body: unknown): unknown[] {
  const value = obj(body)?.value;
  return Array.isArray(value) ? value : [];
}
