import { existsSync, readFileSync } from 'node:fs';
import {
  createServer as createHttpServer,
  type IncomingMessage,
  type RequestListener,
  type Server,
  type ServerResponse,
} from 'node:http';
import { createServer } from 'node:https';
import type { Socket } from 'node:net';
import { dirname, join } from 'node:path';
import type { SandboxRequest, SandboxResponse } from './router';

/** A running HTTPS emulator bound to loopback. */
export interface HttpsServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

type Handle = (req: SandboxRequest) => Promise<SandboxResponse>;

/** Starts an HTTPS server on 127.0.0.1 (port 0 = any free port) with the sandbox certificate. */
export async function startHttpsServer(handle: Handle, port = 0): Promise<HttpsServer> {
  return listen(createServer(loadCertificate(), listener(handle)), 'https', port);
}

/** Plain HTTP on 127.0.0.1, for what is plain HTTP on loopback in Azure too (App Service's identity endpoint). */
export async function startHttpServer(handle: Handle, port = 0): Promise<HttpsServer> {
  return listen(createHttpServer(listener(handle)), 'http', port);
}

function listener(handle: Handle): RequestListener {
  return (req, res) => {
    void readRequest(req)
      .then(handle)
      .then(
        (answer) => writeResponse(req, res, answer),
        (error: unknown) =>
          writeResponse(req, res, {
            status: 500,
            body: { error: { code: 'InternalServerError', message: String(error) } },
          }),
      );
  };
}

async function listen(server: Server, scheme: 'http' | 'https', port: number): Promise<HttpsServer> {
  const sockets = new Set<Socket>();
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
  return { url: `${scheme}://127.0.0.1:${boundPort}`, port: boundPort, close };
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
  // A run started through scripts/with-certs.js has certificates of its own.
  const own = process.env.SANDBOX_CERTS_DIR;
  if (own && existsSync(join(own, 'key.pem')))
    return { key: readFileSync(join(own, 'key.pem')), cert: readFileSync(join(own, 'cert.pem')) };
  for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir)) {
    const certs = join(dir, '.sandbox', 'certs');
    if (existsSync(join(certs, 'key.pem'))) {
      return { key: readFileSync(join(certs, 'key.pem')), cert: readFileSync(join(certs, 'cert.pem')) };
    }
  }
  throw new Error('Sandbox certificates not found in .sandbox/certs: run `npm run certs` first.');
}
