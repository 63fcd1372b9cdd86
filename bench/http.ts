import { Agent, request } from 'node:http';

/** What one POST to a bot returned. `status` 0 = transport error or timeout. */
export interface Posted {
  status: number;
  ms: number;
  body: string;
}

// Teams keeps connections to a bot open; so does the load generator (and it keeps its own CPU cost low).
const agent = new Agent({ keepAlive: true, maxSockets: 512 });

/** POSTs JSON to a loopback bot with a bearer token; never rejects. */
export function postJson(url: string, body: unknown, token: string | undefined, timeoutMs = 15_000): Promise<Posted> {
  const payload = Buffer.from(JSON.stringify(body));
  const headers: Record<string, string | number> = {
    'content-type': 'application/json',
    'content-length': payload.length,
  };
  if (token) headers['authorization'] = `Bearer ${token}`;
  const started = performance.now();
  return new Promise((resolve) => {
    const done = (status: number, text: string) => resolve({ status, ms: performance.now() - started, body: text });
    const req = request(url, { method: 'POST', headers, agent, timeout: timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(res.statusCode ?? 0, Buffer.concat(chunks).toString('utf8')));
      res.on('error', () => done(0, ''));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => done(0, ''));
    req.end(payload);
  });
}

/** Closes idle keep-alive sockets (between phases, and before exit). */
export function closeConnections(): void {
  agent.destroy();
}
