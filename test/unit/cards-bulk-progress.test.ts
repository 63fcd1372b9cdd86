import type { BulkProgressView } from '../../src/services/bulk-views';
import { Verbs } from '../../src/cards/templates';
import { renderBulkProgress, type AdaptiveCardJson } from '../../src/cards/render';
import { facts, nodes, texts, tone, type Obj } from './card-helpers';

const bar = (card: AdaptiveCardJson): Obj[] =>
  nodes(card.body).flatMap((n) => (n.type === 'ColumnSet' && n.minHeight ? (n.columns as Obj[]) : []));

const running: BulkProgressView = {
  jobId: 'job-1',
  state: 'running',
  total: 1000,
  succeeded: 400,
  failed: 3,
  remaining: 597,
  ratePerSecond: 42.54,
  etaSeconds: 200,
  source: { kind: 'package', accessPackageId: 'pkg-1', displayName: 'Sales app' },
  owner: { name: 'Ada Lovelace', upn: 'ada@contoso.com' },
  startedAt: new Date('2026-11-23T18:30:00Z'),
  updatedAt: new Date('2026-11-23T18:33:20Z'),
};
const paused: BulkProgressView = { ...running, state: 'paused', pausedReason: 'The bot restarted.' };
const progress = (over: Partial<BulkProgressView> = {}): AdaptiveCardJson =>
  renderBulkProgress({ ...running, ...over });

test('a running job says how many it is reprocessing and how far it got', () => {
  const card = progress();
  expect(texts(card).slice(0, 2)).toEqual(['Reprocessing 1,000 assignments', '403 of 1,000 processed (40%).']);
  expect(tone(card)).toBe('accent');
  expect(texts(progress({ total: 1, succeeded: 0, failed: 0, remaining: 1 }))[0]).toBe('Reprocessing 1 assignment');
});

test('a running job shows counts, rate with one decimal, a human ETA, times, owner, source and job id', () => {
  expect(facts(progress())).toEqual({
    Succeeded: '400',
    Failed: '3',
    Remaining: '597',
    Total: '1,000',
    Rate: '42.5 per second',
    'Time left': 'about 3 min 20 s',
    Started: '2026-11-23 18:30 UTC',
    'Last update': '2026-11-23 18:33 UTC',
    Owner: 'Ada Lovelace (ada@contoso.com)',
    'Access package': 'Sales app (pkg-1)',
    'Job id': 'job-1',
  });
});

test('rate and ETA are left out until they are known', () => {
  const f = facts(progress({ ratePerSecond: undefined, etaSeconds: undefined }));
  expect(f).not.toHaveProperty('Rate');
  expect(f).not.toHaveProperty('Time left');
});

test('the bar shows succeeded, failed and remaining as weighted columns, a sliver for a few failures', () => {
  expect(bar(progress()).map((c) => [c.style, c.width])).toEqual([
    ['good', 40],
    ['attention', 1],
    ['emphasis', 60],
  ]);
  expect(bar(progress({ succeeded: 0, failed: 0, remaining: 1000 })).map((c) => c.style)).toEqual(['emphasis']);
  expect(bar(progress({ total: 0, succeeded: 0, failed: 0, remaining: 0 }))).toEqual([]);
});

test('a running job can be stopped, and says the card updates itself', () => {
  const card = progress();
  const stop = { type: 'Action.Execute', title: 'Stop', verb: Verbs.bulkCancel, data: { jobId: 'job-1' } };
  expect(card.actions).toEqual([stop]);
  expect(texts(card).join('\n')).toMatch(/updates every few seconds\. Stop cancels the assignments not sent yet/);
});

describe('paused', () => {
  test('says it paused and why, with Resume (positive) and Cancel for the job', () => {
    const card = renderBulkProgress(paused);
    expect(texts(card)).toEqual(expect.arrayContaining(['Bulk reprocess paused', 'The bot restarted.']));
    expect(texts(card)).toContain('The owner can resume it: Resume continues with the remaining assignments.');
    expect(tone(card)).toBe('warning');
    expect(card.actions).toEqual([
      { type: 'Action.Execute', title: 'Resume', verb: Verbs.bulkResume, style: 'positive', data: { jobId: 'job-1' } },
      { type: 'Action.Execute', title: 'Cancel', verb: Verbs.bulkCancel, data: { jobId: 'job-1' } },
    ]);
  });

  test('the reason is escaped, and a missing one is explained', () => {
    expect(texts(renderBulkProgress({ ...paused, pausedReason: '[x](http://evil) ${y}' }))).toContain(
      '\\[x\\]\\(http://evil\\) \\$\\{y\\}',
    );
    expect(texts(renderBulkProgress({ ...paused, pausedReason: undefined }))).toContain(
      'The bot stopped before the job finished.',
    );
  });

  test('shows no rate or ETA, since nothing is moving', () => {
    const f = facts(renderBulkProgress(paused));
    expect(f).not.toHaveProperty('Rate');
    expect(f).not.toHaveProperty('Time left');
    expect(f).toMatchObject({ Succeeded: '400', Remaining: '597' });
  });
});

test('owner name and package name are escaped; an id-list job says so', () => {
  const f = facts(progress({ owner: { name: '**Boss**' }, source: { kind: 'ids' } }));
  expect(f).toMatchObject({ Owner: '\\*\\*Boss\\*\\*', Source: 'A list of assignment ids' });
  const g = facts(progress({ source: { kind: 'package', accessPackageId: 'p', displayName: '<b>x</b>' } }));
  expect(g['Access package']).toBe('\\<b\\>x\\</b\\> (p)');
});

test('a job without an id offers no button', () => {
  expect(progress({ jobId: ' ' }).actions).toEqual([]);
});
