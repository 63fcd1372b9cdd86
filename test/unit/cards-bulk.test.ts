import * as AC from 'adaptivecards';
import type {
  BulkFailureView,
  BulkProgressView,
  BulkSource,
  BulkSummaryView,
  HistoryEntryView,
} from '../../src/services/bulk-views';
import type { Actor } from '../../src/services/outcomes';
import { Verbs } from '../../src/bot/verbs';
import {
  renderBulkConfirmation,
  renderBulkProgress,
  renderBulkSummary,
  renderHistory,
  type AdaptiveCardJson,
} from '../../src/cards/render';

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

function libraryErrors(json: AdaptiveCardJson): string[] {
  const card = new AC.AdaptiveCard();
  const context = new AC.SerializationContext();
  card.parse(json, context);
  const parseEvents = Array.from({ length: context.eventCount }, (_, i) => context.getEventAt(i).message);
  return [...parseEvents, ...card.validateProperties().validationEvents.map((e) => e.message)];
}

function walk(node: unknown, visit: (obj: Record<string, unknown>) => void): void {
  if (Array.isArray(node)) node.forEach((n) => walk(n, visit));
  else if (node && typeof node === 'object') {
    visit(node as Record<string, unknown>);
    Object.values(node).forEach((v) => walk(v, visit));
  }
}

describe.each(cards)('the %s card', (_name, render) => {
  const card = render();
  const text = JSON.stringify(card);

  test('has every placeholder filled and no "undefined"', () => {
    expect(text).not.toContain('${');
    expect(text).not.toMatch(/undefined|null|NaN/);
  });

  test('is an Adaptive Card 1.5 that the adaptivecards library parses and validates without errors', () => {
    const schema = 'http://adaptivecards.io/schemas/adaptive-card.json';
    expect(card).toMatchObject({ type: 'AdaptiveCard', version: '1.5', $schema: schema });
    expect(libraryErrors(card)).toEqual([]);
  });

  test('uses only bulk verbs, each with { jobId }, and shows no empty text, empty facts or exclamation marks', () => {
    const bulkVerbs: string[] = [Verbs.bulkConfirm, Verbs.bulkCancel, Verbs.bulkResume, Verbs.bulkRetryFailed];
    walk(card, (obj) => {
      if (obj.type === 'Action.Execute') {
        expect(bulkVerbs).toContain(obj.verb);
        expect(obj.data).toEqual({ jobId: JOB });
      }
      if (obj.type === 'TextBlock') expect(String(obj.text).trim()).not.toBe('');
      if (obj.type === 'TextBlock') expect(obj.text).not.toContain('!');
      if (obj.type === 'FactSet') {
        expect(obj.facts).not.toHaveLength(0);
        for (const f of obj.facts as { title: unknown; value: unknown }[]) {
          expect(typeof f.title === 'string' && f.title.trim() !== '').toBe(true);
          expect(typeof f.value === 'string' && f.value.trim() !== '').toBe(true);
        }
      }
    });
  });

  test('lets no Markdown link or raw HTML from outside through', () => {
    expect(text).not.toMatch(/(?<!\\)\[x\]|(?<!\\)<b>|(?<!\\)\*\*Hopper/);
  });
});
