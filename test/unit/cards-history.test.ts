import type { HistoryEntryView, HistoryView } from '../../src/services/bulk-views';
import { outcomeWords, renderHistory, type AdaptiveCardJson } from '../../src/cards/render';
import { facts, texts, type Obj } from './card-helpers';

// One Container per entry, separated from the one before; its TextBlocks in order.
const entries = (card: AdaptiveCardJson): string[][] =>
  (card.body as Obj[]).filter((n) => n.type === 'Container' && n.separator).map((n) => texts({ body: n.items }));

const ID = 'd82eb508-acc4-43cc-bcf1-7c1c4a2c073b';
const entry: HistoryEntryView = {
  at: new Date('2026-11-23T18:30:00Z'),
  kind: 'assignment',
  mode: 'single',
  targetId: ID,
  outcome: 'accepted',
  httpStatus: 202,
  requestId: 'ab12',
};
const grace = { name: 'Grace Hopper', upn: 'grace@contoso.com' };
const view: HistoryView = { actor: grace, entries: [entry], retentionDays: 30 };
const history = (over: Partial<HistoryView> = {}): AdaptiveCardJson => renderHistory({ ...view, ...over });

test('shows whose activity it is, each entry, and how long activity is kept', () => {
  const card = history();
  expect(texts(card)[0]).toBe('Your recent reprocess activity');
  expect(facts(card)).toEqual({ 'Run by': 'Grace Hopper (grace@contoso.com)' });
  expect(entries(card)).toEqual([
    ['Reprocess queued', '2026-11-23 18:30 UTC', `Assignment ${ID} · single`, 'HTTP 202 · request-id ab12'],
  ]);
  expect(texts(card).at(-1)).toBe('Activity is kept for 30 days, then deleted.');
  expect(card.actions).toBeUndefined();
});

test('a bulk request entry says so; missing HTTP status, request-id or time are left out', () => {
  const bare: HistoryEntryView = { at: new Date('x'), kind: 'request', mode: 'bulk', targetId: ID, outcome: 'failed' };
  const card = history({ entries: [bare] });
  expect(entries(card)).toEqual([['Failed', `Request ${ID} · bulk job`]]);
  expect(entries(history({ entries: [{ ...entry, requestId: ' ' }] }))[0][3]).toBe('HTTP 202');
  expect(entries(history({ entries: [{ ...entry, httpStatus: undefined }] }))[0][3]).toBe('request-id ab12');
});

test.each([
  ['accepted', 'Reprocess queued'],
  ['requestAccepted', 'Request reprocess queued'],
  ['notFound', 'Not found'],
  ['accessDenied', 'Access denied'],
  ['notEligible', 'Not eligible'],
  ['throttled', 'Throttled by Microsoft Graph'],
  ['graphFailure', 'Microsoft Graph failed'],
  ['consentRequired', 'Admin consent needed'],
  ['requestNotEligible', 'Request not eligible'],
  ['requestRejected', 'Refused by Microsoft Graph'],
  ['failed', 'Failed'],
  ['interrupted', 'Interrupted, result unknown'],
  ['somethingNew', 'somethingNew'],
  ['**new** [x](y)', '\\*\\*new\\*\\* \\[x\\]\\(y\\)'],
  ['constructor', 'constructor'],
  ['', 'Unknown'],
])('outcome %j reads %j', (kind, words) => {
  expect(outcomeWords(kind)).toBe(words);
  expect(entries(history({ entries: [{ ...entry, outcome: kind }] }))[0][0]).toBe(words);
});

test('target ids, request ids and the actor name are escaped; long ids are cut', () => {
  const card = history({
    actor: { name: '**Boss**' },
    entries: [{ ...entry, targetId: '[x](http://evil)', requestId: '<b>' }, { ...entry, targetId: 'z'.repeat(120) }],
  });
  expect(facts(card)['Run by']).toBe('\\*\\*Boss\\*\\*');
  expect(entries(card)[0].slice(2)).toEqual([
    'Assignment \\[x\\]\\(http://evil\\) · single',
    'HTTP 202 · request-id \\<b\\>',
  ]);
  expect(entries(card)[1][2]).toBe(`Assignment ${'z'.repeat(79)}… · single`);
});

test('at most 20 entries are shown, then "and N more"', () => {
  const many = Array.from({ length: 30 }, (_, i) => ({ ...entry, targetId: `t-${i}` }));
  const card = history({ entries: many });
  expect(entries(card)).toHaveLength(20);
  expect(entries(card)[19][2]).toBe('Assignment t-19 · single');
  expect(texts(card)).toContain('and 10 more');
  expect(texts(history({ entries: many.slice(0, 20) }))).not.toContain('and 0 more');
});

test('no activity: says so for the retention period, and still says how long activity is kept', () => {
  const card = history({ entries: [] });
  expect(entries(card)).toEqual([]);
  expect(texts(card)).toEqual([
    'Your recent reprocess activity',
    'No reprocess activity in the last 30 days.',
    'Activity is kept for 30 days, then deleted.',
  ]);
});

test('a one-day retention reads in the singular', () => {
  expect(texts(history({ entries: [], retentionDays: 1 })).slice(1)).toEqual([
    'No reprocess activity in the last day.',
    'Activity is kept for 1 day, then deleted.',
  ]);
});
