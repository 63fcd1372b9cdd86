import { ConfigurationBotFrameworkAuthentication, type Activity } from 'botbuilder';
import {
  AuthenticationConstants,
  ConnectorFactory,
  type AuthenticateRequestResult,
  type ClaimsIdentity,
  type ConnectorClient,
  type UserTokenClient,
} from 'botframework-connector';

/** At most this many clients of each kind are kept; Teams uses a handful of service URLs per bot. */
const MAX_CLIENTS = 64;

/** Insertion-ordered map that forgets its oldest entry beyond `max`, and a rejected promise at once. */
export class ClientCache<T> {
  private readonly entries = new Map<string, Promise<T>>();

  constructor(private readonly max = MAX_CLIENTS) {}

  get size(): number {
    return this.entries.size;
  }

  getOrCreate(key: string, create: () => Promise<T>): Promise<T> {
    const cached = this.entries.get(key);
    if (cached) return cached;
    const created = create();
    this.entries.set(key, created);
    // A failed creation (e.g. a credential error) is retried by the next turn, never served from the cache.
    created.catch(() => {
      if (this.entries.get(key) === created) this.entries.delete(key);
    });
    if (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value as string);
    return created;
  }
}

/** The app id botbuilder acts as for these claims (audience for channel requests, appid for the emulator). */
function appIdOf(claims: ClaimsIdentity): string {
  return (
    claims.getClaimValue(AuthenticationConstants.AudienceClaim) ??
    claims.getClaimValue(AuthenticationConstants.AppIdClaim) ??
    ''
  );
}

/** Hands out one ConnectorClient per (app id, service URL, audience), created by the wrapped factory on first use. */
class CachedConnectorFactory extends ConnectorFactory {
  constructor(
    private readonly inner: ConnectorFactory,
    private readonly appId: string,
    private readonly cache: ClientCache<ConnectorClient>,
  ) {
    super();
  }

  override create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
    return this.cache.getOrCreate(JSON.stringify([this.appId, serviceUrl, audience ?? null]), () =>
      this.inner.create(serviceUrl, audience),
    );
  }
}

/**
 * botbuilder's channel authentication, reusing its outbound clients across turns. botbuilder builds a new
 * ConnectorClient and a new UserTokenClient (each a full HTTP pipeline, plus credentials) for every activity;
 * both are stateless apart from their credentials, whose tokens MSAL caches anyway. Each client depends only on
 * the app id it acts as and, for connectors, the service URL and audience, which are the cache keys.
 */
export class CachingBotFrameworkAuthentication extends ConfigurationBotFrameworkAuthentication {
  private readonly connectors = new ClientCache<ConnectorClient>();
  private readonly tokenClients = new ClientCache<UserTokenClient>();

  override async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    return this.cached(await super.authenticateRequest(activity, authHeader));
  }

  override async authenticateStreamingRequest(
    authHeader: string,
    channelIdHeader: string,
  ): Promise<AuthenticateRequestResult> {
    return this.cached(await super.authenticateStreamingRequest(authHeader, channelIdHeader));
  }

  override createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return new CachedConnectorFactory(
      super.createConnectorFactory(claimsIdentity),
      appIdOf(claimsIdentity),
      this.connectors,
    );
  }

  override createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    return this.tokenClients.getOrCreate(appIdOf(claimsIdentity), () => super.createUserTokenClient(claimsIdentity));
  }

  private cached(result: AuthenticateRequestResult): AuthenticateRequestResult {
    const { connectorFactory, claimsIdentity } = result;
    if (!connectorFactory) return result;
    return {
      ...result,
      connectorFactory: new CachedConnectorFactory(connectorFactory, appIdOf(claimsIdentity), this.connectors),
    };
  }
}
