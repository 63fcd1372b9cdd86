import { startSandbox, type Sandbox } from '../../sandbox';
import { DEMO } from '../../sandbox/graph-data';
import { demoTenantWith } from '../support/tenant';
import { Verbs } from '../../src/cards/templates';
import { createStorage } from '../../src/storage/create';
import type { Job } from '../../src/storage/jobs';
import { startAzurite, type Azurite } from '../support/azurite';
import { actionWith, cardIn, cardsOf, facts, jobIdOf, titled, titleOf } from '../support/cards';
import { exchangeValue, settle, startHarness, waitUntil, type Harness } from '../support/harness';

// kill -9 of a bot process in the middle of a bulk job on Azure storage (Azurite), then a new process on the same
// storage: the job is paused and its card says so, the owner resumes it, nothing is lost and nothing is repeated.
const PACKAGE = '9c9c9c9c-0000-4000-8000-000000000001';
const N = 1_000;
const admin = DEMO.users.admin;

let azurite: Azurite;
let sandbox: Sandbox;
const bots: Harness[] = [];

beforeAll(async () => {
  const data = demoTenantWith({
    prefix: '9c9c9c9c',
    count: N,
    package: { id: PACKAGE, displayName: 'Everyone' },
    targetId: DEMO.users.grady.oid,
  });
  [azurite, sandbox] = await Promise.all([startAzurite(), startSandbox({ data })]);
}, 60_000);
afterAll(async () => {
  await Promise.all(bots.map((b) => b.process?.kill()));
  await Promise.all(bots.map((b) => b.stop()));
  await Promise.all([sandbox?.stop(), azurite?.stop()]);
});

/** A production bot process on the shared emulators and storage account. */
async function bot(): Promise<Harness> {
  const started = await startHarness({
    shared: sandbox,
    spawn: true,
    env: { STORAGE_CONNECTION_STRING: azurite.connectionString, STORAGE_CONTAINER: 'restart' },
  });
  bots.push(started);
  return started;
}

const jobClick = (b: Harness, verb: string, jobId: string, replyToId: string, authentication?: unknown) =>
  b.click(admin, verb, { jobId }, { replyToId }, authentication ? { authentication } : {});
const itemPosts = () => sandbox.graph.calls.filter((c) => c.batched && c.method === 'POST');
const finished = titled('Bulk reprocess finished');

it('a job killed mid-run is paused by the next instance, resumed by its owner, and completes with nothing lost or repeated', async () => {
  const a = await bot();
  expect((await a.signIn(admin)).status).toBe(200);
  await a.message(admin, `reprocess package ${PACKAGE}`);
  const offer = await a.waitFor((r) => actionWith(cardIn(r), Verbs.bulkConfirm) !== undefined);
  const jobId = jobIdOf(cardIn(offer), Verbs.bulkConfirm);
  const cardId = (offer.activity as { id?: string }).id ?? offer.activityId!;

  sandbox.graph.setLatency(250);
  expect((await jobClick(a, Verbs.bulkConfirm, jobId, cardId)).status).toBe(200);
  expect(await waitUntil(() => itemPosts().length >= 200, 30_000)).toBe(true);
  await a.process!.kill();
  const beforeKill = new Set(
    itemPosts()
      .filter((c) => c.status === 202)
      .map((c) => c.path),
  );
  const postsBeforeKill = itemPosts().length;
  sandbox.graph.setLatency(0);

  const b = await bot();
  const paused = cardIn(
    await b.waitFor((r) => r.kind === 'update' && actionWith(cardIn(r), Verbs.bulkResume) !== undefined, 30_000),
  );
  expect(titleOf(paused)).toBe('Bulk reprocess paused');
  expect(Number(facts(paused)['Remaining']?.replace(/,/g, ''))).toBeGreaterThan(0);
  expect(actionWith(paused, Verbs.bulkResume)?.data).toEqual({ jobId });

  // The new process has no credential in memory (tokens are never stored): Teams' SSO retry provides one.
  const login = await jobClick(b, Verbs.bulkResume, jobId, cardId);
  expect([login.status, (login.body as { statusCode?: number }).statusCode]).toEqual([200, 401]);
  expect((await jobClick(b, Verbs.bulkResume, jobId, cardId, exchangeValue(sandbox, admin))).status).toBe(200);
  await b.waitFor((r) => r.kind === 'update' && finished(r), 60_000);

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
}, 180_000);

it('two instances on one storage: a delivery, a token exchange and a bulk Confirm sent to both act once', async () => {
  const [b, c] = await Promise.all([bot(), bot()]);
  sandbox.channel.clear();
  sandbox.graph.clearCalls();
  const oboBefore = sandbox.entra.oboCount(admin.oid);
  const value = exchangeValue(sandbox, admin);
  const answers = await Promise.all(
    [b, c].map((x) => x.invoke(admin, 'signin/tokenExchange', value, { id: 'same-exchange' })),
  );
  expect(answers.map((a) => a.status)).toEqual([200, 200]);
  expect(sandbox.entra.oboCount(admin.oid)).toBe(oboBefore + 1);

  // Only one instance holds the credential now (tokens are never shared through storage); sign in on both with
  // fresh exchanges so either may act below.
  await Promise.all([b, c].map((x) => x.signIn(admin)));
  const ids = [DEMO.assignments.delivered, DEMO.assignments.deliveredSales, DEMO.assignments.deliveredFinance];
  await Promise.all([b, c].map((x) => x.message(admin, `reprocess ${ids.join(' ')}`, { id: 'same-delivery' })));
  const offer = await b.waitFor((r) => actionWith(cardIn(r), Verbs.bulkConfirm) !== undefined);
  await settle(300);
  expect(sandbox.channel.records.filter((r) => cardsOf(r.activity).length > 0)).toHaveLength(1);

  const jobId = jobIdOf(cardIn(offer), Verbs.bulkConfirm);
  const cardId = (offer.activity as { id?: string }).id ?? offer.activityId!;
  await Promise.all([b, c].map((x) => jobClick(x, Verbs.bulkConfirm, jobId, cardId)));
  await b.waitFor((r) => r.kind === 'update' && finished(r), 30_000);
  const posted = itemPosts().map((p) => /assignments\/([0-9a-f-]{36})\/reprocess/.exec(p.path)?.[1]);
  expect(posted.sort()).toEqual([...ids].sort());
}, 90_000);
