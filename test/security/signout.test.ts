import { randomUUID } from 'node:crypto';
import { startSandbox, type Sandbox } from '../../sandbox';
import { DEMO } from '../../sandbox/graph-data';
import { startAzurite, type Azurite } from '../support/azurite';
import { cardsOf, cardText } from '../e2e/harness';
import { startSecurityHarness, type SecurityHarness } from './harness';

// Finding 12: `signout` forgot the credential only on the instance that handled it. With shared storage (Azure),
// the sign-out is recorded there and every instance stops using that user's credentials obtained before it;
// a credential obtained afterwards (the user signed in again) works.
const admin = DEMO.users.admin;
const OAUTH_CARD = 'application/vnd.microsoft.card.oauth';

let azurite: Azurite;
let sandbox: Sandbox;
let a: SecurityHarness;
let b: SecurityHarness;
beforeAll(async () => {
  [azurite, sandbox] = await Promise.all([startAzurite(), startSandbox()]);
  const env = { STORAGE_CONNECTION_STRING: azurite.connectionString, STORAGE_CONTAINER: `signout-${randomUUID().slice(0, 8)}` };
  [a, b] = await Promise.all([startSecurityHarness({ env, sandboxRunning: sandbox }), startSecurityHarness({ env, sandboxRunning: sandbox })]);
}, 60_000);
afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await Promise.all([sandbox?.stop(), azurite?.stop()]);
});

const reprocessPosts = () => sandbox.graph.calls.filter((c) => c.method === 'POST' && c.path.endsWith('/reprocess'));

/** The bot's answer to `reprocess` on instance `bot`: its attachment types and card text. */
async function reprocessOn(bot: SecurityHarness): Promise<{ types: string[]; text: string }> {
  const id = `cmd-${randomUUID()}`;
  expect((await bot.message(admin, `reprocess ${DEMO.assignments.delivered}`, { id })).status).toBe(200);
  const reply = await sandbox.channel.waitFor((r) => r.replyToId === id, 10_000);
  return { types: (reply.activity.attachments ?? []).map((x) => x.contentType), text: cardText(cardsOf(reply.activity)[0] ?? {}) };
}

describe('signout with two instances on one storage', () => {
  it('signing out on one instance stops the other from acting with the old credential; signing in again works', async () => {
    for (const bot of [a, b]) expect((await bot.signIn(admin)).status).toBe(200);
    expect((await reprocessOn(b)).text).toContain('Reprocess queued');
    sandbox.graph.clearCalls();

    expect((await a.message(admin, 'signout')).status).toBe(200);
    expect((await reprocessOn(b)).types).toEqual([OAUTH_CARD]);
    expect(reprocessPosts()).toEqual([]);

    expect((await b.signIn(admin)).status).toBe(200);
    await sandbox.channel.waitFor((r) => JSON.stringify(r.activity).includes('Reprocess queued'), 10_000);
    expect((await reprocessOn(b)).text).toContain('Reprocess queued');
    expect(reprocessPosts().map((c) => c.oid)).toEqual([admin.oid, admin.oid]);
  });
});
