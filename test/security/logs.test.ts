import { startSandbox, type Sandbox } from '../../sandbox';
import * as activities from '../../sandbox/activities';
import { DEMO } from '../../sandbox/graph-data';
import { spawnBot, type BotProcess } from '../support/bot-process';
import { freePort } from './net';
import { settle } from './harness';

// Finding 7: unauthenticated input reached the log at full length (a 256 KB line), and botframework-connector
// wrote the channel's public key PEM and stack traces to stderr on every refused token. The production process
// (`node dist/src/index.js`) must write one JSON object per line, none longer than a few KB.
const MAX_LINE = 8 * 1024;

let sandbox: Sandbox;
let bot: BotProcess;
beforeAll(async () => {
  sandbox = await startSandbox();
  bot = await spawnBot({ ...sandbox.env, LOG_LEVEL: 'info' }, await freePort());
}, 60_000);
afterAll(async () => {
  await bot?.stop();
  await sandbox?.stop();
});

function activity(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const base = activities.message({ text: 'help', user: DEMO.users.admin, tenantId: sandbox.tenantId, serviceUrl: sandbox.channel.serviceUrl, botAppId: sandbox.env.BOT_ID ?? '' });
  return { ...base, ...overrides };
}

const token = (o: Parameters<Sandbox['channel']['signChannelToken']>[0] = {}) => sandbox.channel.signChannelToken({ serviceUrl: sandbox.channel.serviceUrl, ...o });

describe('what the production process writes', () => {
  it('stays one JSON object per line, each short, whatever refused and unauthenticated requests carry', async () => {
    const huge = 'x'.repeat(200_000);
    const answers = await Promise.all([
      activities.postActivity(bot.url, activity({ type: huge })),
      activities.postActivity(bot.url, activity({ type: huge }), token({ signWith: 'rogue' })),
      activities.postActivity(bot.url, activity(), token({ expiresInSeconds: -600 })),
      activities.postActivity(bot.url, activity(), token({ audience: '99999999-9999-9999-9999-999999999999' })),
      activities.postActivity(bot.url, activity({ channelId: huge })),
      fetch(`${bot.url}/${'y'.repeat(8_000)}`, { method: 'POST', body: '{}' }).then((r) => ({ status: r.status })),
    ]);
    await settle();
    const lines = bot.output().split('\n').filter((line) => line.trim() !== '');
    const notJson = lines.filter((line) => !isJsonObject(line));
    expect(notJson.slice(0, 5).map((line) => line.slice(0, 120))).toEqual([]);
    expect(Math.max(...lines.map((line) => line.length))).toBeLessThan(MAX_LINE);
    expect(lines.some((line) => line.includes('channel request refused'))).toBe(true);
    // botframework-connector's own output (the key it tried) arrives as a log line, not on raw stderr.
    expect(lines.some((line) => line.includes('"source":"console"') && line.includes('Error finding key for token'))).toBe(true);
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
