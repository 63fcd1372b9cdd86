import { randomUUID } from 'node:crypto';
import { DEMO } from '../../sandbox/graph-data';
import { demoTenantWith } from '../support/tenant';
import { Verbs, type AdaptiveCardJson } from '../../src/cards/templates';
import { cardsOf, actionWith, nodes, texts, titleOf } from '../support/cards';
import { startHarness, type Harness } from '../support/harness';

// `history`: a bulk job is ONE row (its counts and job id), never a row per item; the admin's single commands are
// not pushed out by a big job; "20 of N" when there are more rows than the card shows.
const admin = DEMO.users.admin;
const A = DEMO.assignments;
const PACKAGE = '7c7c7c7c-0000-4000-8000-000000000001';
const ITEMS = 100;

const tenant = () =>
  demoTenantWith({ prefix: '7c7c7c7c', count: ITEMS, package: { id: PACKAGE, displayName: 'All Staff' } });

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ sandbox: { data: tenant() } });
  expect((await h.signIn(admin)).status).toBe(200);
});
afterAll(() => h.stop());

/** Sends `text` in the admin's 1:1 chat; the answering card and the id of the message that carries it. */
async function send(text: string): Promise<{ card: AdaptiveCardJson; messageId: string }> {
  const id = `msg-${randomUUID()}`;
  expect((await h.message(admin, text, { id })).status).toBe(200);
  const reply = await h.sandbox.channel.waitFor((r) => r.replyToId === id && cardsOf(r.activity).length > 0, 15_000);
  return { card: cardsOf(reply.activity)[0] as AdaptiveCardJson, messageId: reply.activityId ?? '' };
}

/** Each history row's lines (outcome, time, what, detail), in the card's order. */
const rowsOf = (card: AdaptiveCardJson): string[][] =>
  nodes(card.body)
    .filter((n) => n.type === 'Container' && n.separator === true)
    .map((row) =>
      nodes(row)
        .filter((n) => n.type === 'TextBlock')
        .map((n) => String(n.text)),
    );

async function runPackageJob(): Promise<string> {
  const { card, messageId } = await send(`reprocess package ${PACKAGE}`);
  const jobId = String(actionWith(card, Verbs.bulkConfirm)?.data?.jobId);
  const click = { action: { type: 'Action.Execute', verb: Verbs.bulkConfirm, data: { jobId } } };
  expect((await h.invoke(admin, 'adaptiveCard/action', click, { replyToId: messageId })).status).toBe(200);
  await h.sandbox.channel.waitFor(
    (r) => r.kind === 'update' && cardsOf(r.activity).some((c) => titleOf(c) === 'Bulk reprocess finished'),
    30_000,
  );
  return jobId;
}

describe('history', () => {
  let jobId: string;

  it('a 100-item job is one row with its counts and job id, and the single commands before it are still listed', async () => {
    for (const id of [A.delivered, A.deliveredSales, A.deliveredFinance])
      expect(titleOf((await send(`reprocess ${id}`)).card)).toBe('Reprocess queued');
    jobId = await runPackageJob();
    const { card } = await send('history');
    const rows = rowsOf(card);
    expect(rows).toHaveLength(4);
    expect(rows[0]).toEqual([
      'Bulk job finished',
      expect.stringMatching(/UTC$/),
      '100 assignments from access package All Staff: 100 accepted',
      `Job id ${jobId}`,
    ]);
    expect(rows.slice(1).map((r) => [r[0], r[2]])).toEqual([
      ['Reprocess queued', `Assignment ${A.deliveredFinance}`],
      ['Reprocess queued', `Assignment ${A.deliveredSales}`],
      ['Reprocess queued', `Assignment ${A.delivered}`],
    ]);
    expect(texts(card)).toContain('Newest first.');
  }, 60_000);

  it('says "20 of N" when there are more rows than the card shows', async () => {
    for (let i = 0; i < 20; i++) await send(`reprocess ${A.delivered}`);
    const { card } = await send('history');
    expect(texts(card)).toContain('The 20 most recent of 24, newest first.');
    const rows = rowsOf(card);
    expect(rows).toHaveLength(20);
    // The 20 newest are the singles just sent; the job's row is older and counted, not shown.
    expect(rows.every((r) => r[0] === 'Reprocess queued')).toBe(true);
    expect(rows.flat()).not.toContain(`Job id ${jobId}`);
  }, 60_000);

  it('a job cancelled before anything was sent adds no row: it reprocessed nothing', async () => {
    const { card, messageId } = await send(`reprocess ${A.delivered} ${A.deliveredSales}`);
    const jobId = String(actionWith(card, Verbs.bulkCancel)?.data?.jobId);
    const click = { action: { type: 'Action.Execute', verb: Verbs.bulkCancel, data: { jobId } } };
    expect((await h.invoke(admin, 'adaptiveCard/action', click, { replyToId: messageId })).status).toBe(200);
    const history = (await send('history')).card;
    expect(texts(history)).toContain('The 20 most recent of 24, newest first.');
    expect(rowsOf(history).flat()).not.toContain(`Job id ${jobId}`);
  });
});
