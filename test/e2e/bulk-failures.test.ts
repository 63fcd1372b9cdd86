import { randomUUID } from 'node:crypto';
import { DEMO } from '../../sandbox/graph-data';
import { demoTenantWith } from '../support/tenant';
import { Verbs, type AdaptiveCardJson } from '../../src/cards/templates';
import { cardsOf, actionWith, facts, texts, titleOf } from '../support/cards';
import { startHarness, waitUntil, type Answer, type Harness } from '../support/harness';

// Bulk results speak like single results: an item Graph refused with 400 because its assignment is not Delivered
// says "Not eligible: <state>" (its state read afterwards, only for those items); Retry failed re-sends only what
// may succeed; a cancelled job says what was and was not sent.
const admin = DEMO.users.admin;
const A = DEMO.assignments;
const UNKNOWN = '0c0c0c0c-0000-4000-8000-000000000404';
const BIG_PACKAGE = '8d8d8d8d-0000-4000-8000-000000000001';
const BIG = 2_000;

const tenant = () =>
  demoTenantWith({ prefix: '8d8d8d8d', count: BIG, package: { id: BIG_PACKAGE, displayName: 'Contractors' } });

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ sandbox: { data: tenant() } });
  expect((await h.signIn(admin)).status).toBe(200);
});
afterAll(() => h.stop());
beforeEach(() => {
  h.sandbox.channel.clear();
  h.sandbox.graph.clearCalls();
  h.sandbox.graph.clearInjections();
  h.sandbox.graph.setLatency(0);
});

/** Offers a job in the admin's 1:1 chat; its id and the message carrying its card. */
async function offer(text: string): Promise<{ jobId: string; messageId: string }> {
  const id = `msg-${randomUUID()}`;
  expect((await h.message(admin, text, { id })).status).toBe(200);
  const reply = await h.sandbox.channel.waitFor((r) => r.replyToId === id && cardsOf(r.activity).length > 0, 15_000);
  const card = cardsOf(reply.activity)[0] as AdaptiveCardJson;
  return { jobId: String(actionWith(card, Verbs.bulkConfirm)?.data?.jobId), messageId: reply.activityId ?? '' };
}

function click(verb: string, job: { jobId: string; messageId: string }): Promise<Answer> {
  return h.invoke(
    admin,
    'adaptiveCard/action',
    { action: { type: 'Action.Execute', verb, data: { jobId: job.jobId } } },
    { replyToId: job.messageId },
  );
}

/** The job's card once it has ended (`Bulk reprocess finished` or `cancelled`), as last updated. */
async function endCard(title: string): Promise<AdaptiveCardJson> {
  const update = await h.sandbox.channel.waitFor(
    (r) => r.kind === 'update' && cardsOf(r.activity).some((c) => titleOf(c) === title),
    30_000,
  );
  return cardsOf(update.activity)[0] as AdaptiveCardJson;
}

/** Resolves when the bot logged the end of the job's run (its last card update comes before). */
async function runEnded(jobId: string): Promise<void> {
  expect(
    await waitUntil(
      () => h.logs.lines().some((line) => line.includes('"msg":"bulk job run ended"') && line.includes(jobId)),
      30_000,
    ),
  ).toBe(true);
}

/** The last card update with `title`. */
function lastUpdate(title: string): AdaptiveCardJson {
  const cards = h.sandbox.channel.records.filter((r) => r.kind === 'update').flatMap((r) => cardsOf(r.activity));
  return cards.filter((c) => titleOf(c) === title).at(-1) as AdaptiveCardJson;
}

/** Each listed failure as "id: detail". */
function failuresOf(card: AdaptiveCardJson): string[] {
  const lines = texts(card);
  const start = lines.indexOf('Failed assignments');
  const listed = start < 0 ? [] : lines.slice(start + 1);
  return listed.flatMap((line, i) => (i % 2 === 0 && listed[i + 1] !== undefined ? [`${line}: ${listed[i + 1]}`] : []));
}

const reprocessPosts = () => h.sandbox.graph.calls.filter((c) => c.batched && c.method === 'POST');
const stateReads = () => h.sandbox.graph.calls.filter((c) => c.batched && c.method === 'GET');
const requestIdOf = (id: string, method: string) =>
  h.sandbox.graph.calls.find((c) => c.batched && c.method === method && c.path.includes(id))?.requestId;

