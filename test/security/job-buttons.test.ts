import { randomUUID } from 'node:crypto';
import { SANDBOX_TENANT_ID } from '../../sandbox';
import { DEMO } from '../../sandbox/graph-data';
import { Verbs } from '../../src/cards/templates';
import { cardsOf, cardText, type TestUser } from '../e2e/harness';
import { settle, startSecurityHarness, type SecurityHarness, type Where } from './harness';

// Finding 5: anyone holding a job id (shown on cards, logged) could confirm the job from their own chat and become
// its owner, or cancel someone's unconfirmed job from another tenant's chat. A job's buttons act only in the job's
// conversation and tenant; in a 1:1 chat only its creator confirms or cancels; in a channel, Confirm runs "as
// whoever clicks", in that channel only.
const A = DEMO.assignments;
const admin = DEMO.users.admin;
const manager = DEMO.users.manager;
const OTHER_TENANT = '7d1e2c3b-4a59-4867-9f8e-1d2c3b4a5968';

let h: SecurityHarness;
beforeAll(async () => {
  h = await startSecurityHarness({ env: { ALLOWED_TENANT_IDS: `${SANDBOX_TENANT_ID},${OTHER_TENANT}` } });
  for (const user of [admin, manager]) expect((await h.signIn(user)).status).toBe(200);
});
afterAll(() => h.stop());
beforeEach(() => {
  h.sandbox.channel.clear();
  h.sandbox.graph.clearCalls();
});

/** `user` offers a two-item job where `where` says; returns its id, card and conversation. */
async function offer(user: TestUser, where: Where = {}): Promise<{ jobId: string; cardId: string; conversationId: string }> {
  const id = `offer-${randomUUID()}`;
  await h.message(user, `reprocess ${A.delivered} ${A.deliveredSales}`, { id, ...where });
  const reply = await h.sandbox.channel.waitFor((r) => r.replyToId === id && cardsOf(r.activity).length > 0, 10_000);
  const jobId = /"jobId":"([0-9a-f-]{36})"/.exec(cardText(cardsOf(reply.activity)[0]))?.[1] ?? '';
  return { jobId, cardId: reply.activityId ?? '', conversationId: reply.conversationId };
}

async function click(user: TestUser, verb: string, jobId: string, where: Where): Promise<string> {
  const answer = await h.invoke(user, 'adaptiveCard/action', { action: { type: 'Action.Execute', verb, data: { jobId } } }, where);
  expect(answer.status).toBe(200);
  return cardText((answer.body as { value?: unknown }).value);
}

const batches = () => h.sandbox.graph.calls.filter((c) => c.method === 'POST' && c.path.endsWith('/$batch'));
const stateOf = async (jobId: string) => (await h.storage.jobs.get(jobId))?.value;

describe("a job's buttons act only where the job lives", () => {
  it("Confirm from another user's own chat is refused: nothing runs and the owner stays the creator", async () => {
    const job = await offer(admin);
    const card = await click(manager, Verbs.bulkConfirm, job.jobId, { replyToId: job.cardId });
    expect(card).toContain("That job isn't from this chat");
    expect(card).not.toContain(A.delivered);
    await settle();
    expect(batches()).toEqual([]);
    expect(await stateOf(job.jobId)).toMatchObject({ state: 'awaitingConfirmation', owner: { aadObjectId: admin.oid } });
  });

  it("Cancel from another tenant's chat is refused, even naming the job's own conversation", async () => {
    const job = await offer(admin);
    for (const where of [{ tenantId: OTHER_TENANT }, { tenantId: OTHER_TENANT, conversationId: job.conversationId }]) {
      expect(await click(manager, Verbs.bulkCancel, job.jobId, { ...where, replyToId: job.cardId })).toContain("That job isn't from this chat");
    }
    expect((await stateOf(job.jobId))?.state).toBe('awaitingConfirmation');
  });

  it('in a 1:1 chat only the creator may confirm or cancel', async () => {
    const job = await offer(admin);
    const inAdminsChat = { conversationId: job.conversationId, replyToId: job.cardId };
    expect(await click(manager, Verbs.bulkConfirm, job.jobId, inAdminsChat)).toContain('Only the job owner can do that');
    expect(await click(manager, Verbs.bulkCancel, job.jobId, inAdminsChat)).toContain('Only the job owner can do that');
    expect((await stateOf(job.jobId))?.state).toBe('awaitingConfirmation');
    expect(await click(admin, Verbs.bulkCancel, job.jobId, inAdminsChat)).toContain('Bulk reprocess cancelled');
  });

  it('in a channel, Confirm runs as whoever clicks there, and is refused from another channel', async () => {
    const job = await offer(admin, { conversation: 'channel', mentionBot: true });
    const elsewhere = { conversation: 'channel' as const, conversationId: '19:0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e@thread.tacv2;messageid=1', replyToId: job.cardId };
    expect(await click(manager, Verbs.bulkConfirm, job.jobId, elsewhere)).toContain("That job isn't from this chat");
    expect((await stateOf(job.jobId))?.state).toBe('awaitingConfirmation');
    const here = { conversation: 'channel' as const, conversationId: job.conversationId, replyToId: job.cardId };
    expect(await click(manager, Verbs.bulkConfirm, job.jobId, here)).toMatch(/Reprocessing 2 assignments|Bulk reprocess finished/);
    await h.sandbox.channel.waitFor((r) => r.kind === 'update' && JSON.stringify(r.activity).includes('Bulk reprocess finished'), 15_000);
    expect(batches().map((b) => b.oid)).toEqual([manager.oid]);
  });
});
