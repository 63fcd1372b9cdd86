import type { Sandbox } from '../../sandbox';
import { DEMO } from '../../sandbox/graph-data';
import { startHarness, waitUntil, type Harness } from '../support/harness';

// Finding 7: unauthenticated input reached the log at full length (a 256 KB line), and botframework-connector
// wrote the channel's public key PEM and stack traces to stderr on every refused token. The production process
// (`node dist/src/index.js`) must write one JSON object per line, none longer than a few KB.
const MAX_LINE = 8 * 1024;

let bot: Harness;
beforeAll(async () => {
  bot = await startHarness({ spawn: true, env: { LOG_LEVEL: 'info' } });
}, 60_000);
afterAll(() => bot?.stop());

const activity = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  ...bot.activity(DEMO.users.admin, 'help'),
  ...overrides,
});
const token = (o: Parameters<Sandbox['channel']['signChannelToken']>[0] = {}) =>
  bot.sandbox.channel.signChannelToken({ serviceUrl: bot.sandbox.channel.serviceUrl, ...o });

describe('what the production process writes', () => {
  it('stays one JSON object per line, each short, whatever refused and unauthenticated requests carry', async () => {
    const huge = 'x'.repeat(200_000);
    const answers = await Promise.all([
      bot.post(activity({ type: huge }), null),
      bot.post(activity({ type: huge }), token({ signWith: 'rogue' })),
      bot.post(activity(), token({ expiresInSeconds: -600 })),
      bot.post(activity(), token({ audience: '99999999-9999-9999-9999-999999999999' })),
      bot.post(activity({ channelId: huge }), null),
      fetch(`${bot.botUrl}/${'y'.repeat(8_000)}`, { method: 'POST', body: '{}' }).then((r) => ({ status: r.status })),
    ]);
    // The spawned process's stdout arrives on its own schedule: wait for the last thing it must have written.
    expect(await waitUntil(() => bot.logs.text().includes('Error finding key for token'))).toBe(true);
    const lines = bot.logs.lines();
    const notJson = lines.filter((line) => !isJsonObject(line));
    expect(notJson.slice(0, 5).map((line) => line.slice(0, 120))).toEqual([]);
    expect(Math.max(...lines.map((line) => line.length))).toBeLessThan(MAX_LINE);
    expect(lines.some((line) => line.includes('channel request refused'))).toBe(true);
    // botframework-connector's own output (the key it tried) arrives as a log line, not on raw stderr.
    expect(
      lines.some((line) => line.includes('"source":"console"') && line.includes('Error finding key for token')),
    ).toBe(true);
    expect(answers.map((a) => a.status)).toEqual([401, 401, 401, 401, 403, 404]);
  });
});

function isJsonObject(line: string): boolean {
  try {
    const parsed: unknown = JSON.parse(line);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed);
  } catch {
    return false;
  }
}
