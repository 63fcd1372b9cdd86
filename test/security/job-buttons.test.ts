import { randomUUID } from 'node:crypto';
import { SANDBOX_TENANT_ID } from '../../sandbox';
import { DEMO } from '../../sandbox/graph-data';
import { Verbs } from '../../src/cards/templates';
import { cardIn, cardsOf, invokeCard, jobIdOf, titled, titleOf } from '../support/cards';
import { settle, startHarness, type Harness, type TestUser, type Where } from '../support/harness';
import type { AdaptiveCardJson } from '../../src/cards/templates';

// Finding 5: anyone holding a job id (shown on cards, logged) could confirm the job from their own chat and become
// its owner, or cancel someone's unconfirmed job from another tenant's chat. A job's buttons act only in the job's
// conversation and tenant; in a 1:1 chat only its creator confirms or cancels; in a channel, Confirm runs "as
// whoever clicks", in that channel only.
const A = DEMO.assignments;
const admin = DEMO.users.admin;
const manager = DEMO.users.manager;
const OTHER_TENANT = '7d1e2c3b-4a59-4867-9f8e-1d2c3b4a5968';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({
    env: { ALLOWED_TENANT_IDS: `${SANDBOX_TENANT_ID},${OTHER_TENANT}` },
    signedIn: [admin, manager],
  });
});
afterAll(() => h.stop());
beforeEach(() => h.reset());

/** `user` offers a two-item job where `where` says; returns its id, card and conversation. */
async function offer(
  user: TestUser,
  where: Where = {},
): Promise<{ jobId: string; cardId: string; conversationId: string }> {
  const id = `offer-${randomUUID()}`;
  await h.message(user, `reprocess ${A.delivered} ${A.deliveredSales}`, { id, ...where });
  const reply = await h.waitFor((r) => r.replyToId === id && cardsOf(r.activity).length > 0);
  const jobId = jobIdOf(cardIn(reply), Verbs.bulkConfirm);
  return { jobId, cardId: reply.activityId ?? '', conversationId: reply.conversationId };
}

async function click(user: TestUser, verb: string, jobId: string, where: Where): Promise<AdaptiveCardJson> {
  const answer = await h.click(user, verb, { jobId }, where);
  expect(answer.status).toBe(200);
  return invokeCard(answer) ?? {};
}

const batches = () => h.sandbox.graph.calls.filter((c) => c.method === 'POST' && c.path.endsWith('/$batch'));
const stateOf = async (jobId: string) => (await h.storage.jobs.get(jobId))?.value;

describe("a job's buttons act only where the job lives", () => {
  it("Confirm from another user's own chat is refused: nothing runs and the owner stays the creator", async () => {
    const job = await offer(admin);
    const card = await click(manager, Verbs.bulkConfirm, job.jobId, { replyToId: job.cardId });
    expect(titleOf(card)).toBe("That job isn't from this chat");
    // Nothing of the job is shown to someone outside its chat.
    expect(JSON.stringify(card)).not.toContain(A.delivered);
    await settle();
    expect(batches()).toEqual([]);
    expect(await stateOf(job.jobId)).toMatchObject({
      state: 'awaitingConfirmation',
      owner: { aadObjectId: admin.oid },
    });
  });

  it("Cancel from another tenant's chat is refused, even naming the job's own conversation", async () => {
    const job = await offer(admin);
    for (const where of [{ tenantId: OTHER_TENANT }, { tenantId: OTHER_TENANT, conversationId: job.conversationId }]) {
      expect(titleOf(await click(manager, Verbs.bulkCancel, job.jobId, { ...where, replyToId: job.cardId }))).toBe(
        "That job isn't from this chat",
      );
    }
    expect((await stateOf(job.jobId))?.state).toBe('awaitingConfirmation');
  });

  it('in a 1:1 chat only the creator may confirm or cancel', async () => {
    const job = await offer(admin);
    const inAdminsChat = { conversationId: job.conversationId, replyToId: job.cardId };
    expect(titleOf(await click(manager, Verbs.bulkConfirm, job.jobId, inAdminsChat))).toBe(
      'Only the job owner can do that',
    );
    expect(titleOf(await click(manager, Verbs.bulkCancel, job.jobId, inAdminsChat))).toBe(
      'Only the job owner can do that',
    );
    expect((await stateOf(job.jobId))?.state).toBe('awaitingConfirmation');
    expect(titleOf(await click(admin, Verbs.bulkCancel, job.jobId, inAdminsChat))).toBe('Bulk reprocess cancelled');
  });

  it('in a channel, Confirm runs as whoever clicks there, and is refused from another channel', async () => {
    const job = await offer(admin, { conversation: 'channel', mentionBot: true });
    const elsewhere = {
      conversation: 'channel' as const,
      conversationId: '19:0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e@thread.tacv2;messageid=1',
      replyToId: job.cardId,
    };
    expect(titleOf(await click(manager, Verbs.bulkConfirm, job.jobId, elsewhere))).toBe(
      "That job isn't from this chat",
    );
    expect((await stateOf(job.jobId))?.state).toBe('awaitingConfirmation');
    const here = { conversation: 'channel' as const, conversationId: job.conversationId, replyToId: job.cardId };
    expect(titleOf(await click(manager, Verbs.bulkConfirm, job.jobId, here))).toMatch(
      /^(Reprocessing 2 assignments|Bulk reprocess finished)$/,
    );
    await h.waitFor((r) => r.kind === 'update' && titled('Bulk reprocess finished')(r));
    expect(batches().map((b) => b.oid)).toEqual([manager.oid]);
  });
});
