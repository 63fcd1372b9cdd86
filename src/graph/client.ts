import { Client, RetryHandlerOptions, ResponseType } from '@microsoft/microsoft-graph-client';
import { TokenCredentialAuthenticationProvider } from '@microsoft/microsoft-graph-client/authProviders/azureTokenCredentials';
import type { TokenCredential } from '@azure/identity';

/** Where Graph is and which version to call. */
export interface GraphSettings {
  endpoint: string;
  version: 'v1.0' | 'beta';
  /** Time Graph work may take, retries and waits included. */
  budgetMs: number;
  /**
   * `command`: one budget for every call of this client, counted from its creation (an interactive command makes
   * several calls and must answer within Teams' ~10 s as a whole). `call`: each call gets the whole budget
   * (a background job's batches).
   */
  budgetPer: 'command' | 'call';
  /** Wraps each call (telemetry: a dependency span and latency); absent = calls are sent as they are. */
  observe?: GraphCallObserver;
}

/** Sees every Graph call the requester sends (one call, SDK retries included). */
export type GraphCallObserver = (
  call: { method: string; path: string; version: string; host: string; clientRequestId: string },
  send: () => Promise<Response>,
) => Promise<Response>;

/** Delegated entitlement-management scope for the configured Graph cloud. */
export function graphScopes(endpoint: string): string[] {
  return [`${endpoint}/EntitlementManagement.ReadWrite.All`];
}

/** The SDK's retry policy we configure: first backoff 1 s, waits capped at 5 s. */
const RETRY_DELAY_SECONDS = 1;
const RETRY_MAX_DELAY_SECONDS = 5;
/** A retry that would leave less than this for the retried call itself is not worth starting. */
const MIN_ATTEMPT_MS = 500;

/**
 * A Graph client for one user's credential. The SDK's RetryHandler honours Retry-After on 429/503/504; we bound
 * it by the time budget so an interactive command always answers in time.
 */
export function createGraphClient(credential: TokenCredential, settings: GraphSettings): GraphRequester {
  const client = Client.initWithMiddleware({
    authProvider: new TokenCredentialAuthenticationProvider(credential, { scopes: graphScopes(settings.endpoint) }),
    baseUrl: `${settings.endpoint}/`,
    defaultVersion: settings.version,
    // The SDK attaches the bearer token only to Graph's own hosts unless told about ours.
    customHosts: new Set([new URL(settings.endpoint).hostname]),
  });
  return new GraphRequester(client, settings);
}

/** Graph gave no answer within the budget (or no time was left to ask); worded as a timeout, never as an HTTP status. */
export class GraphTimeoutError extends Error {
  override readonly name = 'TimeoutError';
}

/** Sends one Graph request with a fresh `client-request-id` and a bounded retry policy; never throws on HTTP status. */
export class GraphRequester {
  private readonly commandDeadline: number | undefined;

  constructor(
    private readonly client: Client,
    private readonly settings: Pick<GraphSettings, 'budgetMs' | 'budgetPer'> &
      Partial<Pick<GraphSettings, 'endpoint' | 'version' | 'observe'>>,
  ) {
    this.commandDeadline = settings.budgetPer === 'command' ? Date.now() + settings.budgetMs : undefined;
  }

  async send(method: 'GET' | 'POST', path: string, clientRequestId: string, body?: unknown): Promise<Response> {
    const deadline = this.commandDeadline ?? Date.now() + this.settings.budgetMs;
    const remaining = deadline - Date.now();
    if (remaining < MIN_ATTEMPT_MS) throw new GraphTimeoutError('No time was left in the budget for this Graph call.');
    // The SDK's sleep between attempts ignores the abort signal, so a retry is allowed only when its real wait
    // (as the SDK will compute it, jitter included) and a minimal attempt still fit before the deadline.
    const retry = new RetryHandlerOptions(
      RETRY_DELAY_SECONDS,
      RETRY_MAX_DELAY_SECONDS,
      (_delay, attempt, _req, _opts, response) =>
        Date.now() + retryWaitSeconds(response, attempt + 1) * 1000 + MIN_ATTEMPT_MS <= deadline,
    );
    const request = this.client
      .api(path)
      .header('client-request-id', clientRequestId)
      .middlewareOptions([retry])
      // A hung connection must not outlive the budget either: the deadline aborts the call in flight.
      .option('signal', AbortSignal.timeout(remaining))
      .responseType(ResponseType.RAW);
    const send = async () => (await (method === 'GET' ? request.get() : request.post(body ?? {}))) as Response;
    const { observe, endpoint = '', version = '' } = this.settings;
    return observe
      ? observe({ method, path, version, host: endpoint ? new URL(endpoint).host : '', clientRequestId }, send)
      : send();
  }
}

/**
 * The longest the SDK's RetryHandler will sleep before retry number `attempt` (1-based): Retry-After when given,
 * else exponential backoff plus the configured delay; capped at the maximum delay; plus up to 1 s of jitter.
 * Infinity when Graph asked for a longer wait than the SDK would keep: its cap would retry too early, so the
 * caller gets the 429/503 and its Retry-After instead.
 */
export function retryWaitSeconds(response: Response | undefined, attempt: number): number {
  if (response?.headers.get('Retry-After')) {
    const asked = retryAfterSeconds(response);
    return asked > RETRY_MAX_DELAY_SECONDS ? Number.POSITIVE_INFINITY : asked + 1;
  }
  const backoff = attempt >= 2 ? Math.round(0.5 * (2 ** attempt - 1)) + RETRY_DELAY_SECONDS : RETRY_DELAY_SECONDS;
  return Math.min(backoff, RETRY_MAX_DELAY_SECONDS) + 1;
}

/** Seconds Graph asked us to wait (Retry-After as seconds or HTTP date); 1 when absent. */
export function retryAfterSeconds(response: Response | undefined): number {
  return parseRetryAfter(response?.headers.get('Retry-After'));
}

/** A `Retry-After` value (seconds or HTTP date) in seconds; 1 when absent or unreadable. */
export function parseRetryAfter(header: string | null | undefined): number {
  if (!header) return 1;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const date = Date.parse(header);
  return Number.isNaN(date) ? 1 : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}
