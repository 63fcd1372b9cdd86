import { randomUUID } from 'node:crypto';
import { BatchRequestContent } from '@microsoft/microsoft-graph-client';
import { parseRetryAfter } from './client';
import { isThrottled } from './limits';
import { collection, readGraphError, toAssignmentView } from './map';
import type { AssignmentState, GraphResult } from './types';

/** Graph's `$batch` limit. */
export const BATCH_SIZE = 20;

/** What Graph answered for one assignment of a batch. */
export interface BatchItemResult {
  id: string;
  status: number;
  code?: string;
  retryAfterSeconds?: number;
  requestId?: string;
  clientRequestId: string;
}

/** The delivered assignments of one access package. */
export interface PackageAssignments {
  ids: string[];
  displayName?: string;
  /** True when the package had more than the limit asked for. */
  truncated: boolean;
}

/** What each step of a batch does to its assignment: reprocess it, or read it (GET with a query such as `$select`). */
export type BatchStep = { method: 'POST'; action: '/reprocess' } | { method: 'GET'; query: string };

/** Builds the `$batch` body with the SDK's BatchRequestContent: one step per assignment. */
export async function batchBody(
  endpoint: string,
  assignmentsPath: string,
  ids: string[],
  step: BatchStep = { method: 'POST', action: '/reprocess' },
): Promise<{ body: unknown; stepIds: Map<string, string> }> {
  const stepIds = new Map<string, string>();
  // Step URLs carry no version: BatchRequestContent strips the host, and the outer request names the version.
  const steps = ids.map((id, i) => {
    const clientRequestId = randomUUID();
    stepIds.set(String(i + 1), clientRequestId);
    const url = `${endpoint}${assignmentsPath}/${encodeURIComponent(id)}`;
    // json-batching.md: "When a body is included with the request, the headers object must contain a value for Content-Type."
    const request =
      step.method === 'POST'
        ? new Request(`${url}${step.action}`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', 'client-request-id': clientRequestId },
            body: '{}',
          })
        : new Request(`${url}?${step.query}`, { method: 'GET', headers: { 'client-request-id': clientRequestId } });
    return { id: String(i + 1), request };
  });
  return { body: await new BatchRequestContent(steps).getContent(), stepIds };
}

type Json = Record<string, unknown>;

/**
 * Reads a `$batch` answer's `responses`, whatever the outer status (200 per json-batching.md, 424 per
 * throttling.md when an item was throttled): each item keeps its own status, error code and Retry-After.
 * Sub-response headers are matched case-insensitively and bodies read as they are (the SDK's
 * BatchResponseContent decodes JSON only under an exact `Content-Type` key). Graph documents no `request-id`
 * header on sub-responses: an item's request id is its error body's, else the batch's own.
 * `undefined` when the answer has no `responses` (the batch itself failed).
 */
export function batchResults(
  json: unknown,
  ids: string[],
  stepIds: Map<string, string>,
  batchRequestId: string | undefined,
): (BatchItemResult & { body?: unknown })[] | undefined {
  const responses = (json as { responses?: unknown } | undefined)?.responses;
  if (!Array.isArray(responses)) return undefined;
  const byStep = new Map<string, Json>();
  for (const r of responses)
    if (typeof r === 'object' && r !== null) byStep.set(String((r as Json).id).toLowerCase(), r as Json);
  return ids.map((id, i) => {
    const step = String(i + 1);
    const response = byStep.get(step);
    const clientRequestId = stepIds.get(step) ?? '';
    if (!response || typeof response.status !== 'number')
      return { id, status: 0, code: 'MissingBatchResponse', clientRequestId, requestId: batchRequestId };
    const headers = lowerKeys(response.headers);
    const error = readGraphError(response.body);
    return {
      id,
      status: response.status,
      ...(error.code ? { code: error.code } : {}),
      requestId: headers['request-id'] ?? error.requestId ?? batchRequestId,
      clientRequestId: headers['client-request-id'] ?? clientRequestId,
      ...(isThrottled(response.status) ? { retryAfterSeconds: parseRetryAfter(headers['retry-after']) } : {}),
      ...(response.body !== undefined ? { body: response.body } : {}),
    };
  });
}

/** What Graph answered for one assignment's state read in a batch; `state` when the read succeeded. */
export interface AssignmentStateResult {
  id: string;
  status: number;
  state?: AssignmentState;
  retryAfterSeconds?: number;
}

/** The states read by a batch of `GET …/assignments/{id}?$select=id,state` (beta: `assignmentState`). */
export function assignmentStates(items: (BatchItemResult & { body?: unknown })[]): AssignmentStateResult[] {
  return items.map(({ id, status, retryAfterSeconds, body }) => ({
    id,
    status,
    ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}),
    ...(status === 200 ? { state: toAssignmentView(body).state } : {}),
  }));
}

function lowerKeys(headers: unknown): Record<string, string> {
  if (typeof headers !== 'object' || headers === null) return {};
  return Object.fromEntries(
    Object.entries(headers)
      .filter(([, v]) => typeof v === 'string')
      .map(([k, v]) => [k.toLowerCase(), v as string]),
  );
}

/** One GET of a paged list: its items and the next page's link. */
export type PageCall = (path: string) => Promise<GraphResult<{ items: unknown[]; next?: string }>>;

/** Reads a collection page: `value` and `@odata.nextLink`. */
export function readPage(body: unknown): { items: unknown[]; next?: string } {
  const next = (body as { '@odata.nextLink'?: unknown } | undefined)?.['@odata.nextLink'];
  return { items: collection(body), ...(typeof next === 'string' ? { next } : {}) };
}

/** Lists delivered assignment ids of a package, following `@odata.nextLink` up to `max`. */
export async function listDelivered(
  firstPath: string,
  max: number,
  get: PageCall,
): Promise<GraphResult<PackageAssignments>> {
  const ids: string[] = [];
  let displayName: string | undefined;
  let next: string | undefined = firstPath;
  let last: Extract<Awaited<ReturnType<PageCall>>, { ok: true }> | undefined;
  while (next && ids.length < max) {
    const page = await get(next);
    if (!page.ok) return page;
    for (const item of page.value.items) {
      const a = item as { id?: string; accessPackage?: { displayName?: string } };
      if (a.id) ids.push(a.id);
      displayName ??= a.accessPackage?.displayName;
    }
    last = page;
    next = page.value.next;
  }
  const value = { ids: ids.slice(0, max), displayName, truncated: ids.length > max || next !== undefined };
  return { ok: true, value, ids: last?.ids ?? { clientRequestId: '' } };
}
