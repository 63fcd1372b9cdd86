import { randomUUID } from 'node:crypto';
import { conversationIdFor } from '../../sandbox/activities';
import { DEMO } from '../../sandbox/graph-data';
import type { Job } from '../../src/storage';
import { Verbs } from '../../src/cards/templates';
import { actionWith, cardIn, facts, invokeCard, jobIdOf, texts, titleOf } from '../support/cards';
import { settle, startHarness, type Harness, type TestUser, type Where } from '../support/harness';

// Finding 3: a never-signed-in user could create jobs, jobs never expired, nothing capped jobs per user, and
// skipped inputs were stored in full. Now: sign in first (the command comes back by itself), then the
// confirmation; a count plus the first few skipped inputs; at most 3 open jobs per user; unconfirmed jobs expire
// after a day. (Running jobs are found through an index: test/storage/azure.test.ts, on Azurite.)
const A = DEMO.assignments;
const OAUTH_CARD = 'application/vnd.microsoft.card.oauth';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ signedIn: [DEMO.users.admin, DEMO.users.reader] });
});
afterAll(() => h.stop());
beforeEach(() => h.sandbox.channel.clear());

/** The first message the bot sent in answer to `text` (waits for it). */
async function answerTo(user: TestUser, text: string, where: Where = {}) {
  const id = `bulk-${randomUUID()}`;
  expect((await h.message(user, text, { id, ...where })).status).toBe(200);
  return h.waitFor((r) => r.replyToId === id);
}

const tenant = () => h.sandbox.tenantId;
const jobOf = async (jobId: string) => (await h.storage.jobs.get(jobId))!.value;

describe('bulk jobs are bounded', () => {
  it('a user who never signed in is asked to sign in first; nothing is stored until then, and the confirmation follows sign-in', async () => {
    const newcomer = DEMO.users.manager;
    const prompt = await answerTo(newcomer, `reprocess ${A.delivered} ${A.deliveredSales}`);
    expect(prompt.activity.attachments?.map((a) => a.contentType)).toEqual([OAUTH_CARD]);
    expect(await h.storage.jobs.countOpen(tenant(), newcomer.oid)).toBe(0);
    expect((await h.signIn(newcomer)).status).toBe(200);
    const offer = cardIn(await h.waitFor((r) => actionWith(cardIn(r), Verbs.bulkConfirm) !== undefined));
    expect(titleOf(offer)).toBe('Reprocess 2 assignments?');
    expect(await h.storage.jobs.countOpen(tenant(), newcomer.oid)).toBe(1);
  });

  it('in a channel, a user without a credential is told to sign in first and no job is stored', async () => {
    const diego = DEMO.users.diego;
    const answer = await answerTo(diego, `reprocess ${A.delivered} ${A.deliveredSales}`, {
      conversation: 'channel',
      mentionBot: true,
    });
    expect(titleOf(cardIn(answer))).toBe('Sign in to Reprocess first');
    expect(await h.storage.jobs.countOpen(tenant(), diego.oid)).toBe(0);
  });

  it('5,000 inputs that are not ids are stored as their count and the first ten, and the card still says 5,000', async () => {
    const junk = Array.from({ length: 5_000 }, (_, i) => `not-an-id-${i}-${'x'.repeat(20)}`);
    const offer = cardIn(await answerTo(DEMO.users.admin, `reprocess ${A.delivered} ${junk.join(' ')}`));
    expect(titleOf(offer)).toBe('Reprocess 1 assignment?');
    expect(texts(offer)).toEqual(
      expect.arrayContaining(['5,000 inputs are not assignment ids; skipped:', ...junk.slice(0, 10)]),
    );
    expect(texts(offer).some((t) => /4,990 more/.test(t))).toBe(true);
    const job = await jobOf(jobIdOf(offer, Verbs.bulkConfirm));
    expect(job.skipped.count).toBe(5_000);
    expect(job.skipped.first).toEqual(junk.slice(0, 10));
    expect(JSON.stringify(job).length).toBeLessThan(8 * 1024);
    await cancel(DEMO.users.admin, job);
  });

  it('a fourth open job is refused with a clear answer and stores nothing; cancelling one makes room', async () => {
    const user = DEMO.users.reader;
    const jobs: Job[] = [];
    for (let i = 0; i < 3; i++) {
      const offer = cardIn(await answerTo(user, `reprocess ${A.delivered} ${A.deliveredSales}`));
      jobs.push(await jobOf(jobIdOf(offer, Verbs.bulkConfirm)));
    }
    const refused = cardIn(await answerTo(user, `reprocess ${A.delivered} ${A.deliveredFinance}`));
    expect(titleOf(refused)).toBe('You already have 3 open bulk jobs');
    expect(actionWith(refused, Verbs.bulkConfirm)).toBeUndefined();
    expect(await h.storage.jobs.countOpen(tenant(), user.oid)).toBe(3);
    await cancel(user, jobs[0]!);
    const again = cardIn(await answerTo(user, `reprocess ${A.delivered} ${A.deliveredFinance}`));
    expect(titleOf(again)).toBe('Reprocess 2 assignments?');
  });

  it('an unconfirmed job older than a day is gone: Confirm says so and nothing runs', async () => {
    const admin = DEMO.users.admin;
    const dayAndAHourAgo = new Date(Date.now() - 25 * 60 * 60_000).toISOString();
    const conversationId = conversationIdFor('personal', admin.oid, h.sandbox.env.BOT_ID ?? '', '');
    const job: Job = {
      id: randomUUID(),
      tenantId: tenant(),
      createdBy: admin.oid,
      owner: { aadObjectId: admin.oid, name: admin.name },
      source: { kind: 'ids' },
      state: 'awaitingConfirmation',
      items: [{ id: A.delivered, status: 'pending', attempts: 0 }],
      skipped: { count: 0, first: [] },
      conversation: {
        conversation: { id: conversationId, tenantId: tenant() },
        serviceUrl: h.sandbox.channel.serviceUrl,
      },
      createdAt: dayAndAHourAgo,
      updatedAt: dayAndAHourAgo,
    };
    expect(await h.storage.jobs.create(job)).toBe(true);
    h.sandbox.graph.clearCalls();
    const answer = await h.click(admin, Verbs.bulkConfirm, { jobId: job.id });
    expect(titleOf(invokeCard(answer) ?? {})).toBe('That job no longer exists');
    await settle();
    expect(h.sandbox.graph.calls.filter((c) => c.method === 'POST')).toEqual([]);
  });
});

async function cancel(user: TestUser, job: Job): Promise<void> {
  const card =
    invokeCard(await h.click(user, Verbs.bulkCancel, { jobId: job.id }, { replyToId: job.cardActivityId })) ?? {};
  expect(titleOf(card)).toBe('Bulk reprocess cancelled');
  expect(facts(card)).toMatchObject({ 'Job id': job.id });
}
