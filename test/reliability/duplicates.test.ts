import { Verbs } from '../../src/cards/templates';
import { conversationIdFor } from '../../sandbox/activities';
import { invokeCard, jobIdOf, titleOf } from '../support/cards';
import { exchangeValue, settle, startHarness, waitUntil, type Answer, type Harness } from '../support/harness';
import { admins, reliabilityTenant, slot, tenantUser } from './support/tenant';
import { AnswerBook } from './support/answers';
import { clickValue } from './support/traffic';

let h: Harness;
let book: AnswerBook;
const [admin, other] = admins(2) as [ReturnType<typeof admins>[0], ReturnType<typeof admins>[0]];
const newcomer = tenantUser('newcomer', 0);

beforeAll(async () => {
  h = await startHarness({
    sandbox: { data: reliabilityTenant({ slots: 12, admins: 2, newcomers: 1 }) },
    signedIn: [admin, other],
  });
  book = new AnswerBook(h.sandbox.channel);
});
afterAll(async () => {
  book?.stop();
  await h?.stop();
});

const posts = (path: string) => h.sandbox.graph.calls.filter((c) => c.method === 'POST' && c.path.endsWith(path));
const reprocessPosts = (i: number) => posts(`/assignments/${slot(i).assignmentId}/reprocess`);
const titleOfAnswer = (answer: Answer) => titleOf(invokeCard(answer) ?? {});
const click = (i: number, id: string, replyToId: string, user = admin, extra: Record<string, unknown> = {}) =>
  h.invoke(user, 'adaptiveCard/action', clickValue({ kind: 'reprocess', slot: slot(i) }, extra), { id, replyToId });

describe('the same activity delivered more than once', () => {
  it('a message redelivered after it was answered acts once and is answered once', async () => {
    const first = await h.message(admin, `reprocess ${slot(0).assignmentId}`, { id: 'dup-seq' });
    const again = await h.message(admin, `reprocess ${slot(0).assignmentId}`, { id: 'dup-seq' });
    await settle();
    expect([first.status, again.status]).toEqual([200, 200]);
    expect(reprocessPosts(0)).toHaveLength(1);
    expect(book.of('reply:dup-seq')).toHaveLength(1);
  });

  it('a message delivered five times at once acts once and is answered once', async () => {
    const deliveries = await Promise.all(
      [1, 2, 3, 4, 5].map(() => h.message(admin, `reprocess ${slot(1).assignmentId}`, { id: 'dup-par' })),
    );
    await settle();
    expect(deliveries.map((d) => d.status)).toEqual([200, 200, 200, 200, 200]);
    expect(reprocessPosts(1)).toHaveLength(1);
    expect(book.of('reply:dup-par')).toHaveLength(1);
  });

  it('a click redelivered with the same activity id acts once, and the redelivery also gets the card', async () => {
    const first = await click(2, 'dup-click', 'card-dup-click');
    const again = await click(2, 'dup-click', 'card-dup-click');
    expect(titleOfAnswer(first)).toBe('Reprocess queued');
    expect(reprocessPosts(2)).toHaveLength(1);
    expect(again.status).toBe(200);
    expect(titleOfAnswer(again)).toBe('Reprocess queued');
  });

  it('a click delivered three times at once acts once, and every delivery gets a card', async () => {
    const deliveries = await Promise.all([1, 2, 3].map(() => click(3, 'dup-click-par', 'card-dup-click-par')));
    expect(reprocessPosts(3)).toHaveLength(1);
    expect(deliveries.map((d) => d.status)).toEqual([200, 200, 200]);
    expect(deliveries.map(titleOfAnswer)).toEqual(['Reprocess queued', 'Reprocess queued', 'Reprocess queued']);
  });
});

describe('double clicks', () => {
  it('five concurrent clicks on one Reprocess button act once and every click gets the result card', async () => {
    const clicks = await Promise.all([0, 1, 2, 3, 4].map((n) => click(4, `dbl-${n}`, 'card-dbl')));
    expect(reprocessPosts(4)).toHaveLength(1);
    expect(clicks.map(titleOfAnswer)).toEqual(Array(5).fill('Reprocess queued'));
    const later = await click(4, 'dbl-later', 'card-dbl');
    expect(titleOfAnswer(later)).toBe('Reprocess queued');
    expect(reprocessPosts(4)).toHaveLength(1);
  });

  it('two people clicking the same channel card at once (twice each) act once, and every click gets the result card', async () => {
    const inChannel = { conversation: 'channel' as const, replyToId: 'channel-card' };
    const value = clickValue({ kind: 'reprocess', slot: slot(9) });
    const clicks = await Promise.all(
      [admin, other, admin, other].map((user, n) =>
        h.invoke(user, 'adaptiveCard/action', value, { ...inChannel, id: `ch-${n}` }),
      ),
    );
    expect(reprocessPosts(9)).toHaveLength(1);
    expect(clicks.map(titleOfAnswer)).toEqual(Array(4).fill('Reprocess queued'));
  });
});

describe('several devices and shared cards', () => {
  it('token exchanges with the same id from four devices exchange once and run the waiting command once', async () => {
    await h.message(newcomer, `reprocess ${slot(5).assignmentId}`, { id: 'devices-cmd' });
    const value = exchangeValue(h.sandbox, newcomer, 'same-exchange-id');
    const answers = await Promise.all(
      [1, 2, 3, 4].map((n) => h.invoke(newcomer, 'signin/tokenExchange', value, { id: `device-${n}` })),
    );
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
    const chat = `conversation:${conversationIdFor('personal', newcomer.oid, h.sandbox.env.BOT_ID ?? '', '')}`;
    expect(titleOf((await book.nth(chat, 2, 20_000))?.card ?? {})).toBe('Reprocess queued');
    const late = await h.invoke(newcomer, 'signin/tokenExchange', value, { id: 'device-late' });
    await settle();
    expect(late.status).toBe(200);
    expect(h.sandbox.entra.oboCount(newcomer.oid)).toBe(1);
    expect(reprocessPosts(5)).toHaveLength(1);
    expect(book.of(chat)).toHaveLength(2);
  });

  it('concurrent Confirm clicks on a bulk card start the job once: each assignment is reprocessed once', async () => {
    const ids = [6, 7, 8].map((i) => slot(i).assignmentId);
    await h.message(admin, `reprocess ${ids.join(' ')}`, { id: 'bulk-cmd' });
    const offer = await book.first('reply:bulk-cmd', 20_000);
    const jobId = jobIdOf(offer?.card ?? {}, Verbs.bulkConfirm);
    const cardId = offer?.activityId ?? '';
    const confirm = (n: number) =>
      h.click(admin, Verbs.bulkConfirm, { jobId }, { id: `confirm-${n}`, replyToId: cardId });
    const answers = await Promise.all([0, 1, 2, 3, 4].map(confirm));
    expect(answers.map((a) => titleOfAnswer(a))).toEqual(
      Array(5).fill(expect.stringMatching(/^(Reprocessing 3 assignments|Bulk reprocess finished)$/)),
    );
    const finished = await waitUntil(() =>
      ids.every((id) => h.sandbox.graph.calls.some((c) => c.batched && c.path.endsWith(`${id}/reprocess`))),
    );
    await settle();
    expect(finished).toBe(true);
    expect(
      ids.map((id) => h.sandbox.graph.calls.filter((c) => c.batched && c.path.endsWith(`${id}/reprocess`)).length),
    ).toEqual([1, 1, 1]);
  });
});
