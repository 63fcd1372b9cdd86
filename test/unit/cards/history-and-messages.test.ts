import { renderHistory } from '../../../src/cards/history';
import { renderConsent, renderHelp, renderNotice, renderSignedOut } from '../../../src/cards/messages';
import { renderPrompt, renderWorking } from '../../../src/cards/prompt';
import { Verbs } from '../../../src/cards/templates';
import { actionsOf, facts, joinedTexts, nodes, texts, titleOf, tone } from '../../support/cards';
import * as f from './fixtures';

describe('the history card', () => {
  test('a bulk job is one row with its counts and job id; single commands keep their own rows', () => {
    const card = renderHistory(f.history());
    expect(titleOf(card)).toBe('Your recent reprocess activity');
    expect(joinedTexts(card)).toMatch(
      /Reprocess queued\n2026-11-23 18:30 UTC\nAssignment d82eb508-acc4-43cc-bcf1-7c1c4a2c073b\nHTTP 202 · request-id req-1\nBulk job finished\n2026-11-23 18:30 UTC\n100 assignments from access package Sales app: 98 accepted, 2 failed\nJob id job-1\nRefused by Microsoft Graph/,
    );
  });

  test('says "20 of N" when there is more than it shows', () => {
    const rows = Array.from({ length: 25 }, () => f.history().rows[0]!);
    const card = renderHistory(f.history({ rows, total: 57 }));
    expect(texts(card)).toContain('The 20 most recent of 57, newest first.');
    expect(nodes(card.body).filter((n) => n.type === 'Container' && n.separator === true)).toHaveLength(20);
  });

  test('with no activity, says so for the retention period', () => {
    expect(joinedTexts(renderHistory(f.history({ rows: [], retentionDays: 1 })))).toMatch(
      /No reprocess activity in the last day\.\nActivity is kept for 1 day, then deleted\./,
    );
  });
});

describe('the help card', () => {
  const card = renderHelp();
  test('lists every command: single, status, request, several ids, package, history, signout', () => {
    const commands = Object.keys(facts(card));
    expect(commands).toEqual([
      'reprocess \\<assignment id\\>',
      'status \\<assignment id\\>',
      'reprocess request \\<request id\\>',
      'reprocess \\<id\\> \\<id\\> …',
      'reprocess package \\<name or id\\>',
      'history',
      'signout',
      'help',
    ]);
  });

  test('its form accepts the id forms typed commands accept: braces and upper case', () => {
    const input = nodes(card.body).find((n) => n.type === 'Input.Text')!;
    const regex = new RegExp(String(input.regex));
    for (const id of [f.ID, f.ID.toUpperCase(), `{${f.ID}}`, ` ${f.ID} `]) expect(regex.test(id)).toBe(true);
    expect(regex.test('nope')).toBe(false);
    expect(actionsOf(card).map((a) => a.verb)).toEqual([Verbs.reprocess, Verbs.status]);
  });
});

describe('prompts, notices and sign-out', () => {
  test('the channel prompt says who asked and runs as whoever clicks', () => {
    const card = renderPrompt({
      command: 'reprocessRequest',
      targetId: f.RID,
      requestedBy: { name: 'Ada' },
      at: f.ctx.at,
    });
    expect(titleOf(card)).toBe(`Ada asked to reprocess request ${f.RID}`);
    expect(facts(card)['Request id']).toBe(f.RID);
    expect(actionsOf(card)).toEqual([
      { title: 'Reprocess request as me', verb: Verbs.reprocessRequest, data: { requestId: f.RID } },
    ]);
  });

  test('the working card names the command and who it runs as', () => {
    expect(texts(renderWorking('status', f.ID, 'Ada'))).toEqual([
      'Working on it…',
      `Checking the status of assignment ${f.ID} as Ada`,
      'This card updates when Microsoft Graph answers.',
    ]);
  });

  test('a notice escapes its text and takes a tone', () => {
    const card = renderNotice({ title: 'T *x*', message: 'M [a](b)', detail: 'AADSTS50013', tone: 'warning' });
    expect(tone(card)).toBe('warning');
    expect(texts(card)).toEqual(['T \\*x\\*', 'M \\[a\\]\\(b\\)', 'AADSTS50013']);
  });

  test('consent links the admin-consent page', () => {
    expect(actionsOf(renderConsent(f.consentUrl))).toEqual([{ title: 'Open admin consent page', url: f.consentUrl }]);
  });

  test('signing out in a group chat or channel does not promise silent sign-in there', () => {
    expect(joinedTexts(renderSignedOut(true))).toMatch(/next command here signs you in again silently/);
    expect(joinedTexts(renderSignedOut(false))).toMatch(/can't sign you in silently here/);
    expect(joinedTexts(renderSignedOut(false))).not.toMatch(/signs you in again silently/);
  });
});
