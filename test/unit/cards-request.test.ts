import type { RequestReprocessOutcome } from '../../src/services/outcomes';
import type { RequestView } from '../../src/graph/types';
import { Verbs } from '../../src/cards/templates';
import { renderRequestResult, type AdaptiveCardJson } from '../../src/cards/render';
import { facts, header, joinedTexts as texts, titledButtons as buttons } from './card-helpers';

const ID = 'd82eb508-acc4-43cc-bcf1-7c1c4a2c073b';
const RID = 'a1b2c3d4-0000-4000-8000-00000000000a';
const ids = { clientRequestId: 'client-1111', requestId: 'graph-2222' };
const request: RequestView = {
  id: RID,
  state: 'deliveryFailed',
  requestType: 'userAdd',
  createdAt: '2026-11-20T10:15:00Z',
  assignmentId: ID,
  accessPackage: { id: 'pkg-1', displayName: 'Sales app' },
  target: { displayName: 'Ada Lovelace', principalName: 'ada@contoso.com' },
};
const ctx = { actor: { name: 'Grace Hopper', upn: 'grace@contoso.com' }, at: new Date('2026-11-23T18:30:05Z') };
const consentUrl = 'https://login.example/common/adminconsent?client_id=abc';

const render = (o: RequestReprocessOutcome): AdaptiveCardJson => renderRequestResult(o, ctx);

const outcomes: Record<RequestReprocessOutcome['kind'], RequestReprocessOutcome> = {
  requestAccepted: { kind: 'requestAccepted', request, ids },
  requestNotEligible: { kind: 'requestNotEligible', request: { ...request, state: 'pendingApproval' }, ids },
  requestRejected: { kind: 'requestRejected', requestId: RID, code: 'BadRequest', message: 'Too late.', ids },
  invalidId: { kind: 'invalidId', input: 'nope' },
  notFound: { kind: 'notFound', requestId: RID, ids },
  accessDenied: { kind: 'accessDenied', requestId: RID, ids },
  consentRequired: { kind: 'consentRequired', requestId: RID, consentUrl },
  throttled: { kind: 'throttled', requestId: RID, status: 429, retryAfterSeconds: 1, ids },
  graphFailure: { kind: 'graphFailure', requestId: RID, status: 503, code: 'serviceUnavailable', ids },
};

test.each([
  ['requestAccepted', 'good', 'Request reprocess queued', /request will be retried\.\n.*Check the status in a minute/],
  ['requestNotEligible', 'warning', 'Request not eligible for reprocess', /Partially delivered\. This one is Pending approval\./],
  ['requestRejected', 'attention', 'Microsoft Graph refused to reprocess the request', /Its message: Too late\./],
  ['invalidId', 'attention', "That isn't a request id", /"nope" is not a request id\..*\nNothing was sent/],
  ['notFound', 'attention', 'Request not found', /no access package request with this id, or it is not visible/],
  ['accessDenied', 'attention', "You can't reprocess this request", /Access Package Assignment Manager role or higher/],
  ['consentRequired', 'attention', 'Admin consent needed', /EntitlementManagement\.ReadWrite\.All/],
  ['throttled', 'warning', 'Microsoft Graph is throttling requests', /reprocess was not queued\.\nTry again in 1 second\./],
  ['graphFailure', 'attention', 'Microsoft Graph failed', /HTTP 503 \(serviceUnavailable\)/],
] as const)('%s: %s header titled "%s" with its own wording', (kind, tone, title, wording) => {
  const card = render(outcomes[kind]);
  expect(header(card)).toMatchObject({ style: tone, items: [{ text: title }] });
  expect(texts(card)).toMatch(wording);
});

test.each([
  ['requestAccepted', ['Check status:status']],
  ['requestNotEligible', ['Check status:status']],
  ['requestRejected', []],
  ['invalidId', []],
  ['notFound', []],
  ['accessDenied', []],
  ['consentRequired', [`Open admin consent page:${consentUrl}`]],
  ['throttled', ['Try again:reprocessRequest']],
  ['graphFailure', ['Try again:reprocessRequest']],
] as const)('%s offers exactly the buttons %j', (kind, expected) => {
  expect(buttons(render(outcomes[kind]))).toEqual(expected);
});

