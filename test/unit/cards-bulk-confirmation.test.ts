import type { BulkConfirmationView } from '../../src/services/bulk-views';
import { Verbs } from '../../src/cards/templates';
import { renderBulkConfirmation, type AdaptiveCardJson } from '../../src/cards/render';
import { facts, nodes, texts, tone } from './card-helpers';

const monospace = (card: AdaptiveCardJson): string[] =>
  nodes(card.body).filter((n) => n.fontType === 'Monospace').map((n) => String(n.text));

const base: BulkConfirmationView = {
  jobId: 'job-1',
  count: 3,
  skipped: [],
  source: { kind: 'ids' },
  requestedBy: { name: 'Ada Lovelace', upn: 'ada@contoso.com' },
  at: new Date('2026-11-23T18:30:00Z'),
};
const confirm = (over: Partial<BulkConfirmationView> = {}): AdaptiveCardJson =>
  renderBulkConfirmation({ ...base, ...over });

test.each([
  [3, 'Reprocess 3 assignments?'],
  [1, 'Reprocess 1 assignment?'],
  [4321, 'Reprocess 4,321 assignments?'],
])('%d ids ask "%s"', (count, title) => {
  const card = confirm({ count });
  expect(texts(card)[0]).toBe(title);
  expect(card.fallbackText).toBe(title);
  expect(tone(card)).toBe('accent');
});

test('ids from chat say they come from the list sent, with count, source, who asked and when', () => {
  const card = confirm();
  expect(texts(card)[1]).toBe('This reprocesses 3 assignments from the list you sent.');
  expect(facts(card)).toEqual({
    Assignments: '3',
    Source: 'A list of assignment ids',
    'Requested by': 'Ada Lovelace (ada@contoso.com)',
    When: '2026-11-23 18:30 UTC',
  });
});

test('a package job names the package, escaped, or its id when it has no name', () => {
  const sales = { kind: 'package', accessPackageId: 'pkg-1', displayName: 'Sales *app*' } as const;
  const named = confirm({ count: 1200, source: sales });
  expect(texts(named)[1]).toBe(
    'This reprocesses every Delivered assignment of access package Sales \\*app\\*: 1,200 assignments.',
  );
  expect(facts(named)['Access package']).toBe('Sales \\*app\\* (pkg-1)');
  const unnamed = confirm({ source: { kind: 'package', accessPackageId: 'pkg-[2]' } });
  expect(texts(unnamed)[1]).toMatch(/every Delivered assignment of access package pkg-\\\[2\\\]:/);
});

test('explains that each reprocess runs as whoever confirms and that Graph queues each one', () => {
  expect(texts(confirm())[2]).toBe(
    'Each reprocess runs as whoever confirms, with their own Entra role (Access Package Assignment Manager ' +
      'or higher). Microsoft Graph queues each one: accepted means queued, not done.',
  );
});

test('Confirm (positive) and Cancel carry the job id', () => {
  expect(confirm().actions).toEqual([
    { type: 'Action.Execute', title: 'Confirm', verb: Verbs.bulkConfirm, style: 'positive', data: { jobId: 'job-1' } },
    { type: 'Action.Execute', title: 'Cancel', verb: Verbs.bulkCancel, data: { jobId: 'job-1' } },
  ]);
});

test('without skipped inputs there is no skipped list', () => {
  expect(texts(confirm()).join('\n')).not.toMatch(/skipped/);
});

test('skipped inputs are listed escaped, cut to 80 characters, with a singular heading for one', () => {
  expect(texts(confirm({ skipped: ['[x](http://evil)'] }))).toContain('1 input is not an assignment id; skipped:');
  const card = confirm({ skipped: ['[x](http://evil)', 'y'.repeat(200), ' \n '] });
  expect(texts(card)).toContain('3 inputs are not assignment ids; skipped:');
  expect(monospace(card)).toEqual(['\\[x\\]\\(http://evil\\)', `${'y'.repeat(79)}…`, '(blank)']);
});

test('at most 10 skipped inputs are shown, then "and N more"', () => {
  const skipped = Array.from({ length: 25 }, (_, i) => `bad-${i}`);
  const card = confirm({ skipped });
  expect(monospace(card)).toEqual(skipped.slice(0, 10));
  expect(texts(card)).toContain('and 15 more');
  expect(texts(confirm({ skipped: skipped.slice(0, 10) }))).not.toContain('and 0 more');
});

describe('nothing to reprocess', () => {
  test('all inputs skipped: says so, sends nothing, and offers no button', () => {
    const card = confirm({ count: 0, skipped: ['nope', 'also nope'] });
    expect(texts(card).slice(0, 3)).toEqual([
      'Nothing to reprocess',
      'None of what you sent is an assignment id.',
      'Nothing was sent to Microsoft Graph.',
    ]);
    expect(tone(card)).toBe('warning');
    expect(card.actions).toEqual([]);
    expect(facts(card)).not.toHaveProperty('Assignments');
    expect(monospace(card)).toEqual(['nope', 'also nope']);
  });

  test('an empty list or an empty package says which', () => {
    expect(texts(confirm({ count: 0 }))[1]).toBe('The list you sent has no assignment ids.');
    const pkg = confirm({ count: 0, source: { kind: 'package', accessPackageId: 'p', displayName: 'Sales' } });
    expect(texts(pkg)[1]).toBe('Access package Sales has no Delivered assignments that your role can see.');
    expect(pkg.actions).toEqual([]);
  });
});

test('a missing requester name or an unreadable date drops those rows', () => {
  expect(facts(confirm({ requestedBy: { name: '' }, at: new Date('nope') }))).toEqual({
    Assignments: '3',
    Source: 'A list of assignment ids',
  });
});
