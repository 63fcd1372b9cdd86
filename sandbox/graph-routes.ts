import { MANAGER_ROLES, READER_ROLES, type Assignment, type AssignmentRequest, type TenantData, type TenantUser } from './graph-data';
import { graphError } from './graph-errors';
import { isGuid, page, parseExpand, parseFilter, parseOrderBy, type Parsed } from './graph-query';
import { betaAssignment, requestView, v1Assignment } from './graph-views';
import { Router, type Handler, type SandboxRequest, type SandboxResponse } from './router';

/** Who calls and what they see. */
export interface GraphContext {
  data: TenantData;
  caller: TenantUser | undefined;
  baseUrl: string;
}

const V1 = '/v1.0/identityGovernance/entitlementManagement';
const BETA = '/beta/identityGovernance/entitlementManagement';
const REPROCESSABLE_REQUEST_STATES = ['deliveryFailed', 'partiallyDelivered'];

/** The entitlement-management routes (v1.0 and beta), each guarded by the caller's role. */
export function entitlementRoutes(): Router<GraphContext> {
  return new Router<GraphContext>()
    .add('GET', `${V1}/assignments`, guard('read', listAssignments))
    .add('GET', `${V1}/assignments/:id`, guard('read', (req, ctx) => getAssignment(req, ctx, 'v1.0')))
    .add('POST', `${V1}/assignments/:id/reprocess`, guard('write', reprocessAssignment))
    .add('GET', `${V1}/assignmentRequests`, guard('read', listRequests))
    .add('GET', `${V1}/assignmentRequests/:id`, guard('read', getRequest))
    .add('POST', `${V1}/assignmentRequests/:id/reprocess`, guard('write', reprocessRequest))
    .add('GET', `${BETA}/accessPackageAssignments/:id`, guard('read', (req, ctx) => getAssignment(req, ctx, 'beta')))
    .add('POST', `${BETA}/accessPackageAssignments/:id/reprocess`, guard('write', reprocessAssignment))
    .add('GET', `${BETA}/accessPackageAssignmentRequests/:id`, guard('read', getRequest))
    .add('POST', `${BETA}/accessPackageAssignmentRequests/:id/reprocess`, guard('write', reprocessRequest));
}

/** 403 `UnAuthorized` unless the caller holds a role for `level` (Access Package Assignment Manager or higher to write). */
function guard(level: 'read' | 'write', handler: Handler<GraphContext>): Handler<GraphContext> {
  return (req, ctx) => {
    const roles = level === 'write' ? MANAGER_ROLES : READER_ROLES;
    if (ctx.caller?.roles.some((role) => roles.includes(role))) return handler(req, ctx);
    const needed = level === 'write' ? 'Access Package Assignment Manager or higher' : 'an entitlement management role';
    return graphError(403, 'UnAuthorized', `The signed-in user is not authorized for this operation: it requires ${needed}.`);
  };
}

function getAssignment(req: SandboxRequest, ctx: GraphContext, version: 'v1.0' | 'beta'): SandboxResponse {
  const found = find(ctx.data.assignments, req.params['id'] ?? '', 'accessPackageAssignment');
  if ('refusal' in found) return found.refusal;
  const expand = parseExpand(req.query, ['target', 'accessPackage'], 'accessPackageAssignment');
  if (!expand.ok) return badRequest(expand);
  const entity = version === 'beta' ? betaAssignment(ctx.data, found.item, expand.value) : v1Assignment(ctx.data, found.item, expand.value);
  const set = version === 'beta' ? 'accessPackageAssignments' : 'assignments';
  return { status: 200, body: { '@odata.context': `${ctx.baseUrl}/${version}/$metadata#identityGovernance/entitlementManagement/${set}/$entity`, ...entity } };
}

function listAssignments(req: SandboxRequest, ctx: GraphContext): SandboxResponse {
  const expand = parseExpand(req.query, ['target', 'accessPackage'], 'accessPackageAssignment');
  const filter = parseFilter<Assignment>(req.query, { state: (a) => a.state, 'accessPackage/id': (a) => a.accessPackageId, 'target/objectId': (a) => a.targetId });
  if (!expand.ok) return badRequest(expand);
  if (!filter.ok) return badRequest(filter);
  const visible = ctx.data.assignments.filter((a) => !a.hidden && filter.value(a));
  const paged = page(visible, req, ctx.baseUrl);
  if (!paged.ok) return badRequest(paged);
  const value = paged.value.value.map((a) => v1Assignment(ctx.data, a, expand.value));
  return collection(ctx, 'assignments', value, paged.value.nextLink);
}

