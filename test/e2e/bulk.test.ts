import { startHarness, type Answer, type Harness, type TestUser } from '../support/harness';
import {
  actionWith,
  cardIn,
  cardsOf,
  facts,
  invokeCard,
  jobIdOf,
  joinedTexts,
  texts,
  titled,
  titleOf,
} from '../support/cards';
import type { AdaptiveCardJson } from '../../src/cards/templates';
import { DEMO } from '../../sandbox/graph-data';
import { demoTenantWith, seriesId } from '../support/tenant';
import { Verbs } from '../../src/cards/templates';

const admin = DEMO.users.admin;
const manager = DEMO.users.manager;
const A = DEMO.assignments;
const BIG_PACKAGE = '9b9b9b9b-0000-4000-8000-000000000001';
const BIG = 2_500;
const UNKNOWN = '0b0b0b0b-0000-4000-8000-000000000404';

/** The demo tenant plus one access package with 2,500 delivered assignments (25 of Graph's pages of 100). */
const bigTenant = () =>
  demoTenantWith({ prefix: '9b9b9b9b', count: BIG, package: { id: BIG_PACKAGE, displayName: 'All Staff' } });

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ sandbox: { data: bigTenant() }, signedIn: [admin, manager] });
});
afterAll(() => h.stop());
beforeEach(() => {
  h.reset();
  h.sandbox.graph.setLatency(0);
});

const batches = () => h.sandbox.graph.calls.filter((c) => c.method === 'POST' && c.path.endsWith('/$batch'));
const itemPosts = () => h.sandbox.graph.calls.filter((c) => c.batched && c.method === 'POST');

let offers = 0;

/** Sends the command (in the user's 1:1 chat, or in a channel) and returns the card the bot answered with and its ids. */
async function offer(
  text: string,
  user: TestUser = admin,
  conversation?: 'channel',
): Promise<{ card: AdaptiveCardJson; messageId: string; jobId: string; conversationId: string }> {
  h.sandbox.channel.clear();
  const id = `offer-${++offers}`;
  expect(
    (await h.message(user, text, { id, ...(conversation ? { conversation, mentionBot: true } : {}) })).status,
  ).toBe(200);
  const reply = await h.waitFor((r) => r.replyToId === id && cardsOf(r.activity).length > 0);
  const card = cardIn(reply);
  return {
    card,
    messageId: (reply.activity as { id?: string }).id ?? reply.activityId ?? '',
    jobId: jobIdOf(card, Verbs.bulkConfirm),
    conversationId: reply.conversationId,
  };
}

function click(
  user: TestUser,
  verb: string,
  jobId: string,
  messageId: string,
  channelThread?: string,
): Promise<Answer> {
  const where = channelThread ? { conversation: 'channel' as const, conversationId: channelThread } : {};
  return h.click(user, verb, { jobId }, { replyToId: messageId, ...where });
}

const finalCard = async (timeoutMs = 30_000) =>
  cardIn(await h.waitFor((r) => r.kind === 'update' && titled(/^Bulk reprocess (finished|cancelled)$/)(r), timeoutMs));

