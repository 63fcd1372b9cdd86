import { allowedIn, catalogOf, hasAnyRole, unauthorized, type Level } from './graph-access';
import type { AssignmentRequest, TenantData, TenantUser } from './graph-data';
import { graphError } from './graph-errors';
import { faultAnswer } from './graph-faults';
import { badRequest, listAssignments, listPackages, listRequests } from './graph-lists';
import { project, unknownSelect } from './graph-page';
import { isGuid, parseQuery } from './graph-query';
import { betaAssignment, betaRequestView, completedAt, requestView, v1Assignment } from './graph-views';
import { Router, type Handler, type SandboxRequest, type SandboxResponse } from './router';

/** Who calls, what they see, and how the emulator pages. */
export interface GraphContext {
  data: TenantData;
  caller: TenantUser | undefined;
  baseUrl: string;
  /** Items per server-driven page of a list. */
  pageSize: number;
  now: number;
}

type Version = 'v1.0' | 'beta';
type VersionedHandler = (req: SandboxRequest, ctx: GraphContext, version: Version) => SandboxResponse;

const EM = 'identityGovernance/entitlementManagement';
const REPROCESSABLE_REQUEST_STATES = ['deliveryFailed', 'partiallyDelivered'];
// accesspackageassignmentrequest-reprocess.md: "You can only reprocess a request within 14 days from the time the
// original request was completed."
const REQUEST_REPROCESS_WINDOW_MS = 14 * 24 * 60 * 60_000;

/** The entitlement-management routes (v1.0 and beta), each guarded by the caller's role. */
export function entitlementRoutes(): Router<GraphContext> {
  const router = new Router<GraphContext>();
  for (const version of ['v1.0', 'beta'] as const) {
    const base = `/${version}/${EM}`;
    const assignments = version === 'beta' ? 'accessPackageAssignments' : 'assignments';
    const requests = version === 'beta' ? 'accessPackageAssignmentRequests' : 'assignmentRequests';
    const add = (method: 'GET' | 'POST', path: string, level: Level, handler: VersionedHandler) =>
      router.add(
        method,
        `${base}/${path}`,
        guard(level, (req, ctx) => handler(req, ctx, version)),
      );
    add('GET', assignments, 'read', listAssignments);
    add('GET', `${assignments}/:id`, 'read', getAssignment);
    add('POST', `${assignments}/:id/reprocess`, 'write', reprocessAssignment);
    add('GET', requests, 'read', listRequests);
    add('GET', `${requests}/:id`, 'read', getRequest);
    add('POST', `${requests}/:id/reprocess`, 'write', reprocessRequest);
    add('GET', 'accessPackages', 'read', listPackages);
  }
  return router;
}

/** 403 `UnAuthorized` unless the caller holds an entitlement-management role for `level` somewhere. */
function guard(level: Level, handler: Handler<GraphContext>): Handler<GraphContext> {
  return (req, ctx) =>
    hasAnyRole(ctx.caller, level)
      ? handler(req, ctx)
      : unauthorized(
          level === 'write'
            ? 'reprocess: it requires Access Package Assignment Manager or higher'
            : 'read entitlement management',
        );
}

// accesspackageassignment-get.md: "$select and $expand" (target, accessPackage).
function getAssignment(req: SandboxRequest, ctx: GraphContext, version: Version): SandboxResponse {
  const found = findAssignment(req, ctx, 'read');
  if ('refusal' in found) return found.refusal;
  const query = parseQuery(req.query, {
    typeName: 'accessPackageAssignment',
    options: ['$expand', '$select'],
    expand: ['target', 'accessPackage'],
  });
  if (!query.ok) return badRequest(query);
  const entity =
    version === 'beta'
      ? betaAssignment(ctx.data, found.item, query.value.expand)
      : v1Assignment(ctx.data, found.item, query.value.expand);
  const set = version === 'beta' ? 'accessPackageAssignments' : 'assignments';
  const refused = unknownSelect(entity, query.value, 'accessPackageAssignment');
  if (refused) return graphError(400, 'BadRequest', refused);
  return {
    status: 200,
    body: {
      '@odata.context': `${ctx.baseUrl}/${version}/$metadata#${EM}/${set}/$entity`,
      ...project(entity, query.value),
    },
  };
}

