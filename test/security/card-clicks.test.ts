import { randomUUID } from 'node:crypto';
import { DEMO } from '../../sandbox/graph-data';
import { Verbs } from '../../src/cards/templates';
import { cardsOf, invokeCard, titleOf } from '../support/cards';
import { settle, startHarness, type Harness, type TestUser } from '../support/harness';

// Finding 8: the click ledger's key had no user, so one user's failed click answered everyone else's click on
// that card for 30 s (share only successful results); and `replyToId` was trusted for card updates (update only
// cards the bot itself posted in that conversation).
const A = DEMO.assignments;
const { admin, manager, reader, diego } = DEMO.users;

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ signedIn: [admin, manager, reader] });
});
afterAll(() => h.stop());
beforeEach(() => h.reset());

/** Diego (no credential) asks in a channel; the bot posts a card anyone there can run. Returns its ids. */
async function channelPrompt(assignmentId: string): Promise<{ cardId: string; conversationId: string }> {
  const id = `root-${randomUUID()}`;
  await h.message(diego, `reprocess ${assignmentId}`, { conversation: 'channel', mentionBot: true, id });
  const prompt = await h.waitFor((r) => r.replyToId === id && cardsOf(r.activity).length > 0);
  return { cardId: prompt.activityId ?? '', conversationId: prompt.conversationId };
}

/** Clicks "Reprocess as me" on that card; the title of the card the click is answered with. */
async function clickReprocess(
  user: TestUser,
  assignmentId: string,
  conversationId: string,
  replyToId: string,
): Promise<string> {
  const answer = await h.click(
    user,
    Verbs.reprocess,
    { assignmentId },
    { conversation: 'channel', conversationId, replyToId },
  );
  expect(answer.status).toBe(200);
  return titleOf(invokeCard(answer) ?? {});
}

const reprocessPosts = () => h.sandbox.graph.calls.filter((c) => c.method === 'POST' && c.path.endsWith('/reprocess'));

describe('card clicks', () => {
  it("one user's refused click does not answer the next user's click on the same card", async () => {
    const card = await channelPrompt(A.deliveredFinance);
    // Lee has no entitlement-management role: Graph refuses him.
    expect(await clickReprocess(reader, A.deliveredFinance, card.conversationId, card.cardId)).toBe(
      "You can't reprocess this assignment",
    );
    expect(await clickReprocess(admin, A.deliveredFinance, card.conversationId, card.cardId)).toBe('Reprocess queued');
    expect(reprocessPosts().map((c) => c.oid)).toEqual([admin.oid]);
    // A success is shared: a third click on that card gets it without a second write (Megan's catalog-scoped role
    // would not even reach Finance).
    expect(await clickReprocess(manager, A.deliveredFinance, card.conversationId, card.cardId)).toBe(
      'Reprocess queued',
    );
    expect(reprocessPosts().map((c) => c.oid)).toEqual([admin.oid]);
  });

  it('a click naming a message the bot did not post in this conversation updates no message', async () => {
    const card = await channelPrompt(A.deliveredEngineering);
    const elsewhere = await channelPrompt(A.deliveredSales);
    for (const replyToId of ['someone-elses-message', elsewhere.cardId]) {
      expect(await clickReprocess(admin, A.deliveredEngineering, card.conversationId, replyToId)).toBe(
        'Reprocess queued',
      );
    }
    await settle();
    expect(h.sandbox.channel.records.filter((r) => r.kind === 'update')).toEqual([]);
    // The card the bot did post there is updated for everyone.
    await clickReprocess(admin, A.deliveredEngineering, card.conversationId, card.cardId);
    const update = await h.waitFor((r) => r.kind === 'update');
    expect(update.activityId).toBe(card.cardId);
  });
});
