import { Agent, request, type ClientRequest } from 'node:http';
import { createServer, type AddressInfo } from 'node:net';

/** HTTP answer of `POST /api/messages`: the status and the JSON body (or its text, or undefined when empty). */
export interface Answer {
  status: number;
  body: unknown;
}

/**
 * Posts JSON to the bot over keep-alive connections, as the Bot Connector service does. A request sent on a reused
 * idle connection that is reset before any answer is sent again, once: the server closed that connection as idle
 * at the moment it was reused, so it never saw the request. Node documents this race and this retry
 * (https://nodejs.org/docs/latest-v20.x/api/http.html#requestreusedsocket); on a loaded machine the bot's 5 s
 * keep-alive timer and the next request meet often enough to fail a 10,000-request run. Any other transport
 * error (a fresh connection refused or reset, a reset after the request was read) is the server's and fails.
 */
export class BotClient {
  /** Requests sent again after the idle-connection race. */
  retries = 0;
  private readonly agent = new Agent({ keepAlive: true });

  async post(url: string, body: string, token?: string): Promise<Answer> {
    try {
      return await this.once('POST', url, body, token);
    } catch (error) {
      if (!(error instanceof IdleReset)) throw error;
      this.retries++;
      return this.once('POST', url, body, token);
    }
  }

  /** A GET (health probes) on the same connections, so closing the client leaves none open. */
  get(url: string): Promise<Answer> {
    return this.once('GET', url);
  }

  /** Closes the idle connections (so a finished test leaves no socket open). */
  close(): void {
    this.agent.destroy();
  }

  private once(method: 'GET' | 'POST', url: string, body = '', token?: string): Promise<Answer> {
    const headers: Record<string, string | number> =
      method === 'POST' ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } : {};
    if (token) headers['authorization'] = `Bearer ${token}`;
    return new Promise((resolve, reject) => {
      let answered = false;
      const req: ClientRequest = request(url, { method, headers, agent: this.agent }, (res) => {
        answered = true;
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: parse(Buffer.concat(chunks).toString('utf8')) }),
        );
      });
      req.on('error', (error: NodeJS.ErrnoException) =>
        reject(!answered && req.reusedSocket && error.code === 'ECONNRESET' ? new IdleReset(error) : error),
      );
      req.end(body);
    });
  }
}

class IdleReset extends Error {
  constructor(cause: Error) {
    super(`reused idle connection reset before an answer: ${cause.message}`, { cause });
  }
}

function parse(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** A free loopback port (for a bot process of its own). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
