import { randomUUID } from 'node:crypto';
import { DEMO } from '../../sandbox/graph-data';
import { cardIn, cardsOf, texts, titled, titleOf } from '../support/cards';
import { startHarness, type Harness, type Where } from '../support/harness';
import type { AdaptiveCardJson } from '../../src/cards/templates';

// Finding 9: `history` answered in a channel posted the admin's audit trail where everyone reads it. It is
// answered in a 1:1 chat only; elsewhere the bot says where to ask.
const admin = DEMO.users.admin;

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ signedIn: [admin] });
  await h.message(admin, `reprocess ${DEMO.assignments.deliveredSales}`);
  await h.waitFor(titled('Reprocess queued'));
});
afterAll(() => h.stop());

async function historyIn(where: Where): Promise<AdaptiveCardJson> {
  const id = `history-${randomUUID()}`;
  await h.message(admin, 'history', { id, ...where });
  return cardIn(await h.waitFor((r) => r.replyToId === id && cardsOf(r.activity).length > 0));
}

describe('history', () => {
  it.each(['channel', 'groupChat'] as const)(
    'in a %s shows no audit entry and points to the 1:1 chat',
    async (conversation) => {
      const card = await historyIn({ conversation, mentionBot: true });
      expect(titleOf(card)).toBe('Ask for your history in a 1:1 chat');
      expect(JSON.stringify(card)).not.toContain(DEMO.assignments.deliveredSales);
    },
  );

  it("in the 1:1 chat lists the caller's own attempts", async () => {
    const card = await historyIn({});
    expect(titleOf(card)).toBe('Your recent reprocess activity');
    expect(texts(card)).toContain(`Assignment ${DEMO.assignments.deliveredSales}`);
  });
});
