import { stateWords, requestTypeWords } from '../../../src/cards/facts';
import {
  countOf,
  durationBetween,
  echo,
  escapeMarkdown,
  formatCount,
  formatDuration,
  formatEta,
  formatRate,
  formatUtc,
  percentOf,
  retrySeconds,
  truncate,
  tryAgainIn,
} from '../../../src/cards/text';

const ID = 'd82eb508-acc4-43cc-bcf1-7c1c4a2c073b';

describe('escapeMarkdown', () => {
  test.each([
    ['[x](http://evil)', '\\[x\\]\\(http://evil\\)'],
    ['**bold** _it_ ~~s~~ `code`', '\\*\\*bold\\*\\* \\_it\\_ \\~\\~s\\~\\~ \\`code\\`'],
    ['<b>html</b> &amp;', '\\<b\\>html\\</b\\> \\&amp;'],
    ['${title} {x}', '\\$\\{title\\} \\{x\\}'],
    ['# heading', '\\# heading'],
    ['- item', '\\- item'],
    ['12. item', '12\\. item'],
    ['back\\slash', 'back\\\\slash'],
    ['line one\n\n- two\r\n# three', 'line one - two \\# three'],
    ['  padded  ', 'padded'],
    [ID, ID],
  ])('%j shows literally as %j', (input, escaped) => {
    expect(escapeMarkdown(input)).toBe(escaped);
  });
});

test('truncate keeps short text and cuts long text at whole characters with an ellipsis; echo also escapes and names a blank', () => {
  expect(truncate('short', 80)).toBe('short');
  expect(truncate('abcdef', 4)).toBe('abc…');
  expect(truncate('😀😀😀😀😀', 3)).toBe('😀😀…');
  expect(echo('x'.repeat(200))).toHaveLength(80);
  expect(echo('  ')).toBe('(blank)');
  expect(echo('*a*')).toBe('\\*a\\*');
});

test('formatUtc gives a human UTC form and ISO 8601 without milliseconds, and nothing for an invalid date', () => {
  expect(formatUtc(new Date('2026-11-23T18:30:59.999Z'))).toEqual({
    human: '2026-11-23 18:30 UTC',
    iso: '2026-11-23T18:30:59Z',
  });
  expect(formatUtc(new Date('nope'))).toEqual({});
});

test.each([
  [30, 'Try again in 30 seconds.'],
  [2.2, 'Try again in 3 seconds.'],
  [0, 'Try again in 1 second.'],
  [-5, 'Try again in 1 second.'],
  [NaN, 'Try again in 1 second.'],
])('Retry-After %p reads "%s"', (retryAfter, words) => {
  expect(tryAgainIn(retryAfter)).toBe(words);
  expect(retrySeconds(retryAfter)).toBeGreaterThanOrEqual(1);
});

describe('Graph values in words: never a raw enum', () => {
  test.each([
    ['delivered', 'Delivered'],
    ['deliveryFailed', 'Delivery failed'],
    ['DeliveryFailed', 'Delivery failed'],
    ['partiallyDelivered', 'Partially delivered'],
    ['PendingApproval', 'Pending approval'],
    ['canceled', 'Canceled'],
    ['someFutureState', 'Some future state'],
    ['constructor', 'Constructor'],
    [' ', 'Unknown'],
  ])('state %j reads %j', (state, words) => {
    expect(stateWords(state)).toBe(words);
  });

  test.each([
    ['adminAdd', 'Added by an admin'],
    ['AdminAdd', 'Added by an admin'],
    ['userAdd', 'Requested by the user'],
    ['onBehalfAdd', "Requested on the user's behalf"],
    ['newType', 'New type'],
  ])('request type %j reads %j', (type, words) => {
    expect(requestTypeWords(type)).toBe(words);
  });
});

test.each([
  [0, '0'],
  [7, '7'],
  [1234, '1,234'],
  [1234567, '1,234,567'],
  [-3, '0'],
  [NaN, '0'],
  [2.6, '3'],
])('formatCount(%p) is %j', (n, text) => {
  expect(formatCount(n)).toBe(text);
});

test('countOf puts the noun in the singular only for exactly one', () => {
  expect([0, 1, 2, 1000].map((n) => countOf(n, 'assignment'))).toEqual([
    '0 assignments',
    '1 assignment',
    '2 assignments',
    '1,000 assignments',
  ]);
  expect(countOf(2, 'entry', 'entries')).toBe('2 entries');
});

test.each([
  [0, '0 s'],
  [45, '45 s'],
  [60, '1 min'],
  [200, '3 min 20 s'],
  [3599, '59 min 59 s'],
  [3600, '1 h'],
  [3900, '1 h 5 min'],
  [3629, '1 h'],
  [90061, '25 h 1 min'],
  [-5, '0 s'],
])('formatDuration(%p) is %j', (seconds, text) => {
  expect(formatDuration(seconds)).toBe(text);
});

test.each([
  [200, 'about 3 min 20 s'],
  [199.2, 'about 3 min 20 s'],
  [0.4, 'less than a second'],
  [undefined, undefined],
  [NaN, undefined],
  [Infinity, undefined],
  [-1, undefined],
])('formatEta(%p) is %j', (seconds, text) => {
  expect(formatEta(seconds)).toBe(text);
});

test.each([
  [42.54, '42.5 per second'],
  [3, '3.0 per second'],
  [0, '0.0 per second'],
  [undefined, undefined],
  [NaN, undefined],
])('formatRate(%p) is %j', (rate, text) => {
  expect(formatRate(rate)).toBe(text);
});

test('durationBetween measures from start to end, and gives nothing without a sensible start', () => {
  const end = new Date('2026-11-23T18:33:20Z');
  expect(durationBetween(new Date('2026-11-23T18:30:00Z'), end)).toBe('3 min 20 s');
  expect(durationBetween(new Date('2026-11-23T18:33:19.5Z'), end)).toBe('less than a second');
  expect(durationBetween(undefined, end)).toBeUndefined();
  expect(durationBetween(new Date('nope'), end)).toBeUndefined();
  expect(durationBetween(new Date('2026-11-23T19:00:00Z'), end)).toBeUndefined();
});

test('percentOf rounds down and reaches 100 only when everything is done', () => {
  const cases: [number, number][] = [
    [403, 1000],
    [999, 1000],
    [1000, 1000],
    [5, 0],
    [0, 10],
  ];
  expect(cases.map(([part, total]) => percentOf(part, total))).toEqual([40, 99, 100, 0, 0]);
});
