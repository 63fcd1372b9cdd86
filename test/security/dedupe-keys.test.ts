import { DEMO } from '../../sandbox/graph-data';
import { Verbs } from '../../src/cards/templates';
import { invokeCard, titleOf } from '../support/cards';
import { exchangeValue, settle, startHarness, type Harness } from '../support/harness';

// Finding 11: dedupe keys joined their parts with `/`, so `a:victim` + `1/2` and `a:victim/1` + `2` were one key:
// a message in one conversation could silence a message in another, and a click could be answered with the card
// of a click in another conversation. Each part is now encoded.
const admin = DEMO.users.admin;

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ signedIn: [admin] });
});
afterAll(() => h.stop());

describe('dedupe keys', () => {
  it('a message in one conversation does not make a message in another look like a redelivery', async () => {
    expect((await h.message(admin, 'help', { conversationId: 'a:victim', id: '1/2' })).status).toBe(200);
    expect((await h.message(admin, 'help', { conversationId: 'a:victim/1', id: '2' })).status).toBe(200);
    await settle();
    const answered = h.sandbox.channel.records
      .filter((r) => r.kind === 'reply')
      .map((r) => `${r.conversationId} ${r.replyToId}`);
    expect(answered).toEqual(expect.arrayContaining(['a:victim 1/2', 'a:victim/1 2']));
  });

  it("a click in one conversation is not answered with another conversation's result", async () => {
    const click = (conversationId: string, replyToId: string, assignmentId: string) =>
      h.click(admin, Verbs.reprocess, { assignmentId }, { conversationId, replyToId });
    h.sandbox.graph.clearCalls();
    await click('a:first', 'card/x', DEMO.assignments.delivered);
    const second = await click('a:first/card', 'x', DEMO.assignments.delivered);
    expect(titleOf(invokeCard(second) ?? {})).toBe('Reprocess queued');
    expect(h.sandbox.graph.calls.filter((c) => c.method === 'POST')).toHaveLength(2);
  });

  it('ids that no URI encoding accepts (a lone surrogate) are answered, never a 500', async () => {
    expect(
      (await h.invoke(admin, 'signin/tokenExchange', exchangeValue(h.sandbox, admin, 'lone-\ud800-surrogate'))).status,
    ).toBe(200);
    // Not a Teams id at all, and no reply could be addressed to it: refused as malformed.
    expect((await h.message(admin, 'help', { conversationId: 'a:\udfff', id: '\ud800' })).status).toBe(400);
    expect(h.logs.errors).toEqual([]);
  });
});
