import { setTimeout as sleep } from 'node:timers/promises';
import { startSandbox, type SandboxUser } from '../sandbox';
import * as activities from '../sandbox/activities';
import { postJson } from './http';
import { BOT_ENTRY, spawnNode } from './proc';
import { median } from './stats';
import { benchTenant } from './tenant';

/** Cold starts measured: spawn → first reply at the connector, in ms, one per run. */
export interface ColdStart {
  runs: number[];
  median: number;
}

/**
 * Spawns `node dist/src/index.js` and posts a `help` message as soon as the port accepts one (retrying refused
 * connections); the time is until that message's reply reaches the channel connector. It includes module loading,
 * channel-token validation (OpenID metadata + keys fetched on first use) and the bot's own token for replying.
 */
export async function measureColdStart(runs: number): Promise<ColdStart> {
  const tenant = benchTenant({ admins: 1, packages: [] });
  const sandbox = await startSandbox({ data: tenant.data });
  const user = tenant.admins[0] as SandboxUser;
  const token = sandbox.channel.signChannelToken({ serviceUrl: sandbox.channel.serviceUrl });
  const where = {
    user,
    tenantId: sandbox.tenantId,
    serviceUrl: sandbox.channel.serviceUrl,
    botAppId: sandbox.env.BOT_ID ?? '',
  };
  const times: number[] = [];
  try {
    for (let run = 0; run < runs; run++) {
      sandbox.channel.clear();
      const spawnedAt = Date.now();
      const bot = await spawnNode(`cold-${run}`, BOT_ENTRY, sandbox.env);
      try {
        const id = await firstAccepted(
          bot.url,
          () => activities.message({ ...where, text: 'help' }),
          token,
          spawnedAt + 60_000,
        );
        const reply = await sandbox.channel.waitFor((r) => r.kind === 'reply' && r.replyToId === id, 30_000);
        times.push(reply.at - spawnedAt);
      } finally {
        await bot.stop();
      }
    }
  } finally {
    await sandbox.stop();
  }
  return { runs: times, median: median(times) };
}

/** Posts fresh activities until one is accepted (2xx); returns its id. */
async function firstAccepted(
  url: string,
  next: () => activities.TeamsActivity,
  token: string,
  deadline: number,
): Promise<string> {
  while (Date.now() < deadline) {
    const activity = next();
    const answer = await postJson(url, activity, token, 30_000);
    if (answer.status >= 200 && answer.status < 300) return activity.id;
    if (answer.status !== 0)
      throw new Error(`the bot answered ${answer.status} to its first message: ${answer.body.slice(0, 200)}`);
    await sleep(5);
  }
  throw new Error('the bot did not accept a message within 60 s of being spawned');
}
