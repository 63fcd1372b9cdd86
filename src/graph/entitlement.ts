import { randomUUID } from 'node:crypto';
import type { TokenCredential, AccessToken, GetTokenOptions } from '@azure/identity';
import { OboError, type OboFailure } from '../auth/errors';
import { createGraphClient, retryAfterSeconds, type GraphRequester, type GraphSettings } from './client';
import { collection, readGraphError, requestIds, toAssignmentView, toRequestView, type GraphFailure } from './map';
import type { AssignmentView, RequestIds, RequestView } from './types';
import { isThrottled, NO_ANSWER } from './limits';
import { batchBody, batchResults, listDelivered, type BatchItemResult, type PackageAssignments } from './bulk';

/** Result of one Graph operation: a value, or a failure; both carry the call's correlation ids. */
export type GraphResult<T> =
  | { ok: true; value: T; ids: RequestIds }
  | { ok: false; failure: GraphFailure; auth?: OboFailure; ids: RequestIds };

/** The entitlement-management operations the bot performs as the signed-in admin. */
export interface EntitlementGateway {
  getAssignment(id: string): Promise<GraphResult<AssignmentView>>;
  reprocessAssignment(id: string): Promise<GraphResult<void>>;
  getRequest(id: string): Promise<GraphResult<RequestView>>;
  /** The most recent request of an assignment, if any. */
  latestRequestFor(assignmentId: string): Promise<GraphResult<RequestView | undefined>>;
  reprocessRequest(id: string): Promise<GraphResult<void>>;
  /** Delivered assignments of an access package (paged), at most `max`. */
  listDeliveredAssignments(accessPackageId: string, max: number): Promise<GraphResult<PackageAssignments>>;
  /** One `$batch` of up to 20 assignment reprocesses; each item carries its own status. */
  reprocessBatch(ids: string[]): Promise<GraphResult<BatchItemResult[]>>;
}

/** Remembers why the credential failed, because the Graph SDK flattens the thrown error into a GraphError. */
class FailureRecordingCredential implements TokenCredential {
  lastFailure?: OboFailure;
  constructor(private readonly inner: TokenCredential) {}
  async getToken(scopes: string | string[], options?: GetTokenOptions): Promise<AccessToken | null> {
    try {
      return await this.inner.getToken(scopes, options);
    } catch (error) {
      if (error instanceof OboError) this.lastFailure = error.failure;
      throw error;
    }
  }
}

const PATHS = {
  'v1.0': {
    assignments: '/identityGovernance/entitlementManagement/assignments',
    requests: '/identityGovernance/entitlementManagement/assignmentRequests',
    requestExpand: 'assignment,accessPackage',
    assignmentFilter: 'assignment/id',
    delivered: (pkg: string) => `accessPackage/id eq '${pkg}' and state eq 'delivered'`,
  },
  beta: {
    assignments: '/identityGovernance/entitlementManagement/accessPackageAssignments',
    requests: '/identityGovernance/entitlementManagement/accessPackageAssignmentRequests',
    requestExpand: 'accessPackageAssignment,accessPackage',
    assignmentFilter: 'accessPackageAssignment/id',
    delivered: (pkg: string) => `accessPackage/id eq '${pkg}' and assignmentState eq 'Delivered'`,
  },
} as const;

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
    const path = `${this.paths.assignments}/${encodeURIComponent(id)}?$expand=target,accessPackage`;
    return this.call('GET', path, (body) => toAssignmentView(body));
  }

  reprocessAssignment(id: string): Promise<GraphResult<void>> {
    return this.call('POST', `${this.paths.assignments}/${encodeURIComponent(id)}/reprocess`, () => undefined);
  }

  getRequest(id: string): Promise<GraphResult<RequestView>> {
    const path = `${this.paths.requests}/${encodeURIComponent(id)}?$expand=${this.paths.requestExpand}`;
    return this.call('GET', path, (body) => toRequestView(body));
  }

  latestRequestFor(assignmentId: string): Promise<GraphResult<RequestView | undefined>> {
    const filter = encodeURIComponent(`${this.paths.assignmentFilter} eq '${assignmentId}'`);
    const path = `${this.paths.requests}?$filter=${filter}&$orderby=createdDateTime desc&$top=1&$expand=${this.paths.requestExpand}`;
    return this.call('GET', path, (body) => collection(body).map(toRequestView)[0]);
  }

  reprocessRequest(id: string): Promise<GraphResult<void>> {
    return this.call('POST', `${this.paths.requests}/${encodeURIComponent(id)}/reprocess`, () => undefined);
  }

  listDeliveredAssignments(accessPackageId: string, max: number): Promise<GraphResult<PackageAssignments>> {
    const filter = encodeURIComponent(this.paths.delivered(accessPackageId));
    const path = `${this.paths.assignments}?$filter=${filter}&$expand=accessPackage&$top=999`;
    return listDelivered(path, max, (method, p, read) => this.call(method, p, read));
  }

  async reprocessBatch(ids: string[]): Promise<GraphResult<BatchItemResult[]>> {
    const { body, stepIds } = await batchBody(this.endpoint, this.paths.assignments, ids);
    return this.call('POST', '/$batch', (json) => batchResults(json, ids, stepIds), body);
  }

  private async call<T>(method: 'GET' | 'POST', path: string, read: (body: unknown) => T | Promise<T>, payload?: unknown): Promise<GraphResult<T>> {
    const clientRequestId = randomUUID();
    let response: Response;
    try {
      response = await this.requester.send(method, path, clientRequestId, payload);
    } catch (error) {
      return this.transportFailure(error, clientRequestId);
    }
    const body: unknown = await response.json().catch(() => undefined);
    const ids = requestIds(response, clientRequestId, body);
    if (response.ok) return { ok: true, value: await read(body), ids };
    const error = readGraphError(body);
    const failure: GraphFailure = { status: response.status, code: error.code ?? `HTTP${response.status}`, message: error.message };
    if (isThrottled(response.status)) failure.retryAfterSeconds = retryAfterSeconds(response);
    return { ok: false, failure, ids };
  }

  private transportFailure(error: unknown, clientRequestId: string): GraphResult<never> {
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
