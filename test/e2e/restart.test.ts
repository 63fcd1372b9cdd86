import { createServer, type AddressInfo } from 'node:net';
import { startSandbox, type Sandbox } from '../../sandbox';
import * as activities from '../../sandbox/activities';
import { DEMO, demoTenant } from '../../sandbox/graph-data';
import { Verbs } from '../../src/cards/templates';
import { createStorage } from '../../src/storage/create';
import type { Job } from '../../src/storage/jobs';
import { startAzurite, type Azurite } from '../support/azurite';
import { spawnBot, type BotProcess } from '../support/bot-process';
import { cardsOf, cardText } from './harness';

// kill -9 of a bot process in the middle of a bulk job on Azure storage (Azurite), then a new process on the same
// storage: the job is paused and its card says so, the owner resumes it, nothing is lost and nothing is repeated.
const PACKAGE = '9c9c9c9c-0000-4000-8000-000000000001';
const N = 1_000;
const admin = DEMO.users.admin;

let azurite: Azurite;
let sandbox: Sandbox;
let env: Record<string, string>;
const bots: BotProcess[] = [];

beforeAll(async () => {
  const data = demoTenant('');
  data.accessPackages.push({ id: PACKAGE, displayName: 'Everyone', catalogId: DEMO.catalogs.general });
  for (let i = 0; i < N; i++) {
    data.assignments.push({ id: `9c9c9c9c-${String(i).padStart(4, '0')}-4000-8000-000000000000`, state: 'delivered', status: 'Delivered', targetId: DEMO.users.grady.oid, accessPackageId: PACKAGE });
  }
  [azurite, sandbox] = await Promise.all([startAzurite(), startSandbox({ data })]);
  env = { ...sandbox.env, STORAGE_CONNECTION_STRING: azurite.connectionString, STORAGE_CONTAINER: 'restart', LOG_LEVEL: 'info' };
}, 60_000);
afterAll(async () => {
  await Promise.all(bots.map((b) => b.kill()));
  await Promise.all([sandbox?.stop(), azurite?.stop()]);
});

async function bot(): Promise<BotProcess> {
  const started = await spawnBot(env, await freePort());
  bots.push(started);
  return started;
}

function post(target: BotProcess, activity: activities.TeamsActivity) {
  return activities.postActivity(target.url, activity, sandbox.channel.signChannelToken({ serviceUrl: sandbox.channel.serviceUrl }));
}

const where = () => ({ user: admin, tenantId: sandbox.tenantId, serviceUrl: sandbox.channel.serviceUrl, botAppId: sandbox.env.BOT_ID });
const exchange = () => ({ id: `x-${Math.random()}`, connectionName: '', token: sandbox.entra.mintSsoToken(admin) });
const click = (verb: string, jobId: string, replyToId: string, authentication?: unknown) =>
  activities.invoke('adaptiveCard/action', { action: { type: 'Action.Execute', verb, data: { jobId } }, ...(authentication ? { authentication } : {}) }, { ...where(), replyToId });
const itemPosts = () => sandbox.graph.calls.filter((c) => c.batched && c.method === 'POST');