// accesspackageassignment-reprocess.md: 202 Accepted, no body; only a `delivered` assignment is reprocessed.
function reprocessAssignment(req: SandboxRequest, ctx: GraphContext): SandboxResponse {
  const found = findAssignment(req, ctx, 'write');
  if ('refusal' in found) return found.refusal;
  const assignment = found.item;
  if (assignment.demoFault) return faultAnswer(assignment.demoFault, 'Sandbox demo failure');
  if (assignment.state !== 'delivered') {
    return graphError(
      400,
      'BadRequest',
      `The access package assignment is in state '${assignment.state}'; only assignments in state 'delivered' can be reprocessed.`,
    );
  }
  assignment.reprocessedCount = (assignment.reprocessedCount ?? 0) + 1;
  assignment.lastReprocessedDateTime = new Date(ctx.now).toISOString();
  return { status: 202 };
}

// accesspackageassignmentrequest-get.md: $expand of assignment/accessPackage/requestor (beta: accessPackageAssignment).
function getRequest(req: SandboxRequest, ctx: GraphContext, version: Version): SandboxResponse {
  const found = findRequest(req, ctx, 'read');
  if ('refusal' in found) return found.refusal;
  const expand =
    version === 'beta'
      ? ['accessPackageAssignment', 'accessPackage', 'requestor']
      : ['assignment', 'accessPackage', 'requestor'];
  const query = parseQuery(req.query, {
    typeName: 'accessPackageAssignmentRequest',
    options: ['$expand', '$select'],
    expand,
  });
  if (!query.ok) return badRequest(query);
  const entity =
    version === 'beta'
      ? betaRequestView(ctx.data, found.item, query.value.expand)
      : requestView(ctx.data, found.item, query.value.expand);
  const refused = unknownSelect(entity, query.value, 'accessPackageAssignmentRequest');
  return refused ? graphError(400, 'BadRequest', refused) : { status: 200, body: project(entity, query.value) };
}

// accesspackageassignmentrequest-reprocess.md: requests in DeliveryFailed or PartiallyDelivered, completed within 14 days.
function reprocessRequest(req: SandboxRequest, ctx: GraphContext): SandboxResponse {
  const found = findRequest(req, ctx, 'write');
  if ('refusal' in found) return found.refusal;
  const request = found.item;
  if (!REPROCESSABLE_REQUEST_STATES.includes(request.state)) {
    return graphError(
      400,
      'BadRequest',
      `The access package assignment request is in state '${request.state}'; only requests in state 'deliveryFailed' or 'partiallyDelivered' can be reprocessed.`,
    );
  }
  if (ctx.now - Date.parse(completedAt(request) ?? '') > REQUEST_REPROCESS_WINDOW_MS) {
    return graphError(
      400,
      'BadRequest',
      'The access package assignment request was completed more than 14 days ago and can no longer be reprocessed; cancel it and request access again.',
    );
  }
  request.reprocessedCount = (request.reprocessedCount ?? 0) + 1;
  return { status: 202 };
}

function findAssignment(req: SandboxRequest, ctx: GraphContext, level: Level) {
  return find(
    ctx,
    ctx.data.assignments,
    req.params['id'] ?? '',
    'accessPackageAssignment',
    level,
    (a) => a.accessPackageId,
    (a) => a.hidden === true,
  );
}

function findRequest(req: SandboxRequest, ctx: GraphContext, level: Level) {
  const assignmentOf = (r: AssignmentRequest) => ctx.data.assignments.find((a) => a.id === r.assignmentId);
  return find(
    ctx,
    ctx.data.requests,
    req.params['id'] ?? '',
    'accessPackageAssignmentRequest',
    level,
    (r) => assignmentOf(r)?.accessPackageId ?? '',
    (r) => assignmentOf(r)?.hidden === true,
  );
}

/** The key checks Graph makes: GUID form (400), existence (404), visibility and the caller's catalog role (403). */
function find<T extends { id: string }>(
  ctx: GraphContext,
  items: T[],
  id: string,
  typeName: string,
  level: Level,
  packageOf: (item: T) => string,
  isHidden: (item: T) => boolean,
): { item: T } | { refusal: SandboxResponse } {
  if (!isGuid(id)) return { refusal: graphError(400, 'BadRequest', 'Invalid id') };
  const item = items.find((candidate) => candidate.id.toLowerCase() === id.toLowerCase());
  if (!item)
    return {
      refusal: graphError(
        404,
        'ResourceNotFound',
        `Resource '${id}' of type '${typeName}' does not exist or one of its queried reference-property objects are not present.`,
      ),
    };
  if (isHidden(item) || !allowedIn(ctx.caller, catalogOf(ctx.data, packageOf(item)), level)) {
    return { refusal: unauthorized(`${level === 'write' ? 'change' : 'read'} the ${typeName} '${id}'`) };
  }
  return { item };
}
