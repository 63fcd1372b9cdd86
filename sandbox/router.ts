import type { IncomingHttpHeaders } from 'node:http';

/** A parsed request as the emulators' handlers see it. */
export interface SandboxRequest {
  method: string;
  /** Raw (still percent-encoded) path, without the query string. */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** JSON or form body, parsed by content type; `undefined` when absent or unparseable. */
  body: unknown;
  rawBody: string;
  /** Route parameters, percent-decoded. */
  params: Record<string, string>;
}

/** What a handler answers; `resetConnection` drops the TCP connection instead of answering. */
export interface SandboxResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  resetConnection?: boolean;
}

/** A route handler; `C` is per-emulator context (e.g. the authenticated caller). */
export type Handler<C = void> = (req: SandboxRequest, ctx: C) => SandboxResponse | Promise<SandboxResponse>;

interface Route<C> {
  method: string;
  pattern: RegExp;
  names: string[];
  handler: Handler<C>;
}

/** Tiny router over path templates such as `/v3/conversations/:cid/activities/:id`. */
export class Router<C = void> {
  private readonly routes: Route<C>[] = [];

  /** Registers `handler` for `method` and `template` (`:name` matches one path segment). */
  add(method: string, template: string, handler: Handler<C>): this {
    const segments = template.split('/');
    const names = segments.filter((s) => s.startsWith(':')).map((s) => s.slice(1));
    const source = segments.map((s) => (s.startsWith(':') ? '([^/]+)' : escapeRegExp(s))).join('/');
    this.routes.push({ method, pattern: new RegExp(`^${source}/?$`), names, handler });
    return this;
  }

  /** Finds the route for `req` and runs it; `undefined` when no route matches. */
  async dispatch(req: SandboxRequest, ctx: C): Promise<SandboxResponse | undefined> {
    for (const route of this.routes) {
      const match = route.method === req.method ? route.pattern.exec(req.path) : null;
      if (!match) continue;
      const params = Object.fromEntries(route.names.map((name, i) => [name, safeDecode(match[i + 1] ?? '')]));
      return route.handler({ ...req, params }, ctx);
    }
    return undefined;
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** `decodeURIComponent` that keeps malformed input as is. */
export function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
