import * as fs from 'fs';
import * as path from 'path';
import {
  renderBulkConfirmation,
  renderBulkProgress,
  renderBulkSummary,
  renderPackageChoice,
} from '../../../src/cards/bulk';
import { renderHistory } from '../../../src/cards/history';
import { renderConsent, renderHelp, renderNotice, renderSignedOut } from '../../../src/cards/messages';
import { renderAlreadyRunning, renderPrompt, renderWorking } from '../../../src/cards/prompt';
import { renderRequestResult } from '../../../src/cards/request';
import { renderResult } from '../../../src/cards/result';
import { renderStatus } from '../../../src/cards/status';
import type { CardContext } from '../../../src/cards/outcome';
import { findCardsDir, Verbs, type AdaptiveCardJson } from '../../../src/cards/templates';
import { nodes, type Obj } from '../../support/cards';
import { expectFilled, expectTidy, expectValidCard } from '../../support/card-checks';
import * as f from './fixtures';

const asker = { name: 'Ada **Lovelace**', upn: 'ada@contoso.com' };
type Case = [string, () => AdaptiveCardJson];
const both = (name: string, render: (c: CardContext) => AdaptiveCardJson): Case[] => [
  [name, () => render(f.ctx)],
  [`${name} (no actor name, unreadable time)`, () => render(f.sparseCtx)],
];

const cases: Case[] = [
  ...Object.entries(f.reprocessOutcomes).flatMap(([n, o]) => both(`result ${n}`, (c) => renderResult(o, c))),
  ...Object.entries(f.statusOutcomes).flatMap(([n, o]) => both(`status ${n}`, (c) => renderStatus(o, c))),
  ...Object.entries(f.requestOutcomes).flatMap(([n, o]) => both(`request ${n}`, (c) => renderRequestResult(o, c))),
  ['prompt reprocess', () => renderPrompt({ command: 'reprocess', targetId: f.ID, requestedBy: asker, at: f.ctx.at })],
  [
    'prompt status, nameless',
    () => renderPrompt({ command: 'status', targetId: f.ID, requestedBy: { name: '' }, at: f.sparseCtx.at }),
  ],
  [
    'prompt reprocessRequest',
    () => renderPrompt({ command: 'reprocessRequest', targetId: f.RID, requestedBy: asker, at: f.ctx.at }),
  ],
  ['working', () => renderWorking('reprocess', '${x}', '[a](b)')],
  ['working, nameless', () => renderWorking('status', f.ID, ' ')],
  ['already running', () => renderAlreadyRunning()],
  ['help', () => renderHelp()],
  ['consent', () => renderConsent(f.consentUrl)],
  ['notice', () => renderNotice({ title: 'Sign-in failed', message: 'AADSTS50013 *bad*', detail: 'at <x>' })],
  ['notice without detail, accent', () => renderNotice({ title: 'Signed out', message: 'Bye.', tone: 'accent' })],
  ['signed out, personal', () => renderSignedOut(true)],
  ['signed out, channel', () => renderSignedOut(false)],
  [
    'bulk confirmation',
    () => renderBulkConfirmation(f.confirmation({ skipped: { count: 12, sample: [f.HOSTILE, '', 'x'] } })),
  ],
  [
    'bulk confirmation, package, nothing',
    () => renderBulkConfirmation(f.confirmation({ count: 0, source: f.pkgSource })),
  ],
  ['bulk progress', () => renderBulkProgress(f.progress())],
  [
    'bulk progress, paused',
    () => renderBulkProgress(f.progress({ state: 'paused', pausedReason: 'The bot restarted.' })),
  ],
  [
    'bulk progress, empty',
    () => renderBulkProgress(f.progress({ total: 0, succeeded: 0, failed: 0, remaining: 0, jobId: '' })),
  ],
  ['bulk summary', () => renderBulkSummary(f.summary())],
  [
    'bulk summary, cancelled before sending',
    () => renderBulkSummary(f.summary({ state: 'cancelled', succeeded: 0, failures: [], notSent: 5 })),
  ],
  ['bulk summary, all good', () => renderBulkSummary(f.summary({ succeeded: 5, failures: [] }))],
  [
    'package choice',
    () => renderPackageChoice('sales', [{ id: f.PKG, displayName: 'Sales **app**' }, { id: f.ID }], 7),
  ],
  ['history', () => renderHistory(f.history())],
  ['history, empty', () => renderHistory(f.history({ rows: [], retentionDays: 1 }))],
];

describe.each(cases)('the %s card', (_name, render) => {
  const card = render();

  test('has every placeholder filled and no "undefined" or "null"', () => {
    expectFilled(card);
  });

  test('is an Adaptive Card 1.5 that the adaptivecards library parses and validates without errors', () => {
    expectValidCard(card);
  });

  test('uses only verbs from Verbs with the data each verb takes, and shows no blank text, blank fact or "!"', () => {
    const dataKeys: Record<string, string[]> = {
      [Verbs.reprocess]: ['assignmentId'],
      [Verbs.status]: ['assignmentId'],
      [Verbs.reprocessRequest]: ['requestId'],
      [Verbs.bulkPackage]: ['accessPackageId'],
    };
    const action = (obj: Obj): void => {
      if (obj.data === undefined) return; // the help form's buttons carry its input instead
      expect(Object.keys(obj.data as object)).toEqual(dataKeys[String(obj.verb)] ?? ['jobId']);
      for (const value of Object.values(obj.data as object)) expect(String(value).trim()).not.toBe('');
    };
    expectTidy(card, Object.values(Verbs), { action });
  });

  test('never shows a raw enum name of Graph', () => {
    const shown = nodes(card.body).filter((n) => n.type === 'TextBlock' || n.type === 'FactSet');
    expect(JSON.stringify(shown)).not.toMatch(
      /deliveryFailed|DeliveryFailed|partiallyDelivered|PendingApproval|pendingApproval|userAdd/,
    );
  });
});

test('every template in cards/ is rendered by a card module and names only verbs that exist', () => {
  const dir = findCardsDir();
  const files = fs.readdirSync(dir).filter((name) => name.endsWith('.json'));
  const source = fs
    .readdirSync(path.resolve(__dirname, '../../../src/cards'))
    .map((n) => fs.readFileSync(path.resolve(__dirname, '../../../src/cards', n), 'utf8'))
    .join('\n');
  for (const file of files) {
    expect(source).toContain(`'${file.replace(/\.json$/, '')}'`);
    const verbs = [...fs.readFileSync(path.join(dir, file), 'utf8').matchAll(/verbs\.(\w+)/g)].map((m) => m[1]);
    for (const verb of verbs) expect(Object.keys(Verbs)).toContain(verb);
  }
});

test('each render returns a fresh card, so changing one never leaks into the next', () => {
  const first = renderHelp();
  (first.body as unknown[]).length = 0;
  expect((renderHelp().body as unknown[]).length).toBeGreaterThan(0);
});

test('the cards folder is found from the compiled dist/src/cards folder too, and a missing one names its marker', () => {
  const root = path.resolve(__dirname, '../../..');
  expect(findCardsDir(path.join(root, 'dist', 'src', 'cards'))).toBe(path.join(root, 'cards'));
  expect(() => findCardsDir(path.parse(__dirname).root)).toThrow(/cards\/help\.json/);
});
