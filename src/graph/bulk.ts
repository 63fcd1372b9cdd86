import { randomUUID } from 'node:crypto';
import { BatchRequestContent, BatchResponseContent } from '@microsoft/microsoft-graph-client';
import { retryAfterSeconds } from './client';
import { isThrottled } from './limits';
import { collection, readGraphError } from './map';
import type { GraphResult } from './entitlement';

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

/** Builds the `$batch` body with the SDK's BatchRequestContent: one POST reprocess step per assignment. */
export async function batchBody(endpoint: string, assignmentsPath: string, ids: string[]): Promise<{ body: unknown; stepIds: Map<string, string> }> {
  const stepIds = new Map<string, string>();
  // Step URLs carry no version: BatchRequestContent strips the host, and the outer request names the version.
  const steps = ids.map((id, i) => {
    const clientRequestId = randomUUID();
    stepIds.set(String(i + 1), clientRequestId);
    const headers = { 'Content-Type': 'application/json', 'client-request-id': clientRequestId };
    const request = new Request(`${endpoint}${assignmentsPath}/${encodeURIComponent(id)}/reprocess`, { method: 'POST', headers, body: '{}' });
    return { id: String(i + 1), request };
  });
  return { body: await new BatchRequestContent(steps).getContent(), stepIds };
}

/** Reads a `$batch` response: each sub-response is judged on its own (the outer 200 means nothing). */
export async function batchResults(json: unknown, ids: string[], stepIds: Map<string, string>): Promise<BatchItemResult[]> {
  const responses = new BatchResponseContent(json as ConstructorParameters<typeof BatchResponseContent>[0]).getResponses();
  return Promise.all(
    ids.map(async (id, i) => {
      const step = String(i + 1);
      const response = responses.get(step);
      const clientRequestId = stepIds.get(step) ?? '';
      if (!response) return { id, status: 0, code: 'MissingBatchResponse', clientRequestId };
      const body: unknown = response.status >= 400 ? await response.json().catch(() => undefined) : undefined;
      const error = readGraphError(body);
      return {
        id,
        status: response.status,
        code: error.code,
        requestId: response.headers.get('request-id') ?? error.requestId,
        clientRequestId: response.headers.get('client-request-id') ?? clientRequestId,
        ...(isThrottled(response.status) ? { retryAfterSeconds: retryAfterSeconds(response) } : {}),
      };
    }),
  );
}

/** Lists delivered assignment ids of a package, following `@odata.nextLink` up to `max`. */
export async function listDelivered(
  firstPath: string,
  max: number,
  call: <T>(method: 'GET', path: string, read: (body: unknown) => T | Promise<T>) => Promise<GraphResult<T>>,
): Promise<GraphResult<PackageAssignments>> {
  const ids: string[] = [];
  let displayName: string | undefined;
  let next: string | undefined = firstPath;
  let last: GraphResult<{ next?: string }> | undefined;
  while (next && ids.length < max) {
    last = await call('GET', next, (body) => {
      for (const item of collection(body)) {
        const a = item as { id?: string; accessPackage?: { displayName?: string } };
        if (a.id) ids.push(a.id);
        displayName ??= a.accessPackage?.displayName;
      }
      return { next: (body as { '@odata.nextLink'?: string })['@odata.nextLink'] };
    });
    if (!last.ok) return last;
    next = last.value.next;
  }
  const value = { ids: ids.slice(0, max), displayName, truncated: ids.length > max || next !== undefined };
  return { ok: true, value, ids: last?.ids ?? { clientRequestId: '' } };
}
