import { Client, RetryHandlerOptions, ResponseType } from '@microsoft/microsoft-graph-client';
import { TokenCredentialAuthenticationProvider } from '@microsoft/microsoft-graph-client/authProviders/azureTokenCredentials';
import type { TokenCredential } from '@azure/identity';

/** Where Graph is and which version to call. */
export interface GraphSettings {
  endpoint: string;
  version: 'v1.0' | 'beta';
  /** Total time a single interactive call may spend, retries included (Teams answers within ~10 s). */
  budgetMs: number;
}

/** Delegated entitlement-management scope for the configured Graph cloud. */
export function graphScopes(endpoint: string): string[] {
  return [`${endpoint}/EntitlementManagement.ReadWrite.All`];
}

/**
 * A Graph client for one user's credential. The SDK's RetryHandler honours Retry-After on 429/503/504; we bound
 * it by the call's time budget so an interactive command always answers in time.
 */
export function createGraphClient(credential: TokenCredential, settings: GraphSettings): GraphRequester {
  const client = Client.initWithMiddleware({
    authProvider: new TokenCredentialAuthenticationProvider(credential, { scopes: graphScopes(settings.endpoint) }),
    baseUrl: `${settings.endpoint}/`,
    defaultVersion: settings.version,
    // The SDK attaches the bearer token only to Graph's own hosts unless told about ours.
    customHosts: new Set([new URL(settings.endpoint).hostname]),
  });
  return new GraphRequester(client, settings.budgetMs);
}

/** Sends one Graph request with a fresh `client-request-id` and a bounded retry policy; never throws on HTTP status. */
export class GraphRequester {
  constructor(private readonly client: Client, private readonly budgetMs: number) {}

  async send(method: 'GET' | 'POST', path: string, clientRequestId: string, body?: unknown): Promise<Response> {
    const started = Date.now();
    const retry = new RetryHandlerOptions(1, 5, (_delay, _attempt, _req, _opts, response) => {
      const waitMs = retryAfterSeconds(response) * 1000;
      return Date.now() - started + waitMs <= this.budgetMs;
    });
    const request = this.client
      .api(path)
      .header('client-request-id', clientRequestId)
      .middlewareOptions([retry])
      // A hung connection must not outlive the budget either: abort the whole call (retries included).
      .option('signal', AbortSignal.timeout(this.budgetMs + 1_000))
      .responseType(ResponseType.RAW);
    return (await (method === 'GET' ? request.get() : request.post(body ?? {}))) as Response;
  }
}

/** Seconds Graph asked us to wait (Retry-After as seconds or HTTP date); 1 when absent. */
export function retryAfterSeconds(response: Response | undefined): number {
  const header = response?.headers.get('Retry-After');
  if (!header) return 1;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const date = Date.parse(header);
  return Number.isNaN(date) ? 1 : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}
