import { startHarness, type Harness } from '../support/harness';
import { openRaw, trickle, type RawConnection } from './net';

// Finding 6: Node's defaults kept a request that never finishes open for 300 s (300 slow-body sockets stayed open
// for more than 70 s). The server gives headers and the whole request ~15 s. The bound asserted is generous (the
// connection check runs every second, and CI is a loaded 2-core machine); before the fix these sockets lived
// until the test gave up on them.
const SOCKETS = 100;
const LIMIT_MS = 30_000;
const GIVE_UP_MS = 45_000;

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.stop());

async function lifetimes(connections: RawConnection[]): Promise<number[]> {
  const giveUp = new Promise<number>((resolve) =>
    setTimeout(() => resolve(Number.POSITIVE_INFINITY), GIVE_UP_MS).unref(),
  );
  const lives = await Promise.all(connections.map((c) => Promise.race([c.closed, giveUp])));
  for (const c of connections) c.socket.destroy();
  return lives;
}

describe('clients that never finish their request', () => {
  it(`${SOCKETS} slow bodies and ${SOCKETS} slow header blocks are cut off (408) well before ${LIMIT_MS / 1000} s, and the bot still answers`, async () => {
    const head = 'POST /api/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n';
    const bodies = await Promise.all(
      Array.from({ length: SOCKETS }, () => openRaw(h.botUrl, `${head}Content-Length: 100000\r\n\r\n{`)),
    );
    const headers = await Promise.all(Array.from({ length: SOCKETS }, () => openRaw(h.botUrl, head)));
    bodies.forEach((c) => trickle(c, ' ', 1_000));
    headers.forEach((c) => trickle(c, 'X-Slow: 1\r\n', 1_000));
    const lives = await lifetimes([...bodies, ...headers]);
    const longest = Math.max(...lives);
    process.stdout.write(
      `[slow] ${lives.length} sockets closed after ${Math.round(Math.min(...lives))}..${Math.round(longest)} ms\n`,
    );
    expect(longest).toBeLessThan(LIMIT_MS);
    expect(bodies.every((c) => c.received().startsWith('HTTP/1.1 408'))).toBe(true);
    expect(await h.healthy()).toBe(true);
  }, 90_000);
});
