import { randomUUID } from 'node:crypto';
import type { TokenCredential, AccessToken, GetTokenOptions } from '@azure/identity';
import { createGraphClient, retryAfterSeconds, type GraphRequester, type GraphSettings } from './client';
import { readGraphError, requestIds, toAssignmentView, toRequestView } from './map';
import {
  CredentialError,
  type AssignmentView,
  type CredentialFailure,
  type GraphFailure,
  type GraphResult,
  type RequestView,
} from './types';
import { isThrottled, NO_ANSWER } from './limits';
import {
  assignmentStates,
  batchBody,
  batchResults,
  listDelivered,
  readPage,
  type AssignmentStateResult,
  type BatchItemResult,
  type PackageAssignments,
} from './bulk';
import { latestRequest } from './latest-request';
import { packageSearchQuery, readPackages, type PackageMatches } from './packages';

/** The entitlement-management operations the bot performs as the signed-in admin. */
export interface EntitlementGateway {
  getAssignment(id: string): Promise<GraphResult<AssignmentView>>;
  reprocessAssignment(id: string): Promise<GraphResult<void>>;
  getRequest(id: string): Promise<GraphResult<RequestView>>;
  /** The most recent request of an assignment (looked up through its access package), if any. */
  latestRequestFor(
    assignment: Pick<AssignmentView, 'id' | 'accessPackage'>,
  ): Promise<GraphResult<RequestView | undefined>>;
  reprocessRequest(id: string): Promise<GraphResult<void>>;
  /** Delivered assignments of an access package (paged), at most `max`. */
  listDeliveredAssignments(accessPackageId: string, max: number): Promise<GraphResult<PackageAssignments>>;
  /** One `$batch` of up to 20 assignment reprocesses; each item carries its own status. */
  reprocessBatch(ids: string[]): Promise<GraphResult<BatchItemResult[]>>;
  /** One `$batch` of up to 20 assignment reads (`$select` of the state only); each item carries its own status. */
  readAssignmentStates(ids: string[]): Promise<GraphResult<AssignmentStateResult[]>>;
  /** Access packages whose display name contains `name` (case-insensitive), as far as the caller may read them. */
  findAccessPackages(name: string): Promise<GraphResult<PackageMatches>>;
}

/** Remembers why the credential failed, because the Graph SDK flattens the thrown error into a GraphError. */
class FailureRecordingCredential implements TokenCredential {
  lastFailure?: CredentialFailure;
  constructor(private readonly inner: TokenCredential) {}
  async getToken(scopes: string | string[], options?: GetTokenOptions): Promise<AccessToken | null> {
    try {
      return await this.inner.getToken(scopes, options);
    } catch (error) {
      if (error instanceof CredentialError) this.lastFailure = error.failure;
      throw error;
    }
  }
}

// Only query options the API pages document: $filter on accessPackage/id and state (beta: assignmentState),
// $expand; no $top, no $orderby, no filter on the request's assignment (FIELD-NOTES "Microsoft Graph").
const PATHS = {
  'v1.0': {
    assignments: '/identityGovernance/entitlementManagement/assignments',
    requests: '/identityGovernance/entitlementManagement/assignmentRequests',
    requestExpand: 'assignment,accessPackage',
    // Only what the latest-request lookup reads: every request of the package is listed, so keep pages small.
    latestSelect: '$select=id,state,status,requestType,createdDateTime&$expand=assignment',
    delivered: (pkg: string) => `accessPackage/id eq '${pkg}' and state eq 'delivered'`,
    stateSelect: '$select=id,state',
  },
  beta: {
    assignments: '/identityGovernance/entitlementManagement/accessPackageAssignments',
    requests: '/identityGovernance/entitlementManagement/accessPackageAssignmentRequests',
    requestExpand: 'accessPackageAssignment,accessPackage',
    latestSelect: '$select=id,requestState,requestStatus,requestType,createdDateTime&$expand=accessPackageAssignment',
    delivered: (pkg: string) => `accessPackage/id eq '${pkg}' and assignmentState eq 'Delivered'`,
    stateSelect: '$select=id,assignmentState',
  },
} as const;

type Raw =
  | { ok: true; status: number; body: unknown; ids: GraphResult<unknown>['ids']; response: Response }
  | Extract<GraphResult<never>, { ok: false }>;

/** Graph entitlement management over one user's delegated credential. */
export class GraphEntitlementGateway implements EntitlementGateway {
  private readonly credential: FailureRecordingCredential;
  private readonly requester: GraphRequester;
  private readonly paths: (typeof PATHS)[keyof typeof PATHS];
  private readonly endpoint: string;

  constructor(credential: TokenCredential, settings: GraphSettings) {
    this.endpoint = settings.endpoint;
    this.credential = new FailureRecordingCredential(credential);
    this.requester = createGraphClient(this.credential, settings);
    this.paths = PATHS[settings.version];
  }

  getAssignment(id: string): Promise<GraphResult<AssignmentView>> {
    return this.call(
      'GET',
      `${this.paths.assignments}/${encodeURIComponent(id)}?$expand=target,accessPackage`,
      toAssignmentView,
    );
  }

  reprocessAssignment(id: string): Promise<GraphResult<void>> {
    return this.call('POST', `${this.paths.assignments}/${encodeURIComponent(id)}/reprocess`, () => undefined);
  }