function reprocessAssignment(req: SandboxRequest, ctx: GraphContext): SandboxResponse {
  const found = find(ctx.data.assignments, req.params['id'] ?? '', 'accessPackageAssignment');
  if ('refusal' in found) return found.refusal;
  const assignment = found.item;
  if (assignment.state !== 'delivered') {
    return graphError(400, 'BadRequest', `The access package assignment is in state '${assignment.state}'; only assignments in state 'delivered' can be reprocessed.`);
  }
  assignment.reprocessedCount = (assignment.reprocessedCount ?? 0) + 1;
  assignment.lastReprocessedDateTime = new Date().toISOString();
  return { status: 202 };
}

function getRequest(req: SandboxRequest, ctx: GraphContext): SandboxResponse {
  const found = find(ctx.data.requests, req.params['id'] ?? '', 'accessPackageAssignmentRequest', requestIsHidden(ctx.data));
  if ('refusal' in found) return found.refusal;
  const expand = parseExpand(req.query, ['assignment', 'accessPackage'], 'accessPackageAssignmentRequest');
  if (!expand.ok) return badRequest(expand);
  return { status: 200, body: requestView(ctx.data, found.item, expand.value) };
}

function listRequests(req: SandboxRequest, ctx: GraphContext): SandboxResponse {
  const expand = parseExpand(req.query, ['assignment', 'accessPackage'], 'accessPackageAssignmentRequest');
  const filter = parseFilter<AssignmentRequest>(req.query, { 'assignment/id': (r) => r.assignmentId, state: (r) => r.state, requestType: (r) => r.requestType });
  const order = parseOrderBy<AssignmentRequest>(req.query);
  if (!expand.ok) return badRequest(expand);
  if (!filter.ok) return badRequest(filter);
  if (!order.ok) return badRequest(order);
  const hidden = requestIsHidden(ctx.data);
  const matching = ctx.data.requests.filter((r) => !hidden(r) && filter.value(r));
  const paged = page(order.value ? [...matching].sort(order.value) : matching, req, ctx.baseUrl);
  if (!paged.ok) return badRequest(paged);
  return collection(ctx, 'assignmentRequests', paged.value.value.map((r) => requestView(ctx.data, r, expand.value)), paged.value.nextLink);
}

function reprocessRequest(req: SandboxRequest, ctx: GraphContext): SandboxResponse {
  const found = find(ctx.data.requests, req.params['id'] ?? '', 'accessPackageAssignmentRequest', requestIsHidden(ctx.data));
  if ('refusal' in found) return found.refusal;
  const request = found.item;
  if (!REPROCESSABLE_REQUEST_STATES.includes(request.state)) {
    return graphError(400, 'BadRequest', `The access package assignment request is in state '${request.state}'; only requests in state 'deliveryFailed' or 'partiallyDelivered' can be reprocessed.`);
  }
  request.reprocessedCount = (request.reprocessedCount ?? 0) + 1;
  return { status: 202 };
}

/** The key checks Graph makes: GUID form (400), existence (404), visibility (403). */
function find<T extends { id: string }>(
  items: T[],
  id: string,
  typeName: string,
  isHidden: (item: T) => boolean = (item) => 'hidden' in item && item.hidden === true,
): { item: T } | { refusal: SandboxResponse } {
  if (!isGuid(id)) return { refusal: graphError(400, 'BadRequest', 'Invalid id') };
  const item = items.find((candidate) => candidate.id.toLowerCase() === id.toLowerCase());
  if (!item) return { refusal: graphError(404, 'ResourceNotFound', `Resource '${id}' of type '${typeName}' does not exist or one of its queried reference-property objects are not present.`) };
  if (isHidden(item)) return { refusal: graphError(403, 'UnAuthorized', `The signed-in user is not authorized to access the ${typeName} '${id}'.`) };
  return { item };
}

/** Requests of hidden assignments are as hidden as their assignment. */
function requestIsHidden(data: TenantData): (r: AssignmentRequest) => boolean {
  const hidden = new Set(data.assignments.filter((a) => a.hidden).map((a) => a.id));
  return (r) => hidden.has(r.assignmentId);
}

function collection(ctx: GraphContext, set: string, value: unknown[], nextLink?: string): SandboxResponse {
  const body = { '@odata.context': `${ctx.baseUrl}/v1.0/$metadata#identityGovernance/entitlementManagement/${set}`, value };
  return { status: 200, body: nextLink ? { ...body, '@odata.nextLink': nextLink } : body };
}

function badRequest(parsed: Extract<Parsed<unknown>, { ok: false }>): SandboxResponse {
  return graphError(400, 'BadRequest', parsed.message);
}
