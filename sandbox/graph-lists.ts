import { allowedIn, catalogOf, listScope } from './graph-access';
import type { AccessPackage, Assignment, AssignmentRequest } from './graph-data';
import { graphError } from './graph-errors';
import { page, project, unknownSelect } from './graph-page';
import { parseQuery, type FilterField, type Parsed, type Query, type QuerySpec } from './graph-query';
import type { GraphContext } from './graph-routes';
import { betaAssignment, betaRequestView, packageView, requestView, v1Assignment } from './graph-views';
import type { SandboxRequest, SandboxResponse } from './router';

type Version = 'v1.0' | 'beta';

const packageId: FilterField<{ accessPackageId: string }> = { kind: 'guid', read: (x) => x.accessPackageId };

// entitlementmanagement-list-assignments.md (v1.0) / entitlementmanagement-list-accesspackageassignments.md (beta):
// "$select, $filter, and $expand"; filters on accessPackage/id, state (beta: assignmentState) and target/objectid;
// $expand=target,accessPackage. No $top, no $orderby.
const ASSIGNMENTS: Record<Version, QuerySpec<Assignment>> = {
  'v1.0': {
    typeName: 'accessPackageAssignment',
    options: ['$filter', '$expand', '$select'],
    expand: ['target', 'accessPackage'],
    filter: {
      'accesspackage/id': packageId,
      state: { kind: 'enum', read: (a) => a.state },
      'target/objectid': { kind: 'guid', read: (a) => a.targetId },
    },
  },
  beta: {
    typeName: 'accessPackageAssignment',
    options: ['$filter', '$expand', '$select'],
    expand: ['target', 'accessPackage'],
    filter: {
      'accesspackage/id': packageId,
      assignmentstate: { kind: 'enum', read: (a) => a.state },
      'target/objectid': { kind: 'guid', read: (a) => a.targetId },
    },
  },
};

// entitlementmanagement-list-assignmentrequests.md (v1.0): "$select, $expand and $filter"; filters on
// accessPackage/id, createdDateTime (`gt 2022-04-01T00:00:01Z`) and state (FIELD-NOTES); $expand of assignment,
// accessPackage, requestor. Beta (entitlementmanagement-list-accesspackageassignmentrequests.md): requestState
// (`(requestState eq 'PendingApproval')`) and $expand=accessPackageAssignment. Not `assignment/id`, not $orderby.
function requestSpec(version: Version, packageOf: (r: AssignmentRequest) => string): QuerySpec<AssignmentRequest> {
  const accessPackage: FilterField<AssignmentRequest> = { kind: 'guid', read: packageOf };
  if (version === 'beta') {
    const filter = {
      'accesspackage/id': accessPackage,
      requeststate: { kind: 'enum', read: (r) => r.state },
    } satisfies QuerySpec<AssignmentRequest>['filter'];
    return {
      typeName: 'accessPackageAssignmentRequest',
      options: ['$filter', '$expand', '$select'],
      expand: ['accessPackageAssignment', 'accessPackage', 'requestor'],
      filter,
    };
  }
  const filter = {
    'accesspackage/id': accessPackage,
    createddatetime: { kind: 'dateTime', read: (r) => r.createdDateTime },
    state: { kind: 'enum', read: (r) => r.state },
  } satisfies QuerySpec<AssignmentRequest>['filter'];
  return {
    typeName: 'accessPackageAssignmentRequest',
    options: ['$filter', '$expand', '$select'],
    expand: ['assignment', 'accessPackage', 'requestor'],
    filter,
  };
}

// entitlementmanagement-list-accesspackages.md: "$select and $filter", e.g. `contains(tolower(displayName),'team')`;
// FIELD-NOTES adds `displayName eq '…'` and plain `contains(displayName,'…')`. No startswith, no $expand here.
const PACKAGES: QuerySpec<AccessPackage> = {
  typeName: 'accessPackage',
  options: ['$filter', '$select'],
  filter: { displayname: { kind: 'string', read: (p) => p.displayName, functions: ['contains', 'containsToLower'] } },
};

