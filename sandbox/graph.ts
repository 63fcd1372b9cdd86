import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Entra } from './entra';
import { missingContentType, serveBatch, type BatchThrottleStatus, type GraphCall } from './graph-batch';
import { authenticate, bearerToken, header } from './graph-auth';
import { demoTenant, type TenantData } from './graph-data';
import { graphError, throttled, withGraphHeaders } from './graph-errors';
import { InjectionPlan, WriteLimiter, type GraphInjection, type WriteLimit } from './graph-faults';
import { entitlementRoutes, type GraphContext } from './graph-routes';
import { startHttpsServer } from './https';
import { safeDecode, type Router, type SandboxResponse } from './router';
import { decodeJwt } from './jwt';

export type { GraphInjection, WriteLimit } from './graph-faults';
export type { BatchThrottleStatus } from './graph-batch';

/** Options of the Microsoft Graph emulator. */
export interface GraphOptions {
  entra: Entra;
  /** Served data (deep-copied); the demo tenant when omitted. */
  data?: TenantData;
  latencyMs?: number;
  port?: number;
  /** Items per page of a list (server-driven paging; default 100). */
  pageSize?: number;
  /** Outer status of a `$batch` with a throttled item (default 200; see graph-batch.ts). */
  batchThrottleStatus?: BatchThrottleStatus;
}

/** One call Graph answered (a `$batch` is recorded once itself and once per sub-request, `batched: true`). */
export interface GraphCallRecord {
  method: string;
  path: string;
  /** Percent-decoded query string, e.g. `$expand=target,accessPackage`. */
  query: string;
  oid?: string;
  /** The caller's `client-request-id`, when it sent one. */
  clientRequestId?: string;
  requestId: string;
  /** HTTP status; 0 when the connection was reset. */
  status: number;
  batched: boolean;
  at: number;
}

/** A running Microsoft Graph (entitlement management) emulator. */
export interface Graph {
  /** Origin, e.g. `https://127.0.0.1:PORT` (also the `aud` its tokens need). */
  url: string;
  /** The live data: reprocessing bumps `reprocessedCount`. */
  data: TenantData;
  calls: GraphCallRecord[];
  callsTo(method: string, path: RegExp): GraphCallRecord[];
  clearCalls(): void;
  inject(rule: GraphInjection): void;
  clearInjections(): void;
  setLatency(ms: number): void;
  /** Token bucket on reprocess POSTs; beyond it, 429 with Retry-After. `null` lifts the limit. */
  setWriteLimit(limit: WriteLimit | null): void;
  /** Which outer status a `$batch` with a throttled item gets: 200 (json-batching.md) or 424 (throttling.md). */
  setBatchThrottleStatus(status: BatchThrottleStatus): void;
  close(): Promise<void>;
}

interface GraphState {
  url: string;
  data: TenantData;
  entra: Entra;
  calls: GraphCallRecord[];
  injections: InjectionPlan;
  limiter: WriteLimiter;
  router: Router<GraphContext>;
  latencyMs: number;
  pageSize: number;
  batchThrottleStatus: BatchThrottleStatus;
}

/** Starts the Graph emulator (v1.0 + beta entitlement management, `$batch`, faults, throttling, call records). */
export async function startGraph(opts: GraphOptions): Promise<Graph> {
  const state: GraphState = {
    url: '',
    data: structuredClone(opts.data ?? demoTenant(opts.entra.tenantId)),
    entra: opts.entra,
    calls: [],
    injections: new InjectionPlan(),
    limiter: new WriteLimiter(),
    router: entitlementRoutes(),
    latencyMs: opts.latencyMs ?? 0,
    pageSize: opts.pageSize ?? 100,
    batchThrottleStatus: opts.batchThrottleStatus ?? 200,
  };
  const server = await startHttpsServer(async (req) => {
    if (state.latencyMs > 0) await sleep(state.latencyMs);
    return serveCall(state, { ...req, batched: false });
  }, opts.port);
  state.url = server.url;
  return {
    url: server.url,
    data: state.data,
    calls: state.calls,
    callsTo: (method, path) => state.calls.filter((c) => c.method === method.toUpperCase() && path.test(c.path)),
    clearCalls: () => void state.calls.splice(0),
    inject: (rule) => state.injections.add(rule),
    clearInjections: () => state.injections.clear(),
    setLatency: (ms) => void (state.latencyMs = ms),
    setWriteLimit: (limit) => state.limiter.set(limit),
    setBatchThrottleStatus: (status) => void (state.batchThrottleStatus = status),
    close: () => server.close(),
  };
}

/** One call through the pipeline: injection, `$batch`, authentication, write limit, routing; then headers and record. */
async function serveCall(state: GraphState, call: GraphCall): Promise<SandboxResponse> {
  const at = Date.now();
  const clientRequestId = header(call, 'client-request-id');
  const ids = { requestId: randomUUID(), clientRequestId: clientRequestId ?? randomUUID() };
  const answer = withGraphHeaders(await answerCall(state, call), ids);
  const oid = decodeJwt(bearerToken(call) ?? '')?.payload['oid'];
  state.calls.push({
    method: call.method,
    path: call.path,
    query: safeDecode(call.query.toString().replace(/\+/g, '%20')),
    oid: typeof oid === 'string' ? oid : undefined,
    clientRequestId,
    requestId: ids.requestId,
    status: answer.resetConnection ? 0 : answer.status,
    batched: call.batched,
    at,
  });
  return answer;
}

async function answerCall(state: GraphState, call: GraphCall): Promise<SandboxResponse> {
  const injected = await state.injections.apply(call.method, call.path);
  if (injected) return injected;
  if (!call.batched && call.method === 'POST' && /^\/(v1\.0|beta)\/\$batch$/.test(call.path)) {
    return serveBatch(call, (sub) => serveCall(state, sub), state.batchThrottleStatus);
  }
  const refused = missingContentType(call);
  if (refused) return refused;
  const auth = authenticate(state.entra, state.data, state.url, call);
  if ('refusal' in auth) return auth.refusal;
  if (call.method === 'POST' && call.path.endsWith('/reprocess')) {
    const wait = state.limiter.take();
    if (wait !== undefined) return throttled(wait);
  }
  const answer = await state.router.dispatch(call, {
    data: state.data,
    caller: auth.caller,
    baseUrl: state.url,
    pageSize: state.pageSize,
    now: Date.now(),
  });
  return answer ?? unknownSegment(call.path);
}

function unknownSegment(path: string): SandboxResponse {
  const segments = path.split('/').filter(Boolean).slice(1);
  const segment = segments[0] === 'identityGovernance' ? segments.at(-1) : segments[0];
  return graphError(400, 'BadRequest', `Resource not found for the segment '${segment ?? ''}'.`);
}
