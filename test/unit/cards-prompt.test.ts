import type { ActionPrompt } from '../../src/services/outcomes';
import { Verbs } from '../../src/cards/templates';
import { renderActionPrompt, renderWorking, WorkingWording, type AdaptiveCardJson } from '../../src/cards/render';
import { facts, texts, type Obj } from './card-helpers';

const ID = 'd82eb508-acc4-43cc-bcf1-7c1c4a2c073b';
const RID = 'a1b2c3d4-0000-4000-8000-00000000000a';
const at = new Date('2026-11-23T18:30:05Z');
const ada = { name: 'Ada Lovelace', upn: 'ada@contoso.com' };

const prompt = (action: ActionPrompt['action'], targetId: string, requestedBy = ada): AdaptiveCardJson =>
  renderActionPrompt({ action, targetId, requestedBy, at });

describe('action prompt', () => {
  test.each([
    ['reprocess', ID, `Ada Lovelace asked to reprocess assignment ${ID}`, 'Reprocess as me', { assignmentId: ID }],
    ['status', ID, `Ada Lovelace asked to check the status of assignment ${ID}`, 'Check status as me', { assignmentId: ID }],
    ['reprocessRequest', RID, `Ada Lovelace asked to reprocess request ${RID}`, 'Reprocess request as me', { requestId: RID }],
  ] as const)('%s: says who asked for what, with one button that runs it as the clicker', (action, id, title, label, data) => {
    const card = prompt(action, id);
    expect((card.body as Obj[])[0]).toMatchObject({ style: 'accent', items: [{ text: title }] });
    expect(card.actions).toEqual([{ type: 'Action.Execute', title: label, verb: Verbs[action], data }]);
  });

  test('explains that the action runs with the permissions of whoever clicks', () => {
    expect(texts(prompt('reprocess', ID))).toContain(
      'The action runs as whoever clicks, with their own Entra permissions (Access Package Assignment Manager or higher).',
    );
    expect(texts(prompt('status', ID)).join('\n')).toMatch(/can't sign anyone in silently in a team channel or group chat/);
  });

  test('shows the target, who asked and when', () => {
    expect(facts(prompt('reprocess', ID))).toEqual({
      'Assignment id': ID,
      'Requested by': 'Ada Lovelace (ada@contoso.com)',
      When: '2026-11-23 18:30 UTC',
    });
    expect(facts(prompt('reprocessRequest', RID))).toMatchObject({ Request: RID });
  });

  test("the asker's name and the id are escaped", () => {
    const card = prompt('reprocess', '[x](http://evil)', { name: '**Boss**', upn: '<b>' });
    expect(texts(card)[0]).toBe('\\*\\*Boss\\*\\* asked to reprocess assignment \\[x\\]\\(http://evil\\)');
    expect(facts(card)['Requested by']).toBe('\\*\\*Boss\\*\\* (\\<b\\>)');
  });

  test('a nameless asker is "Someone", and a blank id gives no button', () => {
    const card = prompt('status', ' ', { name: ' ', upn: '' });
    expect(texts(card)[0]).toMatch(/^Someone asked to check the status of assignment/);
    expect(card.actions).toEqual([]);
  });
});

describe('working card', () => {
  test('says it is working, what on, and that the card will update', () => {
    const card = renderWorking({ title: `Reprocessing assignment ${ID} as Grace Hopper` });
    expect(texts(card)).toEqual([
      'Working on it…',
      `Reprocessing assignment ${ID} as Grace Hopper`,
      'This card updates when Microsoft Graph answers.',
    ]);
    expect(card.actions).toBeUndefined();
  });

  test('escapes the title and detail, and leaves out a blank title', () => {
    expect(texts(renderWorking({ title: 'As **x**', detail: '[l](http://e)' }))).toEqual([
      'Working on it…',
      'As \\*\\*x\\*\\*',
      '\\[l\\]\\(http://e\\)',
    ]);
    expect(texts(renderWorking({ title: '  ' }))).toHaveLength(2);
  });

  test.each([
    ['reprocess', ID, 'Grace', `Reprocessing assignment ${ID} as Grace`],
    ['status', ID, 'Grace', `Checking the status of assignment ${ID} as Grace`],
    ['reprocessRequest', RID, ' ', `Reprocessing request ${RID}`],
  ] as const)('WorkingWording.title for %s of %s as %j reads %j', (action, id, name, title) => {
    expect(WorkingWording.title(action, id, name)).toBe(title);
  });
});
