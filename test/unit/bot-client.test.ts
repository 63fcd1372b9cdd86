import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { BotClient } from '../support/http';

// The harness's HTTP client against a plain Node server (the far side of the wire). The race it survives is Node's
// documented one (https://nodejs.org/docs/latest-v20.x/api/http.html#requestreusedsocket): an idle keep-alive
// connection reused in the moment the server closes it. The fuzz run met it under load ("fetch failed", read
// ECONNRESET) when a stalled event loop let the server's keep-alive timer and the next requests fire together.
// Whole seconds: Node's agent keeps an idle socket only as long as the server's `Keep-Alive: timeout=N` hint allows.
const KEEP_ALIVE_MS = 2_000;
const PARALLEL = 16;

let server: Server;
let url: string;
let served = 0;
beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      served++;
      // Reset a fresh connection at the first byte of a request to /drop: a server failing, not an idle race.
      if (req.url === '/drop') return void req.socket.destroy();
      // Not chained: restify, loaded by an earlier file in this jest worker, replaces writeHead with one that
      // returns nothing.
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"ok":true}');
    });
  });
  server.keepAliveTimeout = KEEP_ALIVE_MS;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const stall = (ms: number) => {
  // A synchronous stall, as generating thousands of fuzz cases on a loaded machine is.
  for (const until = Date.now() + ms; Date.now() < until;);
};

describe('BotClient', () => {
  it('sends again, once, a request whose reused idle connection the server closed at that moment, and every request is answered', async () => {
    const client = new BotClient();
    try {
      const send = () =>
        Promise.all(
          Array.from({ length: PARALLEL }, () =>
            client.post(url, '{}').then(
              (a) => a.status,
              (e: Error) => e.message,
            ),
          ),
        );
      expect(await send()).toEqual(Array(PARALLEL).fill(200));
      stall(KEEP_ALIVE_MS * 1.5);
      expect(await send()).toEqual(Array(PARALLEL).fill(200));
      expect(client.retries).toBeGreaterThan(0);
      expect(client.retries).toBeLessThanOrEqual(PARALLEL);
    } finally {
      client.close();
    }
  });

  it('does not send again what the server dropped on a fresh connection: that is the server failing', async () => {
    const client = new BotClient();
    try {
      const before = served;
      await expect(client.post(`${url}/drop`, '{}')).rejects.toMatchObject({ code: 'ECONNRESET' });
      expect([served - before, client.retries]).toEqual([1, 0]);
    } finally {
      client.close();
    }
  });
});
