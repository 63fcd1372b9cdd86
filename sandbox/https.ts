import { existsSync, readFileSync } from 'node:fs';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:https';
import type { Socket } from 'node:net';
import { dirname, join } from 'node:path';

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
    const names: string[] = [];
    const source = template
      .split('/')
      .map((segment) => (segment.startsWith(':') ? (names.push(segment.slice(1)), '([^/]+)') : escapeRegExp(segment)))
      .join('/');
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

/** A running HTTPS emulator bound to loopback. */
export interface HttpsServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Starts an HTTPS server on 127.0.0.1 (port 0 = any free port) with the sandbox certificate. */
export async function startHttpsServer(
  handle: (req: SandboxRequest) => Promise<SandboxResponse>,
  port = 0,
): Promise<HttpsServer> {
  const sockets = new Set<Socket>();
  const server = createServer(loadCertificate(), (req, res) => {
    void readRequest(req).then(handle).then(
      (answer) => writeResponse(req, res, answer),
      (error: unknown) => writeResponse(req, res, { status: 500, body: { error: { code: 'InternalServerError', message: String(error) } } }),
    );
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const boundPort = typeof address === 'object' && address ? address.port : port;
  const close = (): Promise<void> =>
    new Promise((resolve) => {
      server.close(() => resolve());
      sockets.forEach((socket) => socket.destroy());
    });
  return { url: `https://127.0.0.1:${boundPort}`, port: boundPort, close };
}

async function readRequest(req: IncomingMessage): Promise<SandboxRequest> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const rawBody = Buffer.concat(chunks).toString('utf8');
  const url = new URL(req.url ?? '/', 'https://127.0.0.1');
  return {
    method: (req.method ?? 'GET').toUpperCase(),
    path: url.pathname,
    query: url.searchParams,
    headers: req.headers,
    body: parseBody(rawBody, req.headers['content-type'] ?? ''),
    rawBody,
    params: {},
  };
}

function parseBody(raw: string, contentType: string): unknown {
  if (raw === '') return undefined;
  if (contentType.includes('application/x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(raw));
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return undefined;
  }
}

function writeResponse(req: IncomingMessage, res: ServerResponse, answer: SandboxResponse): void {
  if (answer.resetConnection) {
    req.socket.destroy();
    return;
  }
  const headers: Record<string, string> = { ...answer.headers };
  const hasBody = answer.body !== undefined;
  if (hasBody && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) {
    headers['content-type'] = 'application/json; charset=utf-8';
  }
  const payload = hasBody ? (typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body)) : '';
  res.writeHead(answer.status, { ...headers, 'content-length': String(Buffer.byteLength(payload)) });
  res.end(payload);
}

function loadCertificate(): { key: Buffer; cert: Buffer } {
  for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir)) {
    const certs = join(dir, '.sandbox', 'certs');
    if (existsSync(join(certs, 'key.pem'))) {
      return { key: readFileSync(join(certs, 'key.pem')), cert: readFileSync(join(certs, 'cert.pem')) };
    }
  }
  throw new Error('Sandbox certificates not found in .sandbox/certs: run `npm run certs` first.');
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
