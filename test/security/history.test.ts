import { randomUUID } from 'node:crypto';
import { DEMO } from '../../sandbox/graph-data';
import { cardsOf, cardText } from '../e2e/harness';
import { startSecurityHarness, type SecurityHarness, type Where } from './harness';

// Finding 9: `history` answered in a channel posted the admin's audit trail where everyone reads it. It is
// answered in a 1:1 chat only; elsewhere the bot says where to ask.
const admin = DEMO.users.admin;

let h: SecurityHarness;
beforeAll(async () => {
  h = await startSecurityHarness();
  expect((await h.signIn(admin)).status).toBe(200);
  await h.message(admin, `reprocess ${DEMO.assignments.deliveredSales}`);
  await h.sandbox.channel.waitFor((r) => JSON.stringify(r.activity).includes('Reprocess queued'));
});
afterAll(() => h.stop());

async function historyIn(where: Where): Promise<string> {
  const id = `history-${randomUUID()}`;
  await h.message(admin, 'history', { id, ...where });
  const reply = await h.sandbox.channel.waitFor((r) => r.replyToId === id && cardsOf(r.activity).length > 0, 10_000);
  return cardText(cardsOf(reply.activity)[0]);
}

describe('history', () => {
  it.each(['channel', 'groupChat'] as const)('in a %s shows no audit entry and points to the 1:1 chat', async (conversation) => {
    const card = await historyIn({ conversation, mentionBot: true });
    expect(card).not.toContain(DEMO.assignments.deliveredSales);
    expect(card).toContain('Ask for your history in a 1:1 chat');
  });

  it('in the 1:1 chat lists the caller\'s own attempts', async () => {
    expect(await historyIn({})).toContain(DEMO.assignments.deliveredSales);
  });
});
