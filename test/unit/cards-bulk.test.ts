import * as AC from 'adaptivecards';
import type { BulkFailureView, BulkSource } from '../../src/services/bulk-views';
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
const fail = (i: number): BulkFailureView => ({ id: `id-${i}`, reason: 'ResourceNotFound', httpStatus: 404, requestId: `r-${i}` });
const fails = (n: number): BulkFailureView[] => Array.from({ length: n }, (_, i) => fail(i));
const progress = { jobId: JOB, total: 1000, succeeded: 400, failed: 3, remaining: 597, source: pkg, owner, startedAt: at, updatedAt: later };
const summary = { jobId: JOB, total: 20, succeeded: 18, failures: fails(2), skipped: ['x'], source: ids, owner, startedAt: at, finishedAt: later };
const entry = { at, kind: 'assignment', mode: 'single', targetId: 'd82eb508', outcome: 'accepted', httpStatus: 202, requestId: 'r' } as const;

const cards: [string, () => AdaptiveCardJson][] = [
  ['confirmation from ids', () => renderBulkConfirmation({ jobId: JOB, count: 3, skipped: [], source: ids, requestedBy: owner, at })],
  ['confirmation of one, with skipped inputs', () => renderBulkConfirmation({ jobId: JOB, count: 1, skipped: [evil, ' ', 'x'.repeat(200)], source: ids, requestedBy: owner, at })],
  ['confirmation of a package', () => renderBulkConfirmation({ jobId: JOB, count: 4321, skipped: [], source: pkg, requestedBy: owner, at })],
  ['confirmation with many skipped', () => renderBulkConfirmation({ jobId: JOB, count: 2, skipped: Array(25).fill('nope'), source: bare, requestedBy: { name: '' }, at: bad })],
  ['confirmation of nothing', () => renderBulkConfirmation({ jobId: JOB, count: 0, skipped: ['a', 'b'], source: ids, requestedBy: owner, at })],
  ['confirmation of an empty package', () => renderBulkConfirmation({ jobId: JOB, count: 0, skipped: [], source: pkg, requestedBy: owner, at })],
  ['progress running', () => renderBulkProgress({ ...progress, state: 'running', ratePerSecond: 42.54, etaSeconds: 200 })],
  ['progress running, just started', () => renderBulkProgress({ ...progress, state: 'running', succeeded: 0, failed: 0, remaining: 1000, startedAt: bad, updatedAt: bad })],
  ['progress running, empty job', () => renderBulkProgress({ ...progress, state: 'running', total: 0, succeeded: 0, failed: 0, remaining: 0 })],
  ['progress paused', () => renderBulkProgress({ ...progress, state: 'paused', pausedReason: evil, ratePerSecond: 3 })],
  ['progress paused without reason', () => renderBulkProgress({ ...progress, state: 'paused', source: ids, owner: { name: '' } })],
  ['summary completed with failures', () => renderBulkSummary({ ...summary, state: 'completed' })],
  ['summary completed, all good', () => renderBulkSummary({ ...summary, state: 'completed', succeeded: 20, failures: [], skipped: [] })],
  ['summary completed, all failed', () => renderBulkSummary({ ...summary, state: 'completed', succeeded: 0, failures: fails(40) })],
  ['summary cancelled', () => renderBulkSummary({ ...summary, state: 'cancelled', total: 100, startedAt: undefined })],
  ['summary with odd failures', () => renderBulkSummary({ ...summary, state: 'completed', failures: [{ id: ' ', reason: ' ' }, { id: evil, reason: evil, requestId: evil }] })],
  ['history', () => renderHistory({ actor: owner, retentionDays: 30, entries: [entry, { ...entry, kind: 'request', mode: 'bulk', outcome: evil, at: bad, httpStatus: undefined, requestId: undefined }] })],
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
    expect(text).not.toMatch(/(?<!\\)\[x(?<!\\)\]|(?<!\\)<b(?<!\\)>|(?<!\\)\*\*Hopper/);
  });
});