it('a job killed mid-run is paused by the next instance, resumed by its owner, and completes with nothing lost or repeated', async () => {
  const a = await bot();
  expect((await post(a, activities.invoke('signin/tokenExchange', exchange(), where()))).status).toBe(200);
  await post(a, activities.message({ ...where(), text: `reprocess package ${PACKAGE}` }));
  const offer = await sandbox.channel.waitFor((r) => cardText(cardsOf(r.activity)[0] ?? {}).includes('bulkConfirm'), 15_000);
  const jobId = /"jobId":"([0-9a-f-]{36})"/.exec(cardText(cardsOf(offer.activity)[0]))![1];
  const cardId = (offer.activity as { id?: string }).id ?? offer.activityId!;

  sandbox.graph.setLatency(250);
  expect((await post(a, click(Verbs.bulkConfirm, jobId, cardId))).status).toBe(200);
  await waitUntil(() => itemPosts().length >= 200, 20_000);
  await a.kill();
  const beforeKill = new Set(itemPosts().filter((c) => c.status === 202).map((c) => c.path));
  const postsBeforeKill = itemPosts().length;
  sandbox.graph.setLatency(0);

  const b = await bot();
  const paused = await sandbox.channel.waitFor((r) => r.kind === 'update' && JSON.stringify(r.activity).includes('bulkResume'), 30_000);
  expect(cardText(cardsOf(paused.activity)[0])).toMatch(/paused/i);

  // The new process has no credential in memory (tokens are never stored): Teams' SSO retry provides one.
  const login = await post(b, click(Verbs.bulkResume, jobId, cardId));
  expect([login.status, (login.body as { statusCode?: number }).statusCode]).toEqual([200, 401]);
  expect((await post(b, click(Verbs.bulkResume, jobId, cardId, exchange()))).status).toBe(200);
  await sandbox.channel.waitFor((r) => r.kind === 'update' && JSON.stringify(r.activity).includes('Bulk reprocess finished'), 30_000);

  const storage = await createStorage({ connectionString: azurite.connectionString, container: 'restart' });
  const job = (await storage.jobs.get(jobId))!.value as Job;
  await storage.close();
  const after = itemPosts().slice(postsBeforeKill);
  const accepted = new Map<string, number>();
  for (const c of itemPosts().filter((p) => p.status === 202)) accepted.set(c.path, (accepted.get(c.path) ?? 0) + 1);

  expect(job.state).toBe('completed');
  expect(job.items).toHaveLength(N);
  // Nothing lost: every item ended succeeded, or interrupted (in flight at the kill: reported, never re-sent).
  expect(job.items.every((i) => i.status === 'succeeded' || i.status === 'interrupted')).toBe(true);
  // Nothing repeated: no item accepted twice; nothing that succeeded before the kill was sent again.
  expect([...accepted.values()].every((n) => n === 1)).toBe(true);
  expect(after.filter((c) => beforeKill.has(c.path))).toHaveLength(0);
  expect(job.items.filter((i) => i.status === 'interrupted').length).toBeLessThanOrEqual(4 * 20);
}, 120_000);

it('two instances on one storage: a delivery, a token exchange and a bulk Confirm sent to both act once', async () => {
  const [b, c] = await Promise.all([bot(), bot()]);
  sandbox.channel.clear();
  sandbox.graph.clearCalls();
  const oboBefore = sandbox.entra.oboCount(admin.oid);
  const value = exchange();
  const answers = await Promise.all([b, c].map((x) => post(x, activities.invoke('signin/tokenExchange', value, { ...where(), id: 'same-exchange' }))));
  expect(answers.map((a) => a.status)).toEqual([200, 200]);
  expect(sandbox.entra.oboCount(admin.oid)).toBe(oboBefore + 1);

  // Only one instance holds the credential now (tokens are never shared through storage); sign in on both with
  // fresh exchanges so either may act below.
  await Promise.all([b, c].map((x) => post(x, activities.invoke('signin/tokenExchange', exchange(), where()))));
  const ids = [DEMO.assignments.delivered, DEMO.assignments.deliveredSales, DEMO.assignments.deliveredFinance];
  const message = activities.message({ ...where(), text: `reprocess ${ids.join(' ')}`, id: 'same-delivery' });
  await Promise.all([b, c].map((x) => post(x, message)));
  const offer = await sandbox.channel.waitFor((r) => cardText(cardsOf(r.activity)[0] ?? {}).includes('bulkConfirm'));
  await new Promise((r) => setTimeout(r, 300));
  expect(sandbox.channel.records.filter((r) => cardsOf(r.activity).length > 0)).toHaveLength(1);

  const jobId = /"jobId":"([0-9a-f-]{36})"/.exec(cardText(cardsOf(offer.activity)[0]))![1];
  const cardId = (offer.activity as { id?: string }).id ?? offer.activityId!;
  await Promise.all([b, c].map((x) => post(x, click(Verbs.bulkConfirm, jobId, cardId))));
  await sandbox.channel.waitFor((r) => r.kind === 'update' && JSON.stringify(r.activity).includes('Bulk reprocess finished'), 20_000);
  const posted = itemPosts().map((p) => /assignments\/([0-9a-f-]{36})\/reprocess/.exec(p.path)?.[1]);
  expect(posted.sort()).toEqual([...ids].sort());
}, 60_000);

async function waitUntil(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
