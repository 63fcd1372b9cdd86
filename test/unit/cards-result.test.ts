import type { ReprocessOutcome } from '../../src/services/outcomes';
import type { AssignmentView } from '../../src/graph/types';
import { Verbs } from '../../src/cards/templates';
import { renderResult, type AdaptiveCardJson } from '../../src/cards/render';
import { facts, header, joinedTextsAndRuns as texts, typedButtons as buttons, type Obj } from './card-helpers';

const ID = 'd82eb508-acc4-43cc-bcf1-7c1c4a2c073b';
const ids = { clientRequestId: 'client-1111', requestId: 'graph-2222' };
const assignment: AssignmentView = {
  id: ID,
  state: 'delivered',
  target: { displayName: 'Ada Lovelace', principalName: 'ada@contoso.com' },
  accessPackage: { id: 'pkg-1', displayName: 'Sales app' },
};
const ctx = { actor: { name: 'Grace Hopper', upn: 'grace@contoso.com' }, at: new Date('2026-11-23T18:30:05.123Z') };
const consentUrl = 'https://login.example/common/adminconsent?client_id=abc';

const render = (o: ReprocessOutcome): AdaptiveCardJson => renderResult(o, ctx);

const outcomes: Record<ReprocessOutcome['kind'], ReprocessOutcome> = {
  accepted: { kind: 'accepted', assignment, ids },
  invalidId: { kind: 'invalidId', input: 'not-a-guid' },
  notFound: { kind: 'notFound', assignmentId: ID, ids },
  notEligible: { kind: 'notEligible', assignment: { ...assignment, state: 'expired' }, ids },
  accessDenied: { kind: 'accessDenied', assignmentId: ID, ids },
  consentRequired: { kind: 'consentRequired', assignmentId: ID, consentUrl },
  throttled: { kind: 'throttled', assignmentId: ID, status: 429, retryAfterSeconds: 30, ids },
  graphFailure: { kind: 'graphFailure', assignmentId: ID, status: 503, code: 'serviceUnavailable', ids },
};

describe('each outcome has its own card', () => {
  test.each([
    ['accepted', 'good', 'Reprocess queued', /queued, not done yet/],
    ['invalidId', 'attention', "That isn't an assignment id", /Nothing was sent to Microsoft Graph/],
    ['notFound', 'attention', 'Assignment not found', /not visible to your role/],
    ['notEligible', 'warning', 'Assignment not eligible for reprocess', /This one is Expired\..*\n.*request the access package again/],
    ['accessDenied', 'attention', "You can't reprocess this assignment", /Access Package Assignment Manager role or higher/],
    ['consentRequired', 'attention', 'Admin consent needed', /EntitlementManagement.ReadWrite.All/],
    ['throttled', 'warning', 'Microsoft Graph is throttling requests', /Try again in 30 seconds/],
    ['graphFailure', 'attention', 'Microsoft Graph failed', /HTTP 503 \(serviceUnavailable\)/],
  ] as const)('%s: %s header titled "%s" with its own wording', (kind, tone, title, wording) => {
    const card = render(outcomes[kind]);
    expect(header(card)).toMatchObject({ style: tone, items: [{ text: title }] });
    expect(texts(card)).toMatch(wording);
  });

  test.each([
    ['accepted', [`Action.Execute:${Verbs.status}`]],
    ['invalidId', []],
    ['notFound', [`Action.Execute:${Verbs.status}`]],
    ['notEligible', [`Action.Execute:${Verbs.status}`]],
    ['accessDenied', [`Action.Execute:${Verbs.status}`]],
    ['consentRequired', [`Action.OpenUrl:${consentUrl}`, `Action.Execute:${Verbs.status}`]],
    ['throttled', [`Action.Execute:${Verbs.status}`, `Action.Execute:${Verbs.reprocess}`]],
    ['graphFailure', [`Action.Execute:${Verbs.status}`, `Action.Execute:${Verbs.reprocess}`]],
  ] as const)('%s offers exactly the buttons %j', (kind, expected) => {
    expect(buttons(render(outcomes[kind]))).toEqual(expected);
  });
});

