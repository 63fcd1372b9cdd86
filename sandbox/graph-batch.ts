import { graphError } from './graph-errors';
import type { SandboxRequest, SandboxResponse } from './router';

/** A Graph call as the pipeline sees it: a top-level request or one `$batch` sub-request. */
export type GraphCall = SandboxRequest & { batched: boolean };

interface BatchItem {
  id: string;
  method: string;
  url: string;
  headers?: Record<string, string>;
  body?: unknown;
}

/** Graph's `$batch` limit (concepts/json-batching.md, "Batch size limitations"). */
export const MAX_BATCH_REQUESTS = 20;

/**
 * The outer status of a `$batch` in which a sub-request was throttled. The docs disagree: json-batching.md says a
 * parseable batch is 200 whatever its items; throttling.md ("Throttling and batching") says the batch itself fails
 * with 424. Both are served so the bot is tested against both.
 */
export type BatchThrottleStatus = 200 | 424;

const SUB_JSON = 'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8';

/**
 * `POST /{version}/$batch` (concepts/json-batching.md): routes each sub-request through `serve` (so each is
 * authenticated, throttled and injected on its own) and answers `{responses:[{id, status, headers, body}]}` in
 * the order they completed ("might appear in a different order than the requests").
 */
export async function serveBatch(
  call: GraphCall,
  serve: (sub: GraphCall) => Promise<SandboxResponse>,
  throttleStatus: BatchThrottleStatus,
): Promise<SandboxResponse> {
  const items = readBatch(call.body);
  if (typeof items === 'string') return graphError(400, 'BadRequest', items);
  const version = call.path.split('/')[1] ?? 'v1.0';
  const responses: Record<string, unknown>[] = [];
  let reset = false;
  await Promise.all(
    items.map(async (item) => {
      const answer = await serve(subCall(item, call, version));
      reset ||= answer.resetConnection === true;
      responses.push({
        id: item.id,
        status: answer.status,
        headers: subHeaders(answer),
        ...(answer.body === undefined ? {} : { body: answer.body }),
      });
    }),
  );
  if (reset) return { status: 0, resetConnection: true };
  const throttledItem = responses.some((r) => r['status'] === 429);
  return { status: throttledItem ? throttleStatus : 200, body: { responses } };
}

/**
 * Sub-response headers as json-batching.md shows them: `Cache-Control`, `Content-Type` (that casing) with a body,
 * `Retry-After` on a throttled item. No `request-id`: error bodies carry it in `innerError`.
 */
function subHeaders(answer: SandboxResponse): Record<string, string> {
  const headers: Record<string, string> = { 'Cache-Control': 'no-cache' };
  const retryAfter = Object.entries(answer.headers ?? {}).find(([key]) => key.toLowerCase() === 'retry-after')?.[1];
  if (retryAfter !== undefined) headers['Retry-After'] = retryAfter;
  if (answer.body !== undefined) headers['Content-Type'] = isError(answer.body) ? 'application/json' : SUB_JSON;
  return headers;
}

const isError = (body: unknown) => typeof body === 'object' && body !== null && 'error' in body;

/** The sub-requests, or why the payload is refused. Absolute URLs are refused, as Graph does. */
function readBatch(body: unknown): BatchItem[] | string {
  const requests = typeof body === 'object' && body !== null ? (body as { requests?: unknown }).requests : undefined;
  if (!Array.isArray(requests) || requests.length === 0) return 'Invalid batch payload format.';
  if (requests.length > MAX_BATCH_REQUESTS)
    return `The number of batch requests exceeds the limit of ${MAX_BATCH_REQUESTS}.`;
  const valid = requests.every(
    (r: unknown) =>
      typeof r === 'object' &&
      r !== null &&
      typeof (r as BatchItem).id === 'string' &&
      typeof (r as BatchItem).method === 'string' &&
      typeof (r as BatchItem).url === 'string' &&
      !/^https?:/i.test((r as BatchItem).url),
  );
  if (!valid) return 'Invalid batch payload format.';
  const items = requests as BatchItem[];
  // "id … Not case-sensitive. Must be unique in the batch, otherwise, the batch request fails with a 400."
  if (new Set(items.map((i) => i.id.toLowerCase())).size !== items.length) return 'Batch request ids must be unique.';
  return items;
}

function subCall(item: BatchItem, outer: GraphCall, version: string): GraphCall {
  const url = new URL(item.url.startsWith('/') ? item.url : `/${item.url}`, 'https://batch.invalid');
  const headers = Object.fromEntries(Object.entries(item.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
  return {
    method: item.method.toUpperCase(),
    path: `/${version}${url.pathname}`,
    query: url.searchParams,
    headers: { ...headers, authorization: outer.headers.authorization },
    body: item.body,
    rawBody: '',
    params: {},
    batched: true,
  };
}

/** "When a body is included with the request, the headers object must contain a value for Content-Type." */
export function missingContentType(call: GraphCall): SandboxResponse | undefined {
  if (!call.batched || call.body === undefined || call.headers['content-type']) return undefined;
  return graphError(400, 'BadRequest', 'Content-Type header is required when a body is present in a batch request.');
}
