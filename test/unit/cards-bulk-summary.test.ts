import type { BulkFailureView, BulkSummaryView } from '../../src/services/bulk-views';
import { Verbs } from '../../src/cards/templates';
import { renderBulkSummary, type AdaptiveCardJson } from '../../src/cards/render';
import { facts, nodes, texts, tone, type Obj } from './card-helpers';

const failureLines = (card: AdaptiveCardJson): string[][] =>
  nodes(card.body)
    .filter((n) => n.type === 'Container' && (n.items as Obj[])[0]?.fontType === 'Monospace')
    .map((n) => (n.items as Obj[]).map((i) => String(i.text)));

const fail = (i: number): BulkFailureView => ({
  id: `id-${i}`,
  reason: 'ResourceNotFound',
  httpStatus: 404,
  requestId: `r-${i}`,
});
const fails = (n: number): BulkFailureView[] => Array.from({ length: n }, (_, i) => fail(i));
const done: BulkSummaryView = {
  jobId: 'job-1',
  state: 'completed',
  total: 20,
  succeeded: 18,
  failures: fails(2),
  skipped: ['nope'],
  source: { kind: 'ids' },
  owner: { name: 'Ada Lovelace', upn: 'ada@contoso.com' },
  startedAt: new Date('2026-11-23T18:30:00Z'),
  finishedAt: new Date('2026-11-23T18:33:20Z'),
};
const summary = (over: Partial<BulkSummaryView> = {}): AdaptiveCardJson => renderBulkSummary({ ...done, ...over });
const retry = { type: 'Action.Execute', title: 'Retry failed', verb: Verbs.bulkRetryFailed, data: { jobId: 'job-1' } };

test('some failures: counts, duration, owner and source, in warning tone, with Retry failed', () => {
  const card = summary();
  expect(texts(card).slice(0, 2)).toEqual([
    'Bulk reprocess finished',
    'Microsoft Graph accepted 18 of 20 assignments; 2 failed.',
  ]);
  expect(tone(card)).toBe('warning');
  expect(facts(card)).toEqual({
    Succeeded: '18',
    Failed: '2',
    Skipped: '1',
    Total: '20',
    Duration: '3 min 20 s',
    Finished: '2026-11-23 18:33 UTC',
    Owner: 'Ada Lovelace (ada@contoso.com)',
    Source: 'A list of assignment ids',
    'Job id': 'job-1',
  });
  expect(card.actions).toEqual([retry]);
});

test('no failures: good tone, no failure list and no button', () => {
  const card = summary({ succeeded: 20, failures: [] });
  expect(tone(card)).toBe('good');
  expect(texts(card)[1]).toBe('Microsoft Graph accepted 20 of 20 assignments.');
  expect(texts(card)).not.toContain('Failed assignments');
  expect(card.actions).toEqual([]);
});

test('all failed: attention tone, and still Retry failed', () => {
  const card = summary({ total: 2, succeeded: 0 });
  expect(tone(card)).toBe('attention');
  expect(card.actions).toEqual([retry]);
  expect(texts(card).join('\n')).not.toMatch(/Accepted means queued/);
});

test('one assignment reads in the singular', () => {
  const card = summary({ total: 1, succeeded: 1, failures: [] });
  expect(texts(card)[1]).toBe('Microsoft Graph accepted 1 of 1 assignment.');
});

test('each failure shows its id, then reason, HTTP status and request-id on one line', () => {
  const card = summary({
    failures: [fail(0), { id: 'id-x', reason: 'HTTP 500', httpStatus: 500 }, { id: 'id-y', reason: ' ' }],
  });
  expect(texts(card)).toContain('Failed assignments');
  expect(failureLines(card)).toEqual([
    ['id-0', 'ResourceNotFound · HTTP 404 · request-id r-0'],
    ['id-x', 'HTTP 500'],
    ['id-y', 'Failed'],
  ]);
});

test('outcome kinds as reasons read in words; ids, reasons and request ids from Graph are escaped', () => {
  const card = summary({
    failures: [
      { id: 'a', reason: 'interrupted' },
      { id: '[x](http://evil)', reason: '**bad** <b>', requestId: '${r}' },
    ],
  });
  expect(failureLines(card)).toEqual([
    ['a', 'Interrupted, result unknown'],
    ['\\[x\\]\\(http://evil\\)', '\\*\\*bad\\*\\* \\<b\\> · request-id \\$\\{r\\}'],
  ]);
});

test('at most 15 failures are listed, then "and N more"; Retry failed still covers them all', () => {
  const card = summary({ total: 100, succeeded: 60, failures: fails(40) });
  expect(failureLines(card).map(([id]) => id)).toEqual(fails(15).map((f) => f.id));
  expect(texts(card)).toContain('and 25 more');
  expect(facts(card).Failed).toBe('40');
  expect(texts(summary({ failures: fails(15) }))).not.toContain('and 0 more');
});

describe('cancelled', () => {
  test('says it was cancelled and how many were not sent, with no Retry failed even after failures', () => {
    const card = summary({ state: 'cancelled', total: 100, succeeded: 40 });
    expect(texts(card).slice(0, 2)).toEqual([
      'Bulk reprocess cancelled',
      'Microsoft Graph accepted 40 of 100 assignments; 2 failed. 58 assignments were not sent.',
    ]);
    expect(facts(card)['Not sent']).toBe('58');
    expect(tone(card)).toBe('warning');
    expect(card.actions).toEqual([]);
    expect(failureLines(card)).toHaveLength(2);
  });

  test('one unsent assignment reads in the singular; nothing unsent drops the row', () => {
    const none = summary({ state: 'cancelled', total: 3, succeeded: 0, failures: [] });
    expect(texts(none)[1]).toMatch(/3 assignments were not sent\.$/);
    expect(texts(summary({ state: 'cancelled', total: 21 }))[1]).toMatch(/1 assignment was not sent\.$/);
    expect(facts(summary({ state: 'cancelled' }))).not.toHaveProperty('Not sent');
  });
});

test('without a start time the duration is left out; a package source names the package', () => {
  const f = facts(summary({ startedAt: undefined, source: { kind: 'package', accessPackageId: 'pkg-1' } }));
  expect(f).not.toHaveProperty('Duration');
  expect(f['Access package']).toBe('pkg-1');
});
