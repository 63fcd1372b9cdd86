import {
  countOf,
  durationBetween,
  formatCount,
  formatDuration,
  formatEta,
  formatRate,
  percentOf,
} from '../../src/cards/bulk-format';

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
  const cases: [number, number][] = [[403, 1000], [999, 1000], [1000, 1000], [5, 0], [0, 10]];
  expect(cases.map(([part, total]) => percentOf(part, total))).toEqual([40, 99, 100, 0, 0]);
});
