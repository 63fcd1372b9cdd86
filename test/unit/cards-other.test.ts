import { Verbs } from '../../src/cards/templates';
import { renderConsent, renderError, renderHelp, renderSignedOut } from '../../src/cards/render';
import { factRows as facts, header, joinedTextsAndRuns as texts, nodes, type Obj } from './card-helpers';

describe('help card', () => {
  const card = renderHelp();

  test('says in one sentence what the bot does', () => {
    expect(texts(card)).toContain(
      'Reprocess re-applies Entra ID Governance access package assignments through Microsoft Graph, acting as you.',
    );
  });

  test('lists every command, with the angle brackets escaped', () => {
    expect(facts(card).map((f) => f.title)).toEqual([
      'reprocess \\<assignment id\\>',
      'status \\<assignment id\\>',
      'reprocess request \\<request id\\>',
      'help',
      'signout',
    ]);
  });

  test('explains the @Reprocess prefix in channels', () => {
    expect(texts(card)).toContain('mention the bot first: @Reprocess reprocess \\<assignment id\\>.');
  });

  test('has an assignment id input with a sample GUID as placeholder', () => {
    const input = nodes(card.body).find((n) => n.type === 'Input.Text');
    expect(input).toMatchObject({
      id: 'assignmentId',
      label: 'Assignment id',
      placeholder: 'd82eb508-acc4-43cc-bcf1-7c1c4a2c073b',
      isRequired: true,
    });
    expect(new RegExp(String(input?.regex)).test(' D82EB508-ACC4-43CC-BCF1-7C1C4A2C073B ')).toBe(true);
    expect(new RegExp(String(input?.regex)).test('[x](http://evil)')).toBe(false);
  });

  test('offers Reprocess and Check status buttons that send the input', () => {
    expect(card.actions).toEqual([
      { type: 'Action.Execute', title: 'Reprocess', verb: Verbs.reprocess, associatedInputs: 'auto' },
      { type: 'Action.Execute', title: 'Check status', verb: Verbs.status, associatedInputs: 'auto' },
    ]);
  });
});

describe('consent card', () => {
  const consentUrl = 'https://login.microsoftonline.com/contoso/adminconsent?client_id=abc_def';

  test('explains that a tenant admin must consent to EntitlementManagement.ReadWrite.All first', () => {
    const shown = texts(renderConsent({ consentUrl }));
    expect(shown).toMatch(/Before anyone can reprocess assignments from Teams, a tenant admin must grant/);
    expect(shown).toContain('EntitlementManagement.ReadWrite.All');
  });

  test('tells a non-admin who to send the link to, and shows the link unformatted', () => {
    const card = renderConsent({ consentUrl });
    expect(texts(card)).toMatch(/send this link to one of them/);
    expect(nodes(card.body).find((n) => n.type === 'TextRun')).toMatchObject({ text: consentUrl });
  });

  test('carries the consent URL in an Open admin consent page button', () => {
    expect(renderConsent({ consentUrl }).actions).toEqual([
      { type: 'Action.OpenUrl', title: 'Open admin consent page', url: consentUrl },
    ]);
  });

  test('shows the tenant only when it is known', () => {
    expect(facts(renderConsent({ consentUrl, tenantId: 'contoso.onmicrosoft.com' }))).toEqual([
      { title: 'Tenant id', value: 'contoso.onmicrosoft.com' },
    ]);
    expect(facts(renderConsent({ consentUrl, tenantId: ' ' }))).toEqual([]);
  });
});

describe('error card', () => {
  test('shows title and message with Markdown escaped, under an attention header', () => {
    const card = renderError({ title: 'Sign-in failed', message: 'Open [this](http://evil) **now**' });
    expect(header(card)).toMatchObject({ style: 'attention', items: [{ text: 'Sign-in failed' }] });
    expect(texts(card)).toContain('Open \\[this\\]\\(http://evil\\) \\*\\*now\\*\\*');
  });

  test('shows the detail subtly and escaped when given, and leaves it out otherwise', () => {
    const detail = nodes(renderError({ title: 'T', message: 'M', detail: 'AADSTS65001 <consent>' }).body).at(-1);
    expect(detail).toMatchObject({ text: 'AADSTS65001 \\<consent\\>', isSubtle: true });
    expect((renderError({ title: 'T', message: 'M', detail: '' }).body as Obj[]).length).toBe(2);
  });
});

test('the signed-out card says the next command signs in again silently', () => {
  const card = renderSignedOut();
  expect(texts(card)).toContain("You're signed out of Reprocess. Your next command will sign you in again silently.");
  expect(card.actions).toBeUndefined();
});
