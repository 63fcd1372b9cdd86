import type { RequestView } from '../../src/graph/types';
import { Verbs } from '../../src/cards/templates';
import { renderResult, type AdaptiveCardJson } from '../../src/cards/render';
import { facts, joinedTexts as texts, type Obj } from './card-helpers';

const ID = 'd82eb508-acc4-43cc-bcf1-7c1c4a2c073b';
const RID = 'a1b2c3d4-0000-4000-8000-00000000000a';
const ids = { clientRequestId: 'client-1111', requestId: 'graph-2222' };
const ctx = { actor: { name: 'Grace Hopper' }, at: new Date('2026-11-23T18:30:05Z') };
const failed: RequestView = { id: RID, state: 'deliveryFailed', requestType: 'userAdd', createdAt: '2026-11-20T10:15:00Z' };

const notEligible = (state: string, latestRequest?: RequestView): AdaptiveCardJson =>
  renderResult({ kind: 'notEligible', assignment: { id: ID, state }, ids, latestRequest }, ctx);

describe.each([
  ['deliveryFailed', 'deliveryFailed', 'Delivery failed'],
  ['deliveryFailed', 'partiallyDelivered', 'Partially delivered'],
  ['partiallyDelivered', 'deliveryFailed', 'Delivery failed'],
  ['partiallyDelivered', 'partiallyDelivered', 'Partially delivered'],
])('a %s assignment whose latest request is %s', (state, requestState, words) => {
  const card = notEligible(state, { ...failed, state: requestState });

  test('shows the request id, its state in words and when it was created', () => {
    expect(facts(card)).toMatchObject({
      'Latest request': RID,
      'Request state': words,
      'Request created': '2026-11-20 10:15 UTC',
    });
  });

  test('offers Reprocess request with the request id, after Check status', () => {
    expect(card.actions).toEqual([
      { type: 'Action.Execute', title: 'Check status', verb: Verbs.status, data: { assignmentId: ID } },
      { type: 'Action.Execute', title: 'Reprocess request', verb: Verbs.reprocessRequest, data: { requestId: RID } },
    ]);
  });

  test('points at the request instead of asking for its id', () => {
    expect(texts(card)).toContain(`Reprocess its latest request instead: it is ${words}, so its delivery can be retried.`);
    expect(texts(card)).not.toMatch(/followed by the request id/);
  });
});

test.each([
  ['deliveryFailed', undefined],
  ['deliveryFailed', { ...failed, state: 'delivered' }],
  ['deliveryFailed', { ...failed, state: 'denied' }],
  ['deliveryFailed', { ...failed, id: ' ' }],
  ['delivering', failed],
  ['expired', failed],
])('a %s assignment with latest request %j keeps the current card', (state, request) => {
  const card = notEligible(state, request);
  expect(card).toEqual(notEligible(state));
  expect((card.actions as Obj[]).map((a) => a.verb)).toEqual([Verbs.status]);
  expect(facts(card)).not.toHaveProperty('Latest request');
});

test('a request type from Graph that we do not know is shown escaped', () => {
  const shown = facts(notEligible('deliveryFailed', { ...failed, requestType: '[t](http://e)' }));
  expect(shown['Request type']).toBe('\\[t\\]\\(http://e\\)');
});
