import { gzipSync } from 'node:zlib';
import { startHarness, type Harness } from '../support/harness';
import { gzipBomb, memoryOf, openRaw } from './net';

// Finding 1: restify checked its size limit against the compressed bytes and inflated gzip without a cap, before
// authentication. Teams never compresses what it posts to a bot, so any Content-Encoding is refused (415) before a
// byte of the body is read. Memory is measured on the production process (`node dist/src/index.js`), not on jest.
const BOMB_MB = 250;
const PARALLEL = 6;
// Peak resident memory may move a little for six connections and their log lines; an inflated bomb moves it by
// hundreds of MB (measured before the fix: +990 MB for one).
const PEAK_GROWTH_LIMIT = 8 * 1024 * 1024;
// An answer from the headers alone takes milliseconds; the bound is generous because CI is a loaded 2-core machine
// (the memory bound, not the time, is what shows the bombs were never inflated).
const ANSWER_LIMIT_MS = 5_000;

let bot: Harness;
let bomb: Buffer;

beforeAll(async () => {
  [bot, bomb] = await Promise.all([startHarness({ spawn: true }), gzipBomb(BOMB_MB)]);
}, 60_000);
afterAll(async () => {
  await bot?.process?.kill();
  await bot?.stop();
});

function postCompressed(body: Buffer, encoding = 'gzip'): Promise<Response> {
  return fetch(bot.botUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'content-encoding': encoding },
    body: new Uint8Array(body),
  });
}

describe('compressed request bodies', () => {
  it(`${PARALLEL} gzip bombs at once are refused with 415 within seconds, and the bot's peak memory barely moves`, async () => {
    expect(bomb.length).toBeLessThan(256 * 1024);
    // Warm the refusal path once, so the measurement sees the bombs and not the first request's code loading.
    await postCompressed(gzipSync('{}'));
    const before = memoryOf(bot.process!.pid);
    const answers = await Promise.all(
      Array.from({ length: PARALLEL }, async () => {
        const started = Date.now();
        const response = await postCompressed(bomb);
        return { status: response.status, ms: Date.now() - started };
      }),
    );
    const after = memoryOf(bot.process!.pid);
    process.stdout.write(
      `[bomb] ${bomb.length} bytes x${PARALLEL}: ${answers.map((a) => `${a.status} in ${a.ms} ms`).join(', ')}; ` +
        `RSS ${mb(before.rss)} -> ${mb(after.rss)}, peak ${mb(before.peak)} -> ${mb(after.peak)}\n`,
    );
    expect(answers.map((a) => a.status)).toEqual(Array(PARALLEL).fill(415));
    expect(Math.max(...answers.map((a) => a.ms))).toBeLessThan(ANSWER_LIMIT_MS);
    expect(after.peak - before.peak).toBeLessThan(PEAK_GROWTH_LIMIT);
    expect(await bot.healthy()).toBe(true);
  }, 60_000);

  it.each(['gzip', 'deflate', 'br', 'identity', 'x-unknown'])(
    'Content-Encoding %s is answered 415 before the body is sent',
    async (encoding) => {
      // The body never comes: only a server that answers from the headers alone can reply.
      const raw = await openRaw(
        bot.botUrl,
        `POST /api/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Encoding: ${encoding}\r\nContent-Length: 100000\r\n\r\n`,
      );
      const deadline = Date.now() + 5_000;
      while (!raw.received().includes('\r\n\r\n') && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 20));
      raw.socket.destroy();
      expect(raw.received().split('\r\n')[0]).toBe('HTTP/1.1 415 Unsupported Media Type');
    },
  );
});

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
