import { startEntra, type Entra, type SandboxUser } from '../../sandbox/entra';
import { startGraph, type Graph, type GraphOptions } from '../../sandbox/graph';
import { DEMO } from '../../sandbox/graph-data';

/** The tenant and app the Graph emulator unit tests run with. */
export const TENANT = '9f1c7e2a-4b3d-4e5f-8a6b-7c8d9e0f1a2b';
export const APP = {
  clientId: '5e8a0c1b-2d3f-4a5b-9c6d-7e8f9a0b1c2d',
  clientSecret: 'graph-test-secret',
  appIdUri: 'api://botid-5e8a0c1b-2d3f-4a5b-9c6d-7e8f9a0b1c2d',
};

/** An HTTP answer of the emulator, body parsed. */
export interface Answer {
  status: number;
  headers: Headers;
  body: Record<string, unknown> | undefined;
}

/** Entra + Graph emulators and a raw HTTP client that gets delegated tokens the way the bot does (SSO -> OBO). */
export class GraphFixture {
  private readonly tokens = new Map<string, string>();
  private constructor(
    readonly entra: Entra,
    readonly graph: Graph,
  ) {}

  static async start(opts: Omit<GraphOptions, 'entra'> = {}, unconsentedUsers: string[] = []): Promise<GraphFixture> {
    const entra = await startEntra({ tenantId: TENANT, apps: [{ ...APP, unconsentedUsers }] });
    return new GraphFixture(entra, await startGraph({ entra, ...opts }));
  }

  async stop(): Promise<void> {
    await this.graph.close();
    await this.entra.close();
  }

  /** The token endpoint's answer to an On-Behalf-Of request for `user`. */
  obo(user: SandboxUser, permission = 'EntitlementManagement.ReadWrite.All'): Promise<Response> {
    const form = {
      grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
      client_id: APP.clientId,
      client_secret: APP.clientSecret,
      assertion: this.entra.mintSsoToken(user),
      requested_token_use: 'on_behalf_of',
      scope: `${this.graph.url}/${permission}`,
    };
    return fetch(`${this.entra.url}/${TENANT}/oauth2/v2.0/token`, { method: 'POST', body: new URLSearchParams(form) });
  }

  /** A delegated Graph token for `user` (cached per user and permission). */
  async tokenFor(user: SandboxUser, permission?: string): Promise<string> {
    const key = `${user.oid}:${permission ?? ''}`;
    const cached = this.tokens.get(key);
    if (cached) return cached;
    const token = ((await (await this.obo(user, permission)).json()) as { access_token: string }).access_token;
    this.tokens.set(key, token);
    return token;
  }

  /** One Graph call as `user` (default: the tenant-wide admin); `path` may be absolute (a nextLink). */
  async call(
    method: string,
    path: string,
    opts: { user?: SandboxUser; body?: unknown; headers?: Record<string, string>; token?: string } = {},
  ): Promise<Answer> {
    const headers: Record<string, string> = { ...opts.headers };
    const token = opts.token ?? (await this.tokenFor(opts.user ?? DEMO.users.admin));
    if (token) headers['authorization'] = `Bearer ${token}`;
    if (opts.body !== undefined) headers['content-type'] = 'application/json';
    const url = path.startsWith('https://') ? path : `${this.graph.url}${path}`;
    const res = await fetch(url, {
      method,
      headers,
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
    });
    const text = await res.text();
    return {
      status: res.status,
      headers: res.headers,
      body: text ? (JSON.parse(text) as Record<string, unknown>) : undefined,
    };
  }
}

/** Graph's error object of an answer. */
export const errorOf = (answer: Answer) =>
  (answer.body as { error: { code: string; message: string; innerError: Record<string, string> } }).error;

/** The `value` of a collection answer. */
export const valueOf = <T = { id: string }>(answer: Answer) => (answer.body as { value: T[] }).value;
