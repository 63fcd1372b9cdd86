import type { RequestReprocessOutcome, StatusOutcome } from '../../src/services/outcomes';
import type { AssignmentView, RequestView } from '../../src/graph/types';
import { Verbs } from '../../src/cards/templates';
import {
  renderActionPrompt,
  renderRequestResult,
  renderResult,
  renderStatus,
  renderWorking,
  type AdaptiveCardJson,
} from '../../src/cards/render';
import { expectFilled, expectTidy, expectValidCard, type Obj } from './card-helpers';

const ID = 'd82eb508-acc4-43cc-bcf1-7c1c4a2c073b';
const RID = 'a1b2c3d4-0000-4000-8000-00000000000a';
const ids = { clientRequestId: 'c0ffee00-0000-4000-8000-000000000001', requestId: 'ab12cd34-0000-4000-8000-000000000002' };
const noRequestId = { clientRequestId: ids.clientRequestId };
const full: AssignmentView = {
  id: ID,
  state: 'deliveryFailed',
  status: 'Failed **now**',
  target: { displayName: 'Ada Lovelace', principalName: 'ada@contoso.com' },
  accessPackage: { id: 'pkg-1', displayName: 'Sales app' },
  startsAt: '2026-01-01T00:00:00Z',
  expiresAt: '2027-01-01T00:00:00Z',
};
const request: RequestView = {
  id: RID,
  state: 'deliveryFailed',
  requestType: 'userAdd',
  createdAt: '2026-01-02T03:04:05Z',
  assignmentId: ID,
  accessPackage: { id: 'pkg-1', displayName: 'Sales app' },
  target: { displayName: 'Ada Lovelace', email: 'ada@contoso.com' },
};
const ctx = { actor: { name: 'Grace Hopper', upn: 'grace@contoso.com' }, at: new Date('2026-11-23T18:30:00Z') };
const sparseCtx = { actor: { name: '' }, at: new Date('not a date') };
const consentUrl = 'https://login.example/adminconsent?client_id=1';

const statuses: Record<string, StatusOutcome> = {
  'status, delivery failed with a request': { kind: 'status', assignment: full, latestRequest: request, ids },
  'status, delivered': { kind: 'status', assignment: { ...full, state: 'delivered' }, ids },
  'status, sparse': { kind: 'status', assignment: { id: ID, state: '', startsAt: 'soon' }, ids: noRequestId },
  'status, odd request': { kind: 'status', assignment: full, latestRequest: { id: '', state: '' }, ids },
  invalidId: { kind: 'invalidId', input: '[x](http://evil) **${title}**' },
  notFound: { kind: 'notFound', assignmentId: ID, ids },
  accessDenied: { kind: 'accessDenied', assignmentId: ID, ids },
  consentRequired: { kind: 'consentRequired', assignmentId: ID, consentUrl },
  throttled: { kind: 'throttled', assignmentId: ID, status: 429, retryAfterSeconds: 30, ids },
  graphFailure: { kind: 'graphFailure', assignmentId: ID, status: 500, code: '', ids: noRequestId },
};

const requests: Record<string, RequestReprocessOutcome> = {
  requestAccepted: { kind: 'requestAccepted', request, ids },
  'requestAccepted, sparse': { kind: 'requestAccepted', request: { id: RID, state: 'weird' }, ids: noRequestId },
  requestNotEligible: { kind: 'requestNotEligible', request: { ...request, state: 'delivered' }, ids },
  requestRejected: { kind: 'requestRejected', requestId: RID, code: 'BadRequest', message: '${x} <b>', ids },
  'requestRejected, bare': { kind: 'requestRejected', requestId: RID, code: '', ids: noRequestId },
  invalidId: { kind: 'invalidId', input: '' },
  notFound: { kind: 'notFound', requestId: RID, ids },
  accessDenied: { kind: 'accessDenied', requestId: RID, ids },
  consentRequired: { kind: 'consentRequired', requestId: RID, consentUrl },
  throttled: { kind: 'throttled', requestId: RID, status: 429, retryAfterSeconds: 1, ids },
  graphFailure: { kind: 'graphFailure', requestId: RID, status: 503, code: 'serviceUnavailable', ids },
};

const asker = { name: 'Ada **Lovelace**', upn: 'ada@contoso.com' };
const cards: [string, () => AdaptiveCardJson][] = [
  ...Object.entries(statuses).flatMap(([name, o]): [string, () => AdaptiveCardJson][] => [
    [`status ${name}`, () => renderStatus(o, ctx)],
    [`status ${name} without actor or valid time`, () => renderStatus(o, sparseCtx)],
  ]),
  ...Object.entries(requests).flatMap(([name, o]): [string, () => AdaptiveCardJson][] => [
    [`request ${name}`, () => renderRequestResult(o, ctx)],
    [`request ${name} without actor or valid time`, () => renderRequestResult(o, sparseCtx)],
  ]),
  ['result notEligible with a request', () => renderResult({ kind: 'notEligible', assignment: full, ids, latestRequest: request }, ctx)],
  ['prompt reprocess', () => renderActionPrompt({ action: 'reprocess', targetId: ID, requestedBy: asker, at: ctx.at })],
  ['prompt status', () => renderActionPrompt({ action: 'status', targetId: ID, requestedBy: { name: '' }, at: sparseCtx.at })],
  ['prompt reprocessRequest', () => renderActionPrompt({ action: 'reprocessRequest', targetId: RID, requestedBy: asker, at: ctx.at })],
  ['working', () => renderWorking({ title: 'Reprocessing ${x}', detail: '[a](b)' })],
  ['working without text', () => renderWorking({ title: ' ' })],
];

describe.each(cards)('the %s card', (_name, render) => {
  const card = render();

  test('has every placeholder filled and no "undefined"', () => {
    expectFilled(card, /undefined|null/);
  });

  test('is an Adaptive Card 1.5 that the adaptivecards library parses and validates without errors', () => {
    expectValidCard(card, { schema: false });
  });

  test('uses only verbs from Verbs, with typed data, and shows no empty text or facts', () => {
    const action = (obj: Obj): void => {
      const key = obj.verb === Verbs.reprocessRequest ? 'requestId' : 'assignmentId';
      expect(Object.keys(obj.data as object)).toEqual([key]);
    };
    expectTidy(card, Object.values(Verbs), { action, factTitles: false });
  });
});
