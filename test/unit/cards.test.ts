import * as path from 'path';
import type { ReprocessOutcome } from '../../src/services/outcomes';
import type { AssignmentView } from '../../src/graph/types';
import { Verbs } from '../../src/cards/templates';
import {
  renderConsent,
  renderError,
  renderHelp,
  renderResult,
  renderSignedOut,
  type AdaptiveCardJson,
} from '../../src/cards/render';
import { findCardsDir } from '../../src/cards/templates';
import { expectFilled, expectTidy, expectValidCard } from './card-helpers';

const ID = 'd82eb508-acc4-43cc-bcf1-7c1c4a2c073b';
const ids = { clientRequestId: 'c0ffee00-0000-4000-8000-000000000001', requestId: 'ab12cd34-0000-4000-8000-000000000002' };
const full: AssignmentView = {
  id: ID,
  state: 'delivered',
  target: { displayName: 'Ada Lovelace', principalName: 'ada@contoso.com' },
  accessPackage: { id: 'pkg-1', displayName: 'Sales app' },
};
const bare: AssignmentView = { id: ID, state: 'delivering' };
const ctx = { actor: { name: 'Grace Hopper', upn: 'grace@contoso.com' }, at: new Date('2026-11-23T18:30:00Z') };
const sparseCtx = { actor: { name: 'Grace Hopper' }, at: new Date('not a date') };
const noRequestId = { clientRequestId: ids.clientRequestId };

const outcomes: Record<string, ReprocessOutcome> = {
  accepted: { kind: 'accepted', assignment: full, ids },
  'accepted, sparse': { kind: 'accepted', assignment: bare, ids: noRequestId },
  invalidId: { kind: 'invalidId', input: '[x](http://evil) **${title}**' },
  'invalidId, empty': { kind: 'invalidId', input: '' },
  notFound: { kind: 'notFound', assignmentId: ID, ids },
  notEligible: { kind: 'notEligible', assignment: { ...full, state: 'deliveryFailed' }, ids },
  'notEligible, sparse': { kind: 'notEligible', assignment: { id: ID, state: 'somethingNew' }, ids: noRequestId },
  accessDenied: { kind: 'accessDenied', assignmentId: ID, ids },
  consentRequired: { kind: 'consentRequired', assignmentId: ID, consentUrl: 'https://login.example/adminconsent?client_id=1' },
  throttled: { kind: 'throttled', assignmentId: ID, status: 429, retryAfterSeconds: 30, ids },
  graphFailure: { kind: 'graphFailure', assignmentId: ID, status: 503, code: 'serviceUnavailable', ids },
  'graphFailure, no code': { kind: 'graphFailure', assignmentId: ID, status: 500, code: '', ids: noRequestId },
};

const cards: [string, () => AdaptiveCardJson][] = [
  ...Object.entries(outcomes).flatMap(([name, o]): [string, () => AdaptiveCardJson][] => [
    [`result ${name}`, () => renderResult(o, ctx)],
    [`result ${name} without actor upn or valid time`, () => renderResult(o, sparseCtx)],
  ]),
  ['help', () => renderHelp()],
  ['consent', () => renderConsent({ consentUrl: 'https://login.example/consent', tenantId: 'contoso.onmicrosoft.com' })],
  ['consent without tenant', () => renderConsent({ consentUrl: 'https://login.example/consent' })],
  ['error', () => renderError({ title: 'Sign-in failed', message: 'AADSTS50013 *bad*', detail: 'at <x>' })],
  ['error without detail', () => renderError({ title: 'Sign-in failed', message: 'Try again.' })],
  ['signed out', () => renderSignedOut()],
];

describe.each(cards)('the %s card', (_name, render) => {
  const card = render();

  test('has every placeholder filled and no "undefined"', () => {
    expectFilled(card, /undefined|null/);
  });

  test('is an Adaptive Card 1.5 that the adaptivecards library parses and validates without errors', () => {
    expectValidCard(card);
  });

  test('uses only verbs from Verbs and shows no empty text, empty facts or exclamation marks', () => {
    expectTidy(card, Object.values(Verbs));
  });
});

test('each render returns a fresh card, so changing one never leaks into the next', () => {
  const first = renderHelp();
  (first.body as unknown[]).length = 0;
  expect((renderHelp().body as unknown[]).length).toBeGreaterThan(0);
});

test('the cards folder is found from the compiled dist/src/cards folder too', () => {
  const root = path.resolve(__dirname, '../..');
  expect(findCardsDir(path.join(root, 'dist', 'src', 'cards'))).toBe(path.join(root, 'cards'));
});

test('a missing cards folder fails with a message naming the marker file', () => {
  expect(() => findCardsDir(path.parse(__dirname).root)).toThrow(/cards\/help\.json/);
});
