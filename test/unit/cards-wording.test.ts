import { escapeMarkdown, formatUtc, humanState, truncate } from '../../src/cards/wording';
import { NO_ANSWER } from '../../src/graph/limits';
import { ResultWording, retrySeconds } from '../../src/cards/result-wording';
import { humanRequestState, humanRequestType } from '../../src/cards/request-states';

const ID = 'd82eb508-acc4-43cc-bcf1-7c1c4a2c073b';
const ids = { clientRequestId: 'c' };

describe('escapeMarkdown', () => {
  test.each([
    ['[x](http://evil)', '\\[x\\]\\(http://evil\\)'],
    ['**bold** _it_ ~~s~~ `code`', '\\*\\*bold\\*\\* \\_it\\_ \\~\\~s\\~\\~ \\`code\\`'],
    ['<b>html</b> &amp;', '\\<b\\>html\\</b\\> \\&amp;'],
    ['${title} {x}', '\\$\\{title\\} \\{x\\}'],
    ['# heading', '\\# heading'],
    ['- item', '\\- item'],
    ['+ item', '\\+ item'],
    ['12. item', '12\\. item'],
    ['back\\slash', 'back\\\\slash'],
    ['line one\n\n- two\r\n# three', 'line one - two \\# three'],
    ['  padded  ', 'padded'],
    ['Ada Lovelace', 'Ada Lovelace'],
    [ID, ID],
  ])('%j shows literally as %j', (input, escaped) => {
    expect(escapeMarkdown(input)).toBe(escaped);
  });
});

test.each([
  ['delivering', 'Delivering'],
  ['partiallyDelivered', 'Partially delivered'],
  ['delivered', 'Delivered'],
  ['expired', 'Expired'],
  ['deliveryFailed', 'Delivery failed'],
  ['someFutureState', 'someFutureState'],
  ['constructor', 'constructor'],
  ['', 'Unknown'],
])('humanState(%j) is %j', (state, words) => {
  expect(humanState(state)).toBe(words);
});

test('truncate keeps short text and cuts long text at whole characters with an ellipsis', () => {
  expect(truncate('short', 80)).toBe('short');
  expect(truncate('abcdef', 4)).toBe('abc…');
  expect(truncate('😀😀😀😀😀', 3)).toBe('😀😀…');
});

test('formatUtc gives a human UTC form and ISO 8601 without milliseconds, and nothing for an invalid date', () => {
  expect(formatUtc(new Date('2026-11-23T18:30:59.999Z'))).toEqual({
    human: '2026-11-23 18:30 UTC',
    iso: '2026-11-23T18:30:59Z',
  });
  expect(formatUtc(new Date('nope'))).toEqual({});
});

test.each([
  [30, 30],
  [2.2, 3],
  [0, 1],
  [-5, 1],
  [NaN, 1],
  [Infinity, 1],
])('Retry-After %p means trying again in %p s', (retryAfter, seconds) => {
  expect(retrySeconds(retryAfter)).toBe(seconds);
  const throttled = { kind: 'throttled', assignmentId: ID, status: 429, retryAfterSeconds: retryAfter, ids } as const;
  expect(ResultWording.throttled.next?.(throttled)).toBe(
    `Try again in ${seconds} ${seconds === 1 ? 'second' : 'seconds'}.`,
  );
});

test.each([
  ['deliveryFailed', 'Delivery failed', /reprocess request/],
  ['partiallyDelivered', 'Partially delivered', /reprocess request/],
  ['delivering', 'Delivering', /Wait for it to finish/],
  ['expired', 'Expired', /must request the access package again/],
  ['delivered', 'Delivered', /can be reprocessed/],
  ['some**New**State', 'some\\*\\*New\\*\\*State', /Microsoft Entra admin center/],
])('a not-eligible assignment in state %s is called "%s" with advice on what to do', (state, words, advice) => {
  const o = { kind: 'notEligible', assignment: { id: ID, state }, ids } as const;
  expect(ResultWording.notEligible.summary(o)).toBe(
    `An assignment can be reprocessed only when it is Delivered. This one is ${words}.`,
  );
  expect(ResultWording.notEligible.next?.(o)).toMatch(advice);
});

test.each([
  ['pendingApproval', 'Pending approval'],
  ['deliveryFailed', 'Delivery failed'],
  ['partiallyDelivered', 'Partially delivered'],
  ['canceled', 'Canceled'],
  ['someFutureState', 'someFutureState'],
  ['toString', 'toString'],
  [' ', 'Unknown'],
])('humanRequestState(%j) is %j', (state, words) => {
  expect(humanRequestState(state)).toBe(words);
});

test.each([
  ['adminAdd', 'Added by an admin'],
  ['userAdd', 'Requested by the user'],
  ['systemRemove', 'Removed by a policy'],
  ['onBehalfAdd', "Requested on the user's behalf"],
  ['newType', 'newType'],
])('humanRequestType(%j) is %j', (type, words) => {
  expect(humanRequestType(type)).toBe(words);
});

describe('Graph failures are worded by what happened', () => {
  const base = { assignmentId: ID, ids } as const;

  it('a 503 says Graph is unavailable and a 429 says it asked us to slow down; neither names the other', () => {
    const unavailable = ResultWording.throttled.summary({ ...base, kind: 'throttled', status: 503, retryAfterSeconds: 30 });
    const throttled = ResultWording.throttled.summary({ ...base, kind: 'throttled', status: 429, retryAfterSeconds: 30 });
    expect(unavailable).toMatch(/temporarily unavailable \(503\)/);
    expect(unavailable).not.toMatch(/429/);
    expect(throttled).toMatch(/slow down \(429\)/);
    expect(throttled).not.toMatch(/503/);
  });

  it('no HTTP answer is never called "HTTP 0": a timeout and a failed connection each have their words', () => {
    const say = (code: string) => ResultWording.graphFailure.summary({ ...base, kind: 'graphFailure', status: 0, code });
    expect(say(NO_ANSWER.timeout)).toBe('Microsoft Graph did not answer in time: the bot waits at most 8 seconds for a command, retries included.');
    expect(say(NO_ANSWER.noResponse)).toBe('Microsoft Graph did not answer: the connection failed before a response arrived.');
    expect(ResultWording.graphFailure.summary({ ...base, kind: 'graphFailure', status: 500, code: 'Boom' })).toBe(
      'Microsoft Graph answered HTTP 500 (Boom).',
    );
  });
});
