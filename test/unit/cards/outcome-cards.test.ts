import { renderRequestResult } from '../../../src/cards/request';
import { renderResult } from '../../../src/cards/result';
import { renderStatus } from '../../../src/cards/status';
import { Verbs, type AdaptiveCardJson } from '../../../src/cards/templates';
import { actionsOf, facts, joinedTextsAndRuns, titleOf, tone } from '../../support/cards';
import * as f from './fixtures';

const result = (name: string): AdaptiveCardJson => renderResult(f.reprocessOutcomes[name]!, f.ctx);
const status = (name: string): AdaptiveCardJson => renderStatus(f.statusOutcomes[name]!, f.ctx);
const request = (name: string): AdaptiveCardJson => renderRequestResult(f.requestOutcomes[name]!, f.ctx);
const verbs = (card: AdaptiveCardJson) => actionsOf(card).map((a) => a.verb ?? a.url);

describe('the reprocess result card', () => {
  test.each([
    ['accepted', 'good', 'Reprocess queued', /accepted it \(202\)[\s\S]*queued, not done yet/],
    [
      'notEligible, delivering',
      'warning',
      'Not eligible for reprocess',
      /Only a Delivered assignment can be reprocessed, and its delivery is still in progress\./,
    ],
    [
      'notEligible, expired',
      'warning',
      'Not eligible for reprocess',
      /and it has expired\.[\s\S]*request the access package again/,
    ],
    ['notEligible, a state Graph adds later', 'warning', 'Not eligible for reprocess', /its state is Something new\./],
    [
      'invalidId',
      'attention',
      "That isn't an assignment id",
      /"not-a-guid" is not an assignment id: assignment ids are GUIDs[\s\S]*Nothing was sent/,
    ],
    [
      'invalidId, empty',
      'attention',
      'No assignment id was given',
      /^No assignment id was given\nType reprocess followed by an assignment id/,
    ],
    ['notFound', 'attention', 'Assignment not found', /your role can't see it/],
    [
      'accessDenied',
      'attention',
      "You can't reprocess this assignment",
      /\(403\)[\s\S]*Access Package Assignment Manager or higher/,
    ],
    ['consentRequired', 'attention', 'Admin consent needed', /EntitlementManagement\.ReadWrite\.All/],
    [
      'throttled',
      'warning',
      'Microsoft Graph is throttling requests',
      /slow down \(429\), so nothing was reprocessed\.\nTry again in 30 seconds\./,
    ],
    [
      'throttled 503',
      'warning',
      'Microsoft Graph is temporarily unavailable',
      /503 \(service unavailable\)[\s\S]*Try again in 1 second\./,
    ],
    ['graphFailure', 'attention', 'Microsoft Graph failed', /HTTP 500 \(InternalServerError\)/],
    [
      'graphFailure, timeout',
      'attention',
      'Microsoft Graph failed',
      /did not answer in time: the bot waits at most 8 seconds/,
    ],
  ])('%s: a %s card titled "%s" that says what happened', (name, expectedTone, title, words) => {
    const card = result(name);
    expect(tone(card)).toBe(expectedTone);
    expect(titleOf(card)).toBe(title);
    expect(joinedTextsAndRuns(card)).toMatch(words);
  });

  test('names the state in words, never as an enum or as "This one is Delivery failed."', () => {
    const text = joinedTextsAndRuns(result('notEligible, delivery failed with a request'));
    expect(text).toContain('and its delivery failed.');
    expect(text).not.toMatch(/This one is|deliveryFailed/);
    expect(facts(result('notEligible, delivery failed with a request'))).toMatchObject({
      State: 'Delivery failed',
      'Request state': 'Delivery failed',
    });
  });

  test.each([
    ['accepted', [Verbs.status]],
    ['notEligible, delivery failed with a request', [Verbs.status, Verbs.reprocessRequest]],
    ['notEligible, expired', [Verbs.status]],
    ['invalidId', []],
    ['notFound', []],
    ['accessDenied', []],
    ['consentRequired', [f.consentUrl]],
    ['throttled', [Verbs.reprocess]],
    ['graphFailure', [Verbs.reprocess]],
  ])('%s offers only the buttons that can help: %j', (name, expected) => {
    expect(verbs(result(name))).toEqual(expected);
  });

  test('"Run by" only when the reprocess ran; otherwise "Requested by"', () => {
    expect(facts(result('accepted'))).toMatchObject({
      'Run by': 'Grace Hopper (grace@contoso.com)',
      When: '2026-11-23 18:30 UTC',
    });
    for (const name of ['notEligible, expired', 'notFound', 'throttled', 'invalidId']) {
      expect(Object.keys(facts(result(name)))).toContain('Requested by');
      expect(Object.keys(facts(result(name)))).not.toContain('Run by');
    }
  });

  test('diagnostics carry Graph request ids, the error code and the exact time', () => {
    expect(facts(result('graphFailure'))).toMatchObject({
      'HTTP status': '500',
      'Error code': 'InternalServerError',
      'request-id': f.ids.requestId,
      'client-request-id': f.ids.clientRequestId,
      'Timestamp (UTC)': '2026-11-23T18:30:05Z',
    });
  });

  test('hostile input is echoed escaped and cut short, never as a link or template', () => {
    const text = joinedTextsAndRuns(result('invalidId, hostile'));
    expect(text).toContain('\\[x\\]\\(http://evil\\) \\*\\*\\$\\{title\\}\\*\\* \\<b\\>');
  });
});

describe('the status card', () => {
  test('shows state, user, the access package and its id, schedule and the latest request, with the next action', () => {
    const card = status('delivery failed with a request');
    expect(titleOf(card)).toBe('Assignment status');
    expect(tone(card)).toBe('attention');
    expect(facts(card)).toMatchObject({
      'Assignment id': f.ID,
      User: 'Ada Lovelace (ada@contoso.com)',
      'Access package': 'Sales app',
      'Access package id': f.PKG,
      State: 'Delivery failed',
      'Latest request': f.RID,
      'Request type': 'Requested by the user',
      'Checked by': 'Grace Hopper (grace@contoso.com)',
    });
    expect(joinedTextsAndRuns(card)).toMatch(
      /The assignment is Delivery failed\.\nReprocess its latest request instead/,
    );
    expect(verbs(card)).toEqual([Verbs.status, Verbs.reprocessRequest]);
  });

  test('a Delivered assignment offers Refresh and Reprocess', () => {
    expect(actionsOf(status('delivered')).map((a) => a.title)).toEqual(['Refresh', 'Reprocess']);
    expect(tone(status('delivered'))).toBe('good');
  });

  test('failures say "view" and "status could not be read", and only a transient one offers Try again', () => {
    expect(titleOf(status('accessDenied'))).toBe("You can't view this assignment");
    expect(joinedTextsAndRuns(status('accessDenied'))).toMatch(/Catalog reader/);
    expect(joinedTextsAndRuns(status('throttled'))).toMatch(/so the status could not be read\./);
    expect(titleOf(status('invalidId, empty'))).toBe('No assignment id was given');
    expect(joinedTextsAndRuns(status('invalidId, empty'))).toMatch(/Type status followed by an assignment id/);
    expect(verbs(status('notFound'))).toEqual([]);
    expect(verbs(status('graphFailure'))).toEqual([Verbs.status]);
  });
});

describe('the request reprocess card', () => {
  test('names request ids, not assignment ids, when the id is missing or wrong', () => {
    expect(titleOf(request('invalidId'))).toBe("That isn't a request id");
    expect(joinedTextsAndRuns(request('invalidId'))).toMatch(/is not a request id: request ids are GUIDs/);
    expect(titleOf(request('invalidId, empty'))).toBe('No request id was given');
    expect(joinedTextsAndRuns(request('invalidId, empty'))).toMatch(/Type reprocess request followed by a request id/);
    expect(titleOf(request('notFound'))).toBe('Request not found');
  });

  test('accepted: queued, with the request, its user and package, and a status button for its assignment', () => {
    const card = request('requestAccepted');
    expect(titleOf(card)).toBe('Request reprocess queued');
    expect(facts(card)).toMatchObject({
      'Request id': f.RID,
      'Request state': 'Delivery failed',
      'Assignment id': f.ID,
      'Run by': 'Grace Hopper (grace@contoso.com)',
    });
    expect(actionsOf(card)).toEqual([
      { title: 'Check assignment status', verb: Verbs.status, data: { assignmentId: f.ID } },
    ]);
  });

  test('not eligible: the state in words, beta PascalCase included', () => {
    expect(joinedTextsAndRuns(request('requestNotEligible, beta PascalCase'))).toMatch(
      /and this one is Pending approval\.\nIt is still in progress/,
    );
  });

  test("Graph's own 400 is shown with its code and message, escaped, and no Try again", () => {
    const card = request('requestRejected');
    expect(joinedTextsAndRuns(card)).toMatch(/HTTP 400 \(BadRequest\)\. Its message: \\\$\\\{x\\\} \\<b\\>/);
    expect(joinedTextsAndRuns(card)).toMatch(/within 14 days/);
    expect(verbs(card)).toEqual([]);
    expect(verbs(request('throttled'))).toEqual([Verbs.reprocessRequest]);
  });
});