describe('bulk reprocess of listed ids', () => {
  it('answers a confirmation card first: count, skipped inputs, and nothing sent to Graph', async () => {
    const { card, jobId } = await offer(`reprocess ${A.delivered}, ${A.deliveredSales}\n${A.delivered} not-an-id`);
    expect(titleOf(card)).toBe('Reprocess 2 assignments?');
    expect(facts(card)).toMatchObject({ Assignments: '2' });
    expect(texts(card)).toEqual(expect.arrayContaining(['1 input is not an assignment id; skipped:', 'not-an-id']));
    expect(jobId).toMatch(/^[0-9a-f-]{36}$/);
    expect(actionWith(card, Verbs.bulkCancel)?.data).toEqual({ jobId });
    expect(h.sandbox.graph.calls).toHaveLength(0);
  });

  it('Confirm in a channel answers at once with a progress card, runs one $batch as the clicker and ends with a summary', async () => {
    const { messageId, jobId, conversationId } = await offer(
      `reprocess ${A.delivered} ${A.deliveredSales} ${A.deliveredFinance}`,
      admin,
      'channel',
    );
    const answer = await click(manager, Verbs.bulkConfirm, jobId, messageId, conversationId);
    expect(answer.status).toBe(200);
    expect(titleOf(invokeCard(answer) ?? {})).toMatch(/^(Reprocessing 3 assignments|Bulk reprocess finished)$/);
    const summary = await finalCard();
    expect(titleOf(summary)).toBe('Bulk reprocess finished');
    // Each item runs with the clicker's role: Finance is outside Megan's catalog.
    expect(facts(summary)).toMatchObject({
      Succeeded: '2',
      Failed: '1',
      Total: '3',
      'Job id': jobId,
      Owner: expect.stringContaining(manager.name),
    });
    const lines = texts(summary);
    expect(lines[lines.indexOf(A.deliveredFinance) + 1]).toMatch(
      /^Access denied · HTTP 403 · request-id [0-9a-f-]{36}$/,
    );
    expect(batches()).toHaveLength(1);
    expect(batches()[0].oid).toBe(manager.oid);
    expect(itemPosts()).toHaveLength(3);
  });

  it('a throttled item waits for its own Retry-After and then succeeds; other failures are listed with request ids', async () => {
    h.sandbox.graph.inject({
      method: 'POST',
      path: `${A.deliveredSales}/reprocess`,
      status: 429,
      retryAfterSeconds: 1,
      times: 1,
    });
    const { messageId, jobId } = await offer(`reprocess ${A.delivered} ${A.deliveredSales} ${UNKNOWN}`);
    await click(admin, Verbs.bulkConfirm, jobId, messageId);
    const summary = await finalCard();
    const sales = itemPosts().filter((c) => c.path.includes(A.deliveredSales));
    expect(sales.map((c) => c.status)).toEqual([429, 202]);
    expect(sales[1].at - sales[0].at).toBeGreaterThanOrEqual(950);
    expect(facts(summary)).toMatchObject({ Succeeded: '2', Failed: '1' });
    // The failure list: the id, then what it means, as a single command would say it.
    const lines = texts(summary);
    const unknownRequestId = itemPosts().find((c) => c.path.includes(UNKNOWN))!.requestId;
    expect(lines[lines.indexOf(UNKNOWN) + 1]).toBe(`Not found · HTTP 404 · request-id ${unknownRequestId}`);
    // Not found fails the same way every time: no Retry failed for it.
    expect(actionWith(summary, Verbs.bulkRetryFailed)).toBeUndefined();
  });

  it('Retry failed re-sends only the failures that may succeed, and says how many permanent ones it leaves out', async () => {
    h.sandbox.graph.inject({ method: 'POST', path: `${A.deliveredEngineering}/reprocess`, status: 500, times: 3 });
    const { messageId, jobId } = await offer(`reprocess ${A.delivered} ${A.deliveredEngineering} ${UNKNOWN}`);
    await click(admin, Verbs.bulkConfirm, jobId, messageId);
    const first = await finalCard();
    expect(joinedTexts(first)).toContain('Retry failed sends the 1 assignment that may succeed now');
    expect(joinedTexts(first)).toContain('It leaves out 1 that would fail the same way again');
    expect(actionWith(first, Verbs.bulkRetryFailed)?.data).toEqual({ jobId });
    expect(itemPosts().filter((c) => c.path.includes(A.delivered + '/'))).toHaveLength(1);
    h.sandbox.channel.clear();
    h.sandbox.graph.clearCalls();
    await click(admin, Verbs.bulkRetryFailed, jobId, messageId);
    const summary = await finalCard();
    expect(itemPosts().map((c) => c.path)).toEqual([expect.stringContaining(A.deliveredEngineering)]);
    expect(actionWith(summary, Verbs.bulkRetryFailed)).toBeUndefined();
  });

  it('Cancel on the confirmation card cancels without any Graph call; a double Confirm runs once', async () => {
    const first = await offer(`reprocess ${A.delivered} ${A.deliveredSales}`);
    const cancelled = invokeCard(await click(admin, Verbs.bulkCancel, first.jobId, first.messageId)) ?? {};
    expect(titleOf(cancelled)).toBe('Bulk reprocess cancelled');
    expect(joinedTexts(cancelled)).toContain('Cancelled before anything was sent: nothing was reprocessed.');
    expect(h.sandbox.graph.calls).toHaveLength(0);

    const second = await offer(`reprocess ${A.delivered} ${A.deliveredSales}`);
    await Promise.all([
      click(admin, Verbs.bulkConfirm, second.jobId, second.messageId),
      click(admin, Verbs.bulkConfirm, second.jobId, second.messageId),
    ]);
    expect(titleOf(await finalCard())).toBe('Bulk reprocess finished');
    expect(itemPosts()).toHaveLength(2);
  });

  it('more than 100 ids are refused with a clear answer', async () => {
    const ids = Array.from({ length: 101 }, (_, i) => seriesId('9b9b9b9b', i));
    const { card, jobId } = await offer(`reprocess ${ids.join(' ')}`);
    expect(titleOf(card)).toBe('At most 100 ids per message');
    expect(jobId).toBe('');
    expect(h.sandbox.graph.calls).toHaveLength(0);
  });
});

describe('bulk reprocess of a package', () => {
  it('lists every delivered assignment across pages, then reprocesses them in $batch requests of 20 with throttled card updates', async () => {
    const { card, messageId, jobId } = await offer(`reprocess package ${BIG_PACKAGE}`);
    expect(titleOf(card)).toBe('Reprocess 2,500 assignments?');
    expect(facts(card)).toMatchObject({ Assignments: '2,500', 'Access package': `All Staff (${BIG_PACKAGE})` });
    const pages = h.sandbox.graph.calls.filter((c) => c.method === 'GET' && c.path.endsWith('/assignments'));
    expect(pages).toHaveLength(25);
    expect(pages.every((c) => !/\$top|\$orderby/.test(c.query))).toBe(true);
    h.sandbox.graph.clearCalls();
    h.sandbox.graph.setLatency(100);
    const started = Date.now();
    await click(admin, Verbs.bulkConfirm, jobId, messageId);
    const summary = await finalCard(100_000);
    const seconds = (Date.now() - started) / 1000;
    expect(facts(summary)).toMatchObject({ Succeeded: '2,500', Failed: '0', Total: '2,500' });
    expect(batches()).toHaveLength(BIG / 20);
    expect(new Set(itemPosts().map((c) => c.path)).size).toBe(BIG);
    // Progress updates are paced (one every few seconds at most), however long the run took on this machine.
    const updates = h.sandbox.channel.records.filter((r) => r.kind === 'update');
    expect(updates.length).toBeLessThanOrEqual(Math.ceil(seconds / 2) + 2);
  }, 150_000);
});

describe('history', () => {
  it("shows the caller's own recent attempts and never another user's", async () => {
    await h.message(admin, `reprocess ${A.deliveredFinance}`);
    await h.waitFor(titled('Reprocess queued'));
    const mine = await offer('history');
    expect(titleOf(mine.card)).toBe('Your recent reprocess activity');
    expect(texts(mine.card)).toContain(`Assignment ${A.deliveredFinance}`);
    const theirs = await offer('history', DEMO.users.reader);
    expect(texts(theirs.card).filter((t) => t.includes(A.deliveredFinance))).toEqual([]);
  });
});
