import { startHarness, type Harness } from '../support/harness';
import { actionsOf, actionWith, cardIn, cardsOf, facts, joinedTexts, titleOf } from '../support/cards';
import { DEMO } from '../../sandbox/graph-data';
import { Verbs } from '../../src/cards/templates';

let h: Harness;
const admin = DEMO.users.admin;
const manager = DEMO.users.manager;
const diego = DEMO.users.diego;
const A = DEMO.assignments;
const posts = () => h.sandbox.graph.calls.filter((c) => c.method === 'POST');

beforeAll(async () => {
  h = await startHarness({ signedIn: [admin, manager] });
});
afterAll(() => h.stop());
beforeEach(() => h.reset());

describe.each(['channel', 'groupChat'] as const)('in a %s', (conversation) => {
  it('@Reprocess from a signed-in admin acts at once and answers in the same thread', async () => {
    const answer = await h.message(admin, `reprocess ${A.deliveredEngineering}`, {
      conversation,
      mentionBot: true,
      id: `root-${conversation}-1`,
    });
    expect(answer.status).toBe(200);
    const reply = await h.waitFor((r) => cardsOf(r.activity).length > 0);
    expect(reply.kind).toBe('reply');
    expect(reply.replyToId).toBe(`root-${conversation}-1`);
    expect(titleOf(cardIn(reply))).toBe('Reprocess queued');
    expect(facts(cardIn(reply))).toMatchObject({
      'Assignment id': A.deliveredEngineering,
      'Run by': expect.stringContaining(admin.name),
    });
    expect(posts()[0].oid).toBe(admin.oid);
  });

  it('@Reprocess from someone who cannot be signed in silently posts a card anyone can run as themselves', async () => {
    const root = `root-${conversation}-2`;
    await h.message(diego, `reprocess ${A.deliveredSales}`, { conversation, mentionBot: true, id: root });
    const prompt = await h.waitFor((r) => cardsOf(r.activity).length > 0);
    const card = cardIn(prompt);
    expect(titleOf(card)).toBe(`${diego.name} asked to reprocess assignment ${A.deliveredSales}`);
    expect(actionsOf(card)).toEqual([
      { title: 'Reprocess as me', verb: Verbs.reprocess, data: { assignmentId: A.deliveredSales } },
    ]);
    expect(h.sandbox.graph.calls).toHaveLength(0);
    expect(JSON.stringify(prompt.activity)).not.toMatch(/eyJ/);

    // A second person clicks it: the action runs as the clicker, and the card is updated for everyone.
    const messageId = (prompt.activity as { id?: string }).id ?? prompt.activityId!;
    const answer = await h.click(
      manager,
      Verbs.reprocess,
      { assignmentId: A.deliveredSales },
      { conversation, conversationId: prompt.conversationId, replyToId: messageId },
    );
    expect(answer.status).toBe(200);
    expect(posts()).toHaveLength(1);
    expect(posts()[0].oid).toBe(manager.oid);
    const update = await h.waitFor((r) => r.kind === 'update');
    expect(update.activityId).toBe(messageId);
    const updated = cardIn(update);
    expect(titleOf(updated)).toBe('Reprocess queued');
    expect(facts(updated)).toMatchObject({ 'Run by': expect.stringContaining(manager.name) });
    // Buttons that no longer make sense are gone: a queued reprocess offers only "Check status".
    expect(actionWith(updated, Verbs.reprocess)).toBeUndefined();
    expect(actionsOf(updated).map((a) => a.verb)).toEqual([Verbs.status]);
  });

  it('signout here says how to sign in again, without promising a silent sign-in Teams cannot do here', async () => {
    expect((await h.message(admin, 'signout', { conversation, mentionBot: true })).status).toBe(200);
    const card = cardIn(await h.waitFor((r) => cardsOf(r.activity).length > 0));
    expect(titleOf(card)).toBe('Signed out');
    expect(joinedTexts(card)).toContain("Teams can't sign you in silently here");
    expect(joinedTexts(card)).toContain('in a 1:1 chat');
    expect(joinedTexts(card)).not.toContain('signs you in again silently');
    // Signed out for real: the next command here asks the admin to sign in instead of acting.
    h.reset();
    await h.message(admin, `reprocess ${A.deliveredEngineering}`, { conversation, mentionBot: true });
    await h.waitFor((r) => cardsOf(r.activity).length > 0);
    expect(posts()).toHaveLength(0);
    expect((await h.signIn(admin)).status).toBe(200);
  });
});