describe('bulk failures in words', () => {
  it('an item refused with 400 says "Not eligible: <state>", read afterwards for those items only', async () => {
    const job = await offer(`reprocess ${A.delivered} ${A.delivering} ${A.partiallyDelivered} ${UNKNOWN}`);
    expect((await click(Verbs.bulkConfirm, job)).status).toBe(200);
    const card = await endCard('Bulk reprocess finished');
    expect(failuresOf(card)).toEqual([
      `${A.delivering}: Not eligible: Delivering · HTTP 400 · request-id ${requestIdOf(A.delivering, 'POST')}`,
      `${A.partiallyDelivered}: Not eligible: Partially delivered · HTTP 400 · request-id ${requestIdOf(A.partiallyDelivered, 'POST')}`,
      `${UNKNOWN}: Not found · HTTP 404 · request-id ${requestIdOf(UNKNOWN, 'POST')}`,
    ]);
    expect(stateReads().map((c) => [c.path.split('/').pop(), c.query])).toEqual(
      expect.arrayContaining([
        [A.delivering, '$select=id,state'],
        [A.partiallyDelivered, '$select=id,state'],
      ]),
    );
    expect(stateReads()).toHaveLength(2);
    // Not eligible fails the same way again: nothing to retry.
    expect(actionWith(card, Verbs.bulkRetryFailed)).toBeUndefined();
  });

  it('a state that cannot be read leaves the item "Refused by Microsoft Graph"', async () => {
    h.sandbox.graph.inject({ method: 'GET', path: A.delivering, status: 500, times: 1 });
    const job = await offer(`reprocess ${A.delivered} ${A.delivering}`);
    await click(Verbs.bulkConfirm, job);
    const card = await endCard('Bulk reprocess finished');
    expect(failuresOf(card)).toEqual([
      `${A.delivering}: Refused by Microsoft Graph · HTTP 400 · request-id ${requestIdOf(A.delivering, 'POST')}`,
    ]);
  });

  it('Retry failed re-sends only what may succeed and says how many permanent failures it leaves out', async () => {
    h.sandbox.graph.inject({
      method: 'POST',
      path: `${A.deliveredEngineering}/reprocess`,
      status: 503,
      retryAfterSeconds: 0,
      times: 10,
    });
    const job = await offer(`reprocess ${A.delivered} ${A.deliveredEngineering} ${A.delivering} ${UNKNOWN}`);
    await click(Verbs.bulkConfirm, job);
    const first = await endCard('Bulk reprocess finished');
    expect(texts(first)).toContain(
      'Accepted means queued, not done: each assignment is re-evaluated and its access re-applied in the background. ' +
        'Retry failed sends the 1 assignment that may succeed now (throttled, Graph failures, no answer, interrupted). It leaves out 2 that would fail the same way again (not found, access denied, not eligible or refused).',
    );
    expect(actionWith(first, Verbs.bulkRetryFailed)?.data).toEqual({ jobId: job.jobId });
    h.sandbox.channel.clear();
    h.sandbox.graph.clearCalls();
    await click(Verbs.bulkRetryFailed, job);
    const second = await endCard('Bulk reprocess finished');
    expect(reprocessPosts().map((c) => c.path.split('/').at(-2))).toEqual([A.deliveredEngineering]);
    expect(facts(second)).toMatchObject({ Succeeded: '2', Failed: '2' });
    expect(failuresOf(second).map((f) => f.split(':')[0])).toEqual([A.delivering, UNKNOWN]);
    expect(actionWith(second, Verbs.bulkRetryFailed)).toBeUndefined();
  }, 60_000);
});

describe('a cancelled job', () => {
  it('cancelled before confirming says nothing was sent, and sends nothing', async () => {
    const job = await offer(`reprocess ${A.delivered} ${A.deliveredSales}`);
    const answer = await click(Verbs.bulkCancel, job);
    const card = (answer.body as { value: AdaptiveCardJson }).value;
    expect(titleOf(card)).toBe('Bulk reprocess cancelled');
    expect(texts(card)).toContain('Cancelled before anything was sent: nothing was reprocessed.');
    expect(texts(card).join('\n')).not.toMatch(/accepted 0 of/);
    expect(h.sandbox.graph.calls).toEqual([]);
  });

  it('stopped while running says how many were sent, accepted and not sent', async () => {
    h.sandbox.graph.setLatency(150);
    const job = await offer(`reprocess package ${BIG_PACKAGE}`);
    await click(Verbs.bulkConfirm, job);
    // Stop once Graph has answered some items, long before all 2,000 are sent.
    expect(await waitUntil(() => reprocessPosts().length >= 20, 30_000)).toBe(true);
    expect((await click(Verbs.bulkCancel, job)).status).toBe(200);
    // The click's own answer shows the counts at that moment; the runner's last update, once it has stopped, the final ones.
    await runEnded(job.jobId);
    const card = lastUpdate('Bulk reprocess cancelled');
    const sent = reprocessPosts().length;
    const summary = texts(card)[1] ?? '';
    expect(summary).toMatch(
      /^Stopped after [\d,]+ of 2,000 assignments: Microsoft Graph accepted [\d,]+\. [\d,]+ assignments were not sent\.$/,
    );
    const [, stoppedAfter, accepted, notSent] = /Stopped after ([\d,]+) .* accepted ([\d,]+)\. ([\d,]+) assignments/
      .exec(summary)!
      .map((n) => Number(n.replace(/,/g, '')));
    expect(accepted).toBe(sent);
    expect(stoppedAfter).toBe(sent);
    expect(notSent).toBe(BIG - sent);
  }, 60_000);
});
