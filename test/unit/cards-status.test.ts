import type { StatusOutcome } from '../../src/services/outcomes';
import type { AssignmentView, RequestView } from '../../src/graph/types';
import { Verbs } from '../../src/cards/templates';
import { renderStatus, type AdaptiveCardJson } from '../../src/cards/render';
import { facts, header, joinedTexts as texts, titledButtons as buttons, type Obj } from './card-helpers';

const ID = 'd82eb508-acc4-43cc-bcf1-7c1c4a2c073b';
const RID = 'a1b2c3d4-0000-4000-8000-00000000000a';
const ids = { clientRequestId: 'client-1111', requestId: 'graph-2222' };
const assignment: AssignmentView = {
  id: ID,
  state: 'delivered',
  status: 'Delivered',
  target: { displayName: 'Ada Lovelace', principalName: 'ada@contoso.com' },
  accessPackage: { id: 'pkg-1', displayName: 'Sales app' },
  startsAt: '2026-01-01T08:00:00Z',
  expiresAt: '2027-01-01T08:00:00.1234567Z',
};
const failed: RequestView = { id: RID, state: 'deliveryFailed', requestType: 'adminAdd', createdAt: '2026-11-20T10:15:00Z' };
const ctx = { actor: { name: 'Grace Hopper', upn: 'grace@contoso.com' }, at: new Date('2026-11-23T18:30:05Z') };

const status = (state: string, latestRequest?: RequestView): AdaptiveCardJson =>
  renderStatus({ kind: 'status', assignment: { ...assignment, state }, latestRequest, ids }, ctx);

test.each([
  ['delivered', 'good', 'The assignment is Delivered.'],
  ['delivering', 'warning', 'The assignment is Delivering.'],
  ['partiallyDelivered', 'warning', 'The assignment is Partially delivered.'],
  ['deliveryFailed', 'attention', 'The assignment is Delivery failed.'],
  ['expired', 'accent', 'The assignment is Expired.'],
  ['someFutureState', 'default', 'The assignment is someFutureState.'],
])('a %s assignment gets a %s "Assignment status" header saying its state', (state, tone, sentence) => {
  const card = status(state);
  expect(header(card)).toMatchObject({ style: tone, items: [{ text: 'Assignment status' }] });
  expect(texts(card)).toContain(sentence);
});

test.each([
  ['delivered', undefined, ['Refresh:status', 'Reprocess:reprocess']],
  ['delivering', failed, ['Refresh:status']],
  ['expired', failed, ['Refresh:status']],
  ['deliveryFailed', failed, ['Refresh:status', 'Reprocess request:reprocessRequest']],
  ['partiallyDelivered', { ...failed, state: 'partiallyDelivered' }, ['Refresh:status', 'Reprocess request:reprocessRequest']],
  ['deliveryFailed', { ...failed, state: 'delivered' }, ['Refresh:status']],
  ['deliveryFailed', undefined, ['Refresh:status']],
])('a %s assignment with latest request %j offers %j', (state, request, expected) => {
  expect(buttons(status(state, request))).toEqual(expected);
});

test('Refresh comes first, as on every outcome card; buttons carry the assignment id, or the request id', () => {
  expect(status('delivered').actions).toEqual([
    { type: 'Action.Execute', title: 'Refresh', verb: Verbs.status, data: { assignmentId: ID } },
    { type: 'Action.Execute', title: 'Reprocess', verb: Verbs.reprocess, data: { assignmentId: ID } },
  ]);
  expect((status('deliveryFailed', failed).actions as Obj[])[1]).toEqual({
    type: 'Action.Execute',
    title: 'Reprocess request',
    verb: Verbs.reprocessRequest,
    data: { requestId: RID },
  });
});

