import type { SandboxResponse } from './router';

/** Graph's usual error code for a status, when a test does not name one. */
export function defaultCode(status: number): string {
  const codes: Record<number, string> = {
    400: 'BadRequest',
    401: 'InvalidAuthenticationToken',
    403: 'Forbidden',
    404: 'ResourceNotFound',
    409: 'Conflict',
    429: 'TooManyRequests',
    500: 'InternalServerError',
    502: 'BadGateway',
    503: 'ServiceUnavailable',
    504: 'GatewayTimeout',
  };
  return codes[status] ?? 'UnknownError';
}

/** An error answer `{error:{code, message}}`; `withGraphHeaders` adds the `innerError` ids. */
export function graphError(
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
): SandboxResponse {
  return { status, body: { error: { code, message } }, headers };
}

/** 429 as Graph sends it, with `Retry-After` in seconds. */
export function throttled(retryAfterSeconds: number, code = 'TooManyRequests'): SandboxResponse {
  const message = `Too many requests. Retry after ${retryAfterSeconds} seconds.`;
  return graphError(429, code, message, { 'Retry-After': String(retryAfterSeconds) });
}

/** Correlation ids of one Graph call. */
export interface CallIds {
  requestId: string;
  clientRequestId: string;
}

const JSON_TYPE = 'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8';

/** Adds the headers every Graph answer carries, and `innerError` (`request-id`, `client-request-id`, `date`) to error bodies. */
export function withGraphHeaders(answer: SandboxResponse, ids: CallIds): SandboxResponse {
  const now = new Date();
  const headers: Record<string, string> = {
    ...answer.headers,
    'request-id': ids.requestId,
    'client-request-id': ids.clientRequestId,
    date: now.toUTCString(),
    'strict-transport-security': 'max-age=31536000',
    'x-ms-ags-diagnostic': JSON.stringify({
      ServerInfo: { DataCenter: 'Sandbox', Slice: 'E', Ring: '5', ScaleUnit: '000', RoleInstance: 'SANDBOX' },
    }),
  };
  if (answer.body === undefined) return { ...answer, headers };
  headers['content-type'] = JSON_TYPE;
  headers['odata-version'] = '4.0';
  return { ...answer, headers, body: withInnerError(answer.body, ids, now) };
}

function withInnerError(body: unknown, ids: CallIds, now: Date): unknown {
  if (typeof body !== 'object' || body === null || !('error' in body)) return body;
  const error = (body as { error: Record<string, unknown> }).error;
  const innerError = {
    date: now.toISOString().slice(0, 19),
    'request-id': ids.requestId,
    'client-request-id': ids.clientRequestId,
  };
  return { ...body, error: { ...error, innerError } };
}
