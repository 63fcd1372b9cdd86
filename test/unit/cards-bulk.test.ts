import type {
  BulkFailureView,
  BulkProgressView,
  BulkSource,
  BulkSummaryView,
  HistoryEntryView,
} from '../../src/services/bulk-views';
import type { Actor } from '../../src/services/outcomes';
import { Verbs } from '../../src/cards/templates';
import {
  renderBulkConfirmation,
  renderBulkProgress,
  renderBulkSummary,
  renderHistory,
  type AdaptiveCardJson,
} from '../../src/cards/render';
import { expectFilled, expectTidy, expectValidCard } from './card-helpers';

const JOB = 'job-7f3a';
const at = new Date('2026-11-23T18:30:00Z');
const later = new Date('2026-11-23T18:33:20Z');
const bad = new Date('not a date');
const owner = { name: 'Grace **Hopper**', upn: 'grace@contoso.com' };
const ids: BulkSource = { kind: 'ids' };
const pkg: BulkSource = { kind: 'package', accessPackageId: 'pkg-1', displayName: 'Sales [app](http://evil)' };
const bare: BulkSource = { kind: 'package', accessPackageId: 'pkg-${x}' };
const evil = '[x](http://evil) **${title}** <b>';
const fail = (i: number): BulkFailureView => ({ id: `id-${i}`, reason: 'NotFound', httpStatus: 404, requestId: 'r' });
const fails = (n: number): BulkFailureView[] => Array.from({ length: n }, (_, i) => fail(i));
const oddFailures = [{ id: ' ', reason: ' ' }, { id: evil, reason: evil, requestId: evil }];

const confirmation = (count: number, skipped: string[], source: BulkSource = ids, by: Actor = owner, when = at) =>
  renderBulkConfirmation({ jobId: JOB, count, skipped, source, requestedBy: by, at: when });
const progress = (over: Partial<BulkProgressView>): AdaptiveCardJson =>
  renderBulkProgress({
    ...{ jobId: JOB, state: 'running', total: 1000, succeeded: 400, failed: 3, remaining: 597 },
    ...{ source: pkg, owner, startedAt: at, updatedAt: later },
    ...over,
  });
const summary = (over: Partial<BulkSummaryView>): AdaptiveCardJson =>
  renderBulkSummary({
    ...{ jobId: JOB, state: 'completed', total: 20, succeeded: 18, failures: fails(2), skipped: ['x'] },
    ...{ source: ids, owner, startedAt: at, finishedAt: later },
    ...over,
  });
const entry: HistoryEntryView = { at, kind: 'assignment', mode: 'single', targetId: 'd8', outcome: 'accepted' };
const oddEntry: HistoryEntryView = { ...entry, kind: 'request', mode: 'bulk', outcome: evil, at: bad, requestId: evil };
const fullEntry: HistoryEntryView = { ...entry, httpStatus: 202, requestId: 'r' };

const cards: [string, () => AdaptiveCardJson][] = [
  ['confirmation from ids', () => confirmation(3, [])],
  ['confirmation of one, with skipped inputs', () => confirmation(1, [evil, ' ', 'x'.repeat(200)])],
  ['confirmation of a package', () => confirmation(4321, [], pkg)],
  ['confirmation with many skipped', () => confirmation(2, Array(25).fill('nope'), bare, { name: '' }, bad)],
  ['confirmation of nothing', () => confirmation(0, ['a', 'b'])],
  ['confirmation of an empty package', () => confirmation(0, [], pkg)],
  ['progress running', () => progress({ ratePerSecond: 42.54, etaSeconds: 200 })],
  ['progress just started', () => progress({ succeeded: 0, failed: 0, remaining: 9, startedAt: bad, updatedAt: bad })],
  ['progress of an empty job', () => progress({ total: 0, succeeded: 0, failed: 0, remaining: 0 })],
  ['progress paused', () => progress({ state: 'paused', pausedReason: evil, ratePerSecond: 3 })],
  ['progress paused without reason', () => progress({ state: 'paused', source: ids, owner: { name: '' } })],
  ['summary completed with failures', () => summary({})],
  ['summary completed, all good', () => summary({ succeeded: 20, failures: [], skipped: [] })],
  ['summary completed, all failed', () => summary({ succeeded: 0, failures: fails(40) })],
  ['summary cancelled', () => summary({ state: 'cancelled', total: 100, startedAt: undefined })],
  ['summary with odd failures', () => summary({ failures: oddFailures })],
  ['history', () => renderHistory({ actor: owner, retentionDays: 30, entries: [fullEntry, entry, oddEntry] })],
  ['history, many entries', () => renderHistory({ actor: owner, retentionDays: 7, entries: Array(30).fill(entry) })],
  ['history, empty', () => renderHistory({ actor: { name: '' }, retentionDays: 1, entries: [] })],
];

describe.each(cards)('the %s card', (_name, render) => {
  const card = render();
  const text = JSON.stringify(card);

  test('has every placeholder filled and no "undefined"', () => {
    expectFilled(card, /undefined|null|NaN/);
  });

  test('is an Adaptive Card 1.5 that the adaptivecards library parses and validates without errors', () => {
    expectValidCard(card);
  });

  test('uses only bulk verbs, each with { jobId }, and shows no empty text, empty facts or exclamation marks', () => {
    const bulkVerbs: string[] = [Verbs.bulkConfirm, Verbs.bulkCancel, Verbs.bulkResume, Verbs.bulkRetryFailed];
    const action = (obj: Record<string, unknown>): void => expect(obj.data).toEqual({ jobId: JOB });
    expectTidy(card, bulkVerbs, { action, textTypes: ['TextBlock'] });
  });

  test('lets no Markdown link or raw HTML from outside through', () => {
    expect(text).not.toMatch(/(?<!\\)\[x\]|(?<!\\)<b>|(?<!\\)\*\*Hopper/);
  });
});