test('Execute buttons carry the assignment id and their titles say what they do', () => {
  const actions = render(outcomes.throttled).actions as Obj[];
  expect(actions).toEqual([
    { type: 'Action.Execute', title: 'Check status', verb: Verbs.status, data: { assignmentId: ID } },
    { type: 'Action.Execute', title: 'Try again', verb: Verbs.reprocess, data: { assignmentId: ID } },
  ]);
});

test('the accepted card shows assignment, user, package, state, actor, time and request ids', () => {
  expect(facts(render(outcomes.accepted))).toEqual({
    'Assignment id': ID,
    User: 'Ada Lovelace (ada@contoso.com)',
    'Access package': 'Sales app',
    State: 'Delivered',
    'Run by': 'Grace Hopper (grace@contoso.com)',
    When: '2026-11-23 18:30 UTC',
    'request-id': 'graph-2222',
    'client-request-id': 'client-1111',
    'Timestamp (UTC)': '2026-11-23T18:30:05Z',
  });
});

test('request ids sit in a subtle Diagnostics section below the main facts', () => {
  const diagnostics = (render(outcomes.notFound).body as Obj[]).at(-1) as { items: Obj[] };
  expect(diagnostics.items[0]).toMatchObject({ text: 'Diagnostics', isSubtle: true, size: 'Small' });
  expect(JSON.stringify(diagnostics.items[1])).toContain('graph-2222');
});

test('missing data leaves its fact out instead of showing an empty or "undefined" value', () => {
  const bare = { kind: 'accepted', assignment: { id: ID, state: 'delivered' }, ids: { clientRequestId: 'c' } } as const;
  const shown = facts(renderResult(bare, { actor: { name: 'Grace Hopper' }, at: new Date(NaN) }));
  expect(shown).toEqual({ 'Assignment id': ID, State: 'Delivered', 'Run by': 'Grace Hopper', 'client-request-id': 'c' });
});

test('a user without a display name is shown by email', () => {
  const guest = { ...assignment, target: { email: 'ada@ext.example' } };
  expect(facts(render({ kind: 'accepted', assignment: guest, ids })).User).toBe('ada@ext.example');
});

test('the graph failure card shows the HTTP status, error code and request ids', () => {
  expect(facts(render(outcomes.graphFailure))).toMatchObject({
    'HTTP status': '503',
    'Error code': 'serviceUnavailable',
    'request-id': 'graph-2222',
    'client-request-id': 'client-1111',
  });
});

test.each([
  ['is echoed with Markdown escaped', '[x](http://evil) **b** ${t}', '"\\[x\\]\\(http://evil\\) \\*\\*b\\*\\* \\$\\{t\\}" is not'],
  ['is cut to 80 characters', 'x'.repeat(500), `"${'x'.repeat(79)}…" is not an assignment id.`],
  ['that is empty says none was given', '  ', 'No assignment id was given.'],
])('an invalid id %s', (_behaviour, input, sentence) => {
  const shown = texts(render({ kind: 'invalidId', input }));
  expect(shown).toContain(sentence);
  expect(shown).not.toContain('](http');
});

test('the invalid id card shows what an assignment id looks like', () => {
  expect(texts(render(outcomes.invalidId))).toContain('Assignment ids are GUIDs, like d82eb508-acc4-43cc-bcf1-7c1c4a2c073b.');
});

test('names from Graph are escaped too', () => {
  const tricky = { ...assignment, target: { displayName: '**Admin**' } };
  tricky.accessPackage = { id: 'p', displayName: '[Click](http://evil)' };
  const shown = facts(render({ kind: 'accepted', assignment: tricky, ids }));
  expect(shown).toMatchObject({ User: '\\*\\*Admin\\*\\*', 'Access package': '\\[Click\\]\\(http://evil\\)' });
});

test('the consent-required card shows the consent link as copyable text for a non-admin', () => {
  const shown = texts(render(outcomes.consentRequired));
  expect(shown).toContain(consentUrl);
  expect(shown).toMatch(/Global Administrator or Privileged Role Administrator/);
});
