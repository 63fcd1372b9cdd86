import { addConnectorRoutes, describeCall, type ChannelMember, type ConnectorCall } from './channel-connector';
import type { Entra } from './entra';
import { startHttpsServer } from './https';
import { Router, type SandboxRequest } from './router';
import { lifetimeClaims, signJwt, type Claims } from './jwt';
import { createSigningKey, toJwks } from './keys';
import { Recorder } from './recorder';

export type { ChannelMember, ConnectorCall } from './channel-connector';

/** Options of the Bot Framework channel emulator. */
export interface ChannelOptions {
  entra: Entra;
  /** The bot's app id; '' = anonymous local mode (no tokens either way). */
  botAppId: string;
  tenantId: string;
  /** Users the connector knows (`GET …/members/{id}`). */
  members?: ChannelMember[];
  port?: number;
}

/** How to mint a channel token; defaults give a valid one. */
export interface ChannelTokenOptions {
  audience?: string;
  serviceUrl?: string;
  issuer?: string;
  /** Negative = already expired; validators allow 5 minutes of clock skew, so use -600 or less. */
  expiresInSeconds?: number;
  /** `rogue` signs with a key that is not published (a forgery carrying the real `kid`). */
  signWith?: 'channel' | 'rogue';
  /** `none` gives an unsigned token. */
  alg?: 'RS256' | 'none';
}

/** A running Bot Framework channel emulator: OpenID metadata + JWKS for inbound auth, and a recording connector. */
export interface Channel {
  url: string;
  /** The `serviceUrl` activities carry (`${url}/`). */
  serviceUrl: string;
  openIdMetadataUrl: string;
  issuer: string;
  signChannelToken(opts?: ChannelTokenOptions): string;
  records: ConnectorCall[];
  waitFor(predicate: (call: ConnectorCall) => boolean, timeoutMs?: number): Promise<ConnectorCall>;
  clear(): void;
  close(): Promise<void>;
}

/** The issuer of Bot Framework channel tokens. */
export const CHANNEL_ISSUER = 'https://api.botframework.com';

/** Starts the channel emulator. */
export async function startChannel(opts: ChannelOptions): Promise<Channel> {
  const channelKey = createSigningKey();
  const rogueKey = createSigningKey();
  const recorder = new Recorder<ConnectorCall>(describeCall);
  const base = { url: '' };
  const router = new Router<string | undefined>()
    .add('GET', '/v1/.well-known/openidconfiguration', () => ({ status: 200, body: openIdMetadata(base.url) }))
    .add('GET', '/v1/.well-known/keys', () => ({
      status: 200,
      body: toJwks([channelKey], { endorsements: ['msteams'] }),
    }));
  addConnectorRoutes(router, recorder, { members: opts.members ?? [], tenantId: opts.tenantId });
  const server = await startHttpsServer(async (req) => {
    const caller = authenticateBot(opts, req);
    if (caller === false) return { status: 401, body: { message: 'Authorization has been denied for this request.' } };
    return (
      (await router.dispatch(req, caller)) ?? {
        status: 404,
        body: { error: { code: 'BadArgument', message: `Unknown route ${req.method} ${req.path}` } },
      }
    );
  }, opts.port);
  base.url = server.url;
  return {
    url: server.url,
    serviceUrl: `${server.url}/`,
    openIdMetadataUrl: `${server.url}/v1/.well-known/openidconfiguration`,
    issuer: CHANNEL_ISSUER,
    signChannelToken: (o = {}) => {
      const key = o.alg === 'none' ? null : o.signWith === 'rogue' ? rogueKey : channelKey;
      // A forgery claims the published kid; only the signature gives it away.
      return signJwt(channelClaims(o, `${server.url}/`, opts.botAppId), key, channelKey.kid);
    },
    records: recorder.items,
    waitFor: (predicate, timeoutMs) => recorder.waitFor(predicate, timeoutMs),
    clear: () => recorder.clear(),
    close: () => server.close(),
  };
}

function openIdMetadata(url: string): Record<string, unknown> {
  return {
    issuer: CHANNEL_ISSUER,
    authorization_endpoint: 'https://invalid.botframework.com',
    jwks_uri: `${url}/v1/.well-known/keys`,
    id_token_signing_alg_values_supported: ['RS256'],
    token_endpoint_auth_methods_supported: ['private_key_jwt'],
  };
}

/** The bot's app id from its connector token; undefined in anonymous mode or for metadata; false when refused. */
function authenticateBot(opts: ChannelOptions, req: SandboxRequest): string | undefined | false {
  if (!req.path.startsWith('/v3/') || opts.botAppId === '') return undefined;
  const token = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
  if (!token) return false;
  try {
    const claims = opts.entra.verifyAccessToken(token, CHANNEL_ISSUER);
    return claims['appid'] === opts.botAppId || claims['azp'] === opts.botAppId ? opts.botAppId : false;
  } catch {
    return false;
  }
}

/** Claims exactly as the Bot Framework issues them to bots: `serviceurl`, `nbf`, `exp`, `iss`, `aud`. */
function channelClaims(o: ChannelTokenOptions, serviceUrl: string, botAppId: string): Claims {
  const { nbf, exp } = lifetimeClaims(o.expiresInSeconds ?? 3600);
  return {
    serviceurl: o.serviceUrl ?? serviceUrl,
    nbf,
    exp,
    iss: o.issuer ?? CHANNEL_ISSUER,
    aud: o.audience ?? botAppId,
  };
}
