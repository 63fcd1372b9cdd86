import { randomUUID } from 'node:crypto';
import { startSandbox, type Sandbox } from '../../sandbox';
import { DEMO } from '../../sandbox/graph-data';
import { startAzurite, type Azurite } from '../support/azurite';
import { cardIn, titled, titleOf } from '../support/cards';
import { startHarness, type Harness } from '../support/harness';

// Finding 12: `signout` forgot the credential only on the instance that handled it. With shared storage (Azure),
// the sign-out is recorded there and every instance stops using that user's credentials obtained before it;
// a credential obtained afterwards (the user signed in again) works.
const admin = DEMO.users.admin;
const OAUTH_CARD = 'application/vnd.microsoft.card.oauth';

let azurite: Azurite;
let sandbox: Sandbox;
let a: Harness;
let b: Harness;
beforeAll(async () => {
  [azurite, sandbox] = await Promise.all([startAzurite(), startSandbox()]);
  const env = {
    STORAGE_CONNECTION_STRING: azurite.connectionString,
    STORAGE_CONTAINER: `signout-${randomUUID().slice(0, 8)}`,
  };
  [a, b] = await Promise.all([startHarness({ env, shared: sandbox }), startHarness({ env, shared: sandbox })]);
}, 60_000);
afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await Promise.all([sandbox?.stop(), azurite?.stop()]);
});

const reprocessPosts = () => sandbox.graph.calls.filter((c) => c.method === 'POST' && c.path.endsWith('/reprocess'));

/** The bot's answer to `reprocess` on instance `bot`: its attachment types and card title. */
async function reprocessOn(bot: Harness): Promise<{ types: string[]; title: string }> {
  const id = `cmd-${randomUUID()}`;
  expect((await bot.message(admin, `reprocess ${DEMO.assignments.delivered}`, { id })).status).toBe(200);
  const reply = await bot.waitFor((r) => r.replyToId === id);
  return { types: (reply.activity.attachments ?? []).map((x) => x.contentType), title: titleOf(cardIn(reply)) };
}

describe('signout with two instances on one storage', () => {
  it('signing out on one instance stops the other from acting with the old credential; signing in again works', async () => {
    for (const bot of [a, b]) expect((await bot.signIn(admin)).status).toBe(200);
    expect((await reprocessOn(b)).title).toBe('Reprocess queued');
    sandbox.graph.clearCalls();
    sandbox.channel.clear();

    expect((await a.message(admin, 'signout')).status).toBe(200);
    expect((await reprocessOn(b)).types).toEqual([OAUTH_CARD]);
    expect(reprocessPosts()).toEqual([]);

    expect((await b.signIn(admin)).status).toBe(200);
    await b.waitFor(titled('Reprocess queued'));
    expect((await reprocessOn(b)).title).toBe('Reprocess queued');
    expect(reprocessPosts().map((c) => c.oid)).toEqual([admin.oid, admin.oid]);
  });
});