test('Check status carries the assignment id and Try again the request id', () => {
  expect(render(outcomes.requestAccepted).actions).toEqual([
    { type: 'Action.Execute', title: 'Check status', verb: Verbs.status, data: { assignmentId: ID } },
  ]);
  expect(render(outcomes.graphFailure).actions).toEqual([
    { type: 'Action.Execute', title: 'Try again', verb: Verbs.reprocessRequest, data: { requestId: RID } },
  ]);
});

test('a request without a known assignment offers no Check status', () => {
  const orphan = { kind: 'requestAccepted', request: { ...request, assignmentId: undefined }, ids } as const;
  expect(buttons(render(orphan))).toEqual([]);
});

test('the accepted card shows the request, user, package, type, state, dates, assignment, actor and ids', () => {
  expect(facts(render(outcomes.requestAccepted))).toEqual({
    Request: RID,
    User: 'Ada Lovelace (ada@contoso.com)',
    'Access package': 'Sales app',
    'Request type': 'Requested by the user',
    'Request state': 'Delivery failed',
    'Request created': '2026-11-20 10:15 UTC',
    'Assignment id': ID,
    'Run by': 'Grace Hopper (grace@contoso.com)',
    When: '2026-11-23 18:30 UTC',
    'request-id': 'graph-2222',
    'client-request-id': 'client-1111',
    'Timestamp (UTC)': '2026-11-23T18:30:05Z',
  });
});

test('failures show the request id they were about', () => {
  expect(facts(render(outcomes.notFound))).toMatchObject({ Request: RID, 'request-id': 'graph-2222' });
  expect(facts(render(outcomes.invalidId))).not.toHaveProperty('Request');
});

test("Graph's refusal is shown plainly and escaped, with HTTP 400 and its code in Diagnostics", () => {
  const message = 'Request [expired](http://evil) after **14** days <b>${x}</b>';
  const card = render({ kind: 'requestRejected', requestId: RID, code: 'Bad_Request*', message, ids });
  expect(texts(card)).toContain('HTTP 400 (Bad\\_Request\\*)');
  expect(texts(card)).toContain('Its message: Request \\[expired\\]\\(http://evil\\) after \\*\\*14\\*\\* days \\<b\\>\\$\\{x\\}');
  expect(facts(card)).toMatchObject({ 'HTTP status': '400', 'Error code': 'Bad\\_Request\\*' });
});

test('a refusal explains that requests can be reprocessed only for a limited time after they failed', () => {
  const shown = texts(render({ kind: 'requestRejected', requestId: RID, code: '', ids }));
  expect(shown).toMatch(/^Microsoft Graph answered HTTP 400\.$/m);
  expect(shown).toMatch(/only within a limited time after they failed: 14 days/);
  expect(shown).toMatch(/request the access package again in My Access/);
});

test('a long Graph message is cut', () => {
  const shown = texts(render({ kind: 'requestRejected', requestId: RID, code: 'c', message: 'y'.repeat(5000), ids }));
  expect(shown).toContain(`${'y'.repeat(299)}…`);
  expect(shown).not.toContain('y'.repeat(300));
});

test.each([
  ['delivered', 'Delivered', /reprocess the assignment instead/],
  ['scheduled', 'Scheduled', /still in progress/],
  ['canceled', 'Canceled', /must request the access package again/],
  ['**new**', '\\*\\*new\\*\\*', /Microsoft Entra admin center/],
])('a %s request is called "%s" and gets advice', (state, words, advice) => {
  const shown = texts(render({ kind: 'requestNotEligible', request: { ...request, state }, ids }));
  expect(shown).toContain(`This one is ${words}.`);
  expect(shown).toMatch(advice);
});

test('an invalid request id is echoed escaped and shortened', () => {
  const shown = texts(render({ kind: 'invalidId', input: `[x](http://e) ${'z'.repeat(200)}` }));
  expect(shown).toMatch(/^"\\\[x\\\]\\\(http:\/\/e\\\) z+…" is not a request id\./m);
  expect(texts(render({ kind: 'invalidId', input: ' ' }))).toContain('No request id was given.');
});
