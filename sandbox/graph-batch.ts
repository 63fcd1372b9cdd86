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

/** Graph's `$batch` limit. */
export const MAX_BATCH_REQUESTS = 20;

/**
 * `POST /{version}/$batch`: routes each sub-request through `serve` (so each is authenticated, throttled and
 * injected on its own) and answers `{responses:[{id, status, headers, body}]}`. Sub-requests run concurrently.
 */
export async function serveBatch(call: GraphCall, serve: (sub: GraphCall) => Promise<SandboxResponse>): Promise<SandboxResponse> {
  const items = readBatch(call.body);
  if (typeof items === 'string') return graphError(400, 'BadRequest', items);
  const version = call.path.split('/')[1] ?? 'v1.0';
  const answers = await Promise.all(items.map((item) => serve(subCall(item, call, version))));
  if (answers.some((a) => a.resetConnection)) return { status: 0, resetConnection: true };
  const responses = items.map((item, i) => {
    const answer = answers[i] ?? { status: 500 };
    return { id: item.id, status: answer.status, headers: answer.headers ?? {}, ...(answer.body === undefined ? {} : { body: answer.body }) };
  });
  return { status: 200, body: { responses } };
}

/** The sub-requests, or why the payload is refused. Absolute URLs are refused, as Graph does. */
function readBatch(body: unknown): BatchItem[] | string {
  const requests = typeof body === 'object' && body !== null ? (body as { requests?: unknown }).requests : undefined;
  if (!Array.isArray(requests) || requests.length === 0) return 'Invalid batch payload format.';
  if (requests.length > MAX_BATCH_REQUESTS) return `The number of batch requests exceeds the limit of ${MAX_BATCH_REQUESTS}.`;
  const valid = requests.every(
    (r: unknown) =>
      typeof r === 'object' && r !== null && typeof (r as BatchItem).id === 'string' && typeof (r as BatchItem).method === 'string' &&
      typeof (r as BatchItem).url === 'string' && !/^https?:/i.test((r as BatchItem).url),
  );
  if (!valid) return 'Invalid batch payload format.';
  const items = requests as BatchItem[];
  if (new Set(items.map((i) => i.id)).size !== items.length) return 'Batch request ids must be unique.';
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