  getRequest(id: string): Promise<GraphResult<RequestView>> {
    return this.call(
      'GET',
      `${this.paths.requests}/${encodeURIComponent(id)}?$expand=${this.paths.requestExpand}`,
      toRequestView,
    );
  }

  async latestRequestFor(
    assignment: Pick<AssignmentView, 'id' | 'accessPackage'>,
  ): Promise<GraphResult<RequestView | undefined>> {
    const pkg = assignment.accessPackage?.id;
    if (!pkg) return { ok: true, value: undefined, ids: { clientRequestId: '' } };
    const filter = encodeURIComponent(`accessPackage/id eq '${pkg}'`);
    const first = `${this.paths.requests}?$filter=${filter}&${this.paths.latestSelect}`;
    return latestRequest(first, assignment.id, (path) => this.call('GET', path, readPage));
  }

  reprocessRequest(id: string): Promise<GraphResult<void>> {
    return this.call('POST', `${this.paths.requests}/${encodeURIComponent(id)}/reprocess`, () => undefined);
  }

  listDeliveredAssignments(accessPackageId: string, max: number): Promise<GraphResult<PackageAssignments>> {
    const filter = encodeURIComponent(this.paths.delivered(accessPackageId));
    const first = `${this.paths.assignments}?$filter=${filter}&$expand=accessPackage`;
    return listDelivered(first, max, (path) => this.call('GET', path, readPage));
  }

  async reprocessBatch(ids: string[]): Promise<GraphResult<BatchItemResult[]>> {
    const { body, stepIds } = await batchBody(this.endpoint, this.paths.assignments, ids);
    const raw = await this.raw('POST', '/$batch', body);
    if (!raw.ok) return raw;
    // The items are read whatever the outer status: a 424 (or 200) batch still carries every item's own answer.
    const items = batchResults(raw.body, ids, stepIds, raw.ids.requestId);
    return items ? { ok: true, value: items, ids: raw.ids } : this.failed(raw);
  }

  // accesspackageassignment-get.md: "It also supports the $select query parameter"; json-batching.md: GET steps.
  async readAssignmentStates(ids: string[]): Promise<GraphResult<AssignmentStateResult[]>> {
    const { body, stepIds } = await batchBody(this.endpoint, this.paths.assignments, ids, {
      method: 'GET',
      query: this.paths.stateSelect,
    });
    const raw = await this.raw('POST', '/$batch', body);
    if (!raw.ok) return raw;
    const items = batchResults(raw.body, ids, stepIds, raw.ids.requestId);
    return items ? { ok: true, value: assignmentStates(items), ids: raw.ids } : this.failed(raw);
  }

  findAccessPackages(name: string): Promise<GraphResult<PackageMatches>> {
    // The same path in v1.0 and beta (entitlementmanagement-list-accesspackages.md in both).
    const first = `/identityGovernance/entitlementManagement/accessPackages?${packageSearchQuery(name)}`;
    return readPackages(first, (path) => this.call('GET', path, readPage));
  }

  private async call<T>(
    method: 'GET' | 'POST',
    path: string,
    read: (body: unknown) => T,
    payload?: unknown,
  ): Promise<GraphResult<T>> {
    const raw = await this.raw(method, path, payload);
    if (!raw.ok) return raw;
    return raw.response.ok ? { ok: true, value: read(raw.body), ids: raw.ids } : this.failed(raw);
  }

  private async raw(method: 'GET' | 'POST', path: string, payload?: unknown): Promise<Raw> {
    const clientRequestId = randomUUID();
    let response: Response;
    try {
      response = await this.requester.send(method, path, clientRequestId, payload);
    } catch (error) {
      return this.transportFailure(error, clientRequestId);
    }
    const body: unknown = await response.json().catch(() => undefined);
    return { ok: true, status: response.status, body, ids: requestIds(response, clientRequestId, body), response };
  }

  private failed(raw: Extract<Raw, { ok: true }>): Extract<GraphResult<never>, { ok: false }> {
    const error = readGraphError(raw.body);
    const failure: GraphFailure = {
      status: raw.status,
      code: error.code ?? `HTTP${raw.status}`,
      message: error.message,
    };
    if (isThrottled(raw.status)) failure.retryAfterSeconds = retryAfterSeconds(raw.response);
    return { ok: false, failure, ids: raw.ids };
  }

  private transportFailure(error: unknown, clientRequestId: string): Extract<GraphResult<never>, { ok: false }> {
    const auth = this.credential.lastFailure;
    this.credential.lastFailure = undefined;
    const code = auth ? 'TokenUnavailable' : timedOut(error) ? NO_ANSWER.timeout : NO_ANSWER.noResponse;
    return { ok: false, failure: { status: 0, code }, auth, ids: { clientRequestId } };
  }
}

/**
 * True when the call was cut by its deadline. The SDK rethrows fetch's error as a GraphError whose `code` is the
 * error's name, or, when the error comes from another realm (not `instanceof Error` there), keeps it as `body`.
 */
function timedOut(error: unknown): boolean {
  const e = error as { name?: unknown; code?: unknown; body?: { name?: unknown } } | null;
  const names = [e?.name, e?.code, e?.body?.name];
  return names.some((n) => n === 'TimeoutError' || n === 'AbortError');
}