/** `GET …/assignments` (beta `…/accessPackageAssignments`). */
export function listAssignments(req: SandboxRequest, ctx: GraphContext, version: Version): SandboxResponse {
  return listScoped(
    req,
    ctx,
    ASSIGNMENTS[version],
    ctx.data.assignments,
    (a) => a.accessPackageId,
    (a, q) => (version === 'beta' ? betaAssignment(ctx.data, a, q.expand) : v1Assignment(ctx.data, a, q.expand)),
    version === 'beta' ? 'accessPackageAssignments' : 'assignments',
  );
}

/** `GET …/assignmentRequests` (beta `…/accessPackageAssignmentRequests`). */
export function listRequests(req: SandboxRequest, ctx: GraphContext, version: Version): SandboxResponse {
  const packageOf = (r: AssignmentRequest) =>
    ctx.data.assignments.find((a) => a.id === r.assignmentId)?.accessPackageId ?? '';
  return listScoped(
    req,
    ctx,
    requestSpec(version, packageOf),
    ctx.data.requests,
    packageOf,
    (r, q) => (version === 'beta' ? betaRequestView(ctx.data, r, q.expand) : requestView(ctx.data, r, q.expand)),
    version === 'beta' ? 'accessPackageAssignmentRequests' : 'assignmentRequests',
  );
}

/** `GET …/accessPackages`: "all the access packages that the caller has access to read, across all catalogs". */
export function listPackages(req: SandboxRequest, ctx: GraphContext, version: Version): SandboxResponse {
  const query = parseQuery(req.query, PACKAGES);
  if (!query.ok) return badRequest(query);
  const visible = ctx.data.accessPackages.filter(
    (p) => allowedIn(ctx.caller, p.catalogId, 'read') && query.value.filter(p),
  );
  return respond(
    req,
    ctx,
    // v1.0's accessPackage (CSDL) has no catalogId, only the `catalog` navigation; beta's has the property.
    visible.map((p) => ({ ...packageView(p, p.id), ...(version === 'beta' ? { catalogId: p.catalogId } : {}) })),
    query.value,
    { set: 'accessPackages', typeName: PACKAGES.typeName },
    version,
  );
}

function listScoped<T extends { id: string }>(
  req: SandboxRequest,
  ctx: GraphContext,
  spec: QuerySpec<T>,
  items: T[],
  packageOf: (item: T) => string,
  view: (item: T, query: Query<T>) => Record<string, unknown>,
  set: string,
): SandboxResponse {
  const query = parseQuery(req.query, spec);
  if (!query.ok) return badRequest(query);
  const scope = listScope(ctx.data, ctx.caller, query.value.equals.get('accesspackage/id'));
  if ('refusal' in scope) return scope.refusal;
  const inScope = (item: T) =>
    scope.catalogs === 'all' || scope.catalogs.has(catalogOf(ctx.data, packageOf(item)) ?? '');
  const hidden = new Set(ctx.data.assignments.filter((a) => a.hidden).map((a) => a.id));
  const visible = items.filter(
    (item) =>
      !hidden.has(item.id) &&
      !hidden.has((item as { assignmentId?: string }).assignmentId ?? '') &&
      inScope(item) &&
      query.value.filter(item),
  );
  return respond(
    req,
    ctx,
    visible.map((item) => view(item, query.value)),
    query.value,
    { set, typeName: spec.typeName },
    req.path.startsWith('/beta/') ? 'beta' : 'v1.0',
  );
}

function respond(
  req: SandboxRequest,
  ctx: GraphContext,
  entities: Record<string, unknown>[],
  query: { select?: string[]; expand?: Set<string> },
  { set, typeName }: { set: string; typeName: string },
  version: Version,
): SandboxResponse {
  const refused = unknownSelect(entities[0], query, typeName);
  if (refused) return graphError(400, 'BadRequest', refused);
  const paged = page(entities, req, ctx.baseUrl, ctx.pageSize);
  if (!paged.ok) return badRequest(paged);
  const value = paged.value.value.map((e) => project(e, query));
  const body = {
    '@odata.context': `${ctx.baseUrl}/${version}/$metadata#identityGovernance/entitlementManagement/${set}`,
    value,
  };
  return { status: 200, body: paged.value.nextLink ? { ...body, '@odata.nextLink': paged.value.nextLink } : body };
}

/** Graph's 400 for a query it refuses. */
export function badRequest(parsed: Extract<Parsed<unknown>, { ok: false }>): SandboxResponse {
  return graphError(400, 'BadRequest', parsed.message);
}