test('shows the assignment, its dates, its latest request, who checked and when, then the request ids', () => {
  expect(facts(status('deliveryFailed', failed))).toEqual({
    'Assignment id': ID,
    User: 'Ada Lovelace (ada@contoso.com)',
    'Access package': 'Sales app',
    State: 'Delivery failed',
    Status: 'Delivered',
    Starts: '2026-01-01 08:00 UTC',
    Expires: '2027-01-01 08:00 UTC',
    'Latest request': RID,
    'Request type': 'Added by an admin',
    'Request state': 'Delivery failed',
    'Request created': '2026-11-20 10:15 UTC',
    'Checked by': 'Grace Hopper (grace@contoso.com)',
    When: '2026-11-23 18:30 UTC',
    'request-id': 'graph-2222',
    'client-request-id': 'client-1111',
    'Timestamp (UTC)': '2026-11-23T18:30:05Z',
  });
});

test('a missing or unreadable date, status or request leaves its fact out', () => {
  const bare = { id: ID, state: 'delivered', startsAt: 'not a date' };
  const shown = Object.keys(facts(renderStatus({ kind: 'status', assignment: bare, ids }, ctx)));
  expect(shown.filter((t) => ['Starts', 'Expires', 'Status', 'Latest request'].includes(t))).toEqual([]);
});

test("Graph's status text and names are escaped", () => {
  const tricky = { ...assignment, status: '[Fix](http://evil) *now*', accessPackage: { id: 'p', displayName: '<b>x</b>' } };
  const latestRequest = { ...failed, requestType: '_t_' };
  const shown = facts(renderStatus({ kind: 'status', assignment: tricky, latestRequest, ids }, ctx));
  expect(shown).toMatchObject({
    Status: '\\[Fix\\]\\(http://evil\\) \\*now\\*',
    'Access package': '\\<b\\>x\\</b\\>',
    'Request type': '\\_t\\_',
  });
});

test.each([
  ['deliveryFailed', failed, /Reprocess its latest request instead: it is Delivery failed/],
  ['deliveryFailed', undefined, /send "reprocess request" followed by the request id/],
  ['delivered', undefined, /If the user is still missing access, reprocess it/],
  ['delivering', undefined, /Wait for it to finish/],
  ['expired', undefined, /must request the access package again/],
])('a %s assignment (latest request %j) says what to do next', (state, request, advice) => {
  expect(texts(status(state, request))).toMatch(advice);
});

const failures: Record<Exclude<StatusOutcome['kind'], 'status'>, StatusOutcome> = {
  invalidId: { kind: 'invalidId', input: 'nope' },
  notFound: { kind: 'notFound', assignmentId: ID, ids },
  accessDenied: { kind: 'accessDenied', assignmentId: ID, ids },
  consentRequired: { kind: 'consentRequired', assignmentId: ID, consentUrl: 'https://c.example' },
  throttled: { kind: 'throttled', assignmentId: ID, status: 429, retryAfterSeconds: 7, ids },
  graphFailure: { kind: 'graphFailure', assignmentId: ID, status: 502, code: 'badGateway', ids },
};

test.each([
  ['invalidId', 'attention', "That isn't an assignment id", []],
  ['notFound', 'attention', 'Assignment not found', ['Try again:status']],
  ['accessDenied', 'attention', "You can't view this assignment", ['Try again:status']],
  ['consentRequired', 'attention', 'Admin consent needed', ['Open admin consent page:https://c.example', 'Try again:status']],
  ['throttled', 'warning', 'Microsoft Graph is throttling requests', ['Try again:status']],
  ['graphFailure', 'attention', "Couldn't check status", ['Try again:status']],
] as const)('a failed read (%s) shows a %s card titled "%s" with buttons %j', (kind, tone, title, buttonSet) => {
  const card = renderStatus(failures[kind], ctx);
  expect(header(card)).toMatchObject({ style: tone, items: [{ text: title }] });
  expect(buttons(card)).toEqual(buttonSet);
  expect(facts(card)['Checked by']).toBe('Grace Hopper (grace@contoso.com)');
});

test("failure wording fits a status read and keeps the result cards' advice", () => {
  expect(texts(renderStatus(failures.throttled, ctx))).toMatch(/status could not be read\.\nTry again in 7 seconds\./);
  const graph = renderStatus(failures.graphFailure, ctx);
  expect(texts(graph)).toMatch(/HTTP 502 \(badGateway\)/);
  expect(facts(graph)).toMatchObject({ 'HTTP status': '502', 'Error code': 'badGateway' });
});
