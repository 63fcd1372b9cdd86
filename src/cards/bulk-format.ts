/** Numbers, counts, durations and rates in the words the bulk and history cards use. */

/** `1234` as "1,234"; negative or non-finite counts read as 0 so a bad tally never shows "NaN". */
export function formatCount(n: number): string {
  const whole = Number.isFinite(n) ? Math.max(0, Math.round(n)) : 0;
  // Grouped by hand rather than toLocaleString so the card reads the same whatever ICU data Node ships with.
  return String(whole).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** "1 assignment", "3 assignments": the noun follows the count; `many` defaults to `one` + "s". */
export function countOf(n: number, one: string, many = `${one}s`): string {
  const shown = formatCount(n);
  return `${shown} ${shown === '1' ? one : many}`;
}

/** Whole seconds as "45 s", "3 min 20 s", "1 h 5 min"; zero parts inside are left out ("2 min", "1 h"). */
export function formatDuration(totalSeconds: number): string {
  const s = Number.isFinite(totalSeconds) ? Math.max(0, Math.round(totalSeconds)) : 0;
  if (s < 60) return `${s} s`;
  if (s < 3600) {
    const [min, sec] = [Math.floor(s / 60), s % 60];
    return sec ? `${min} min ${sec} s` : `${min} min`;
  }
  // Past an hour the seconds are noise: round to the minute.
  const minutes = Math.round(s / 60);
  const [h, min] = [Math.floor(minutes / 60), minutes % 60];
  return min ? `${h} h ${min} min` : `${h} h`;
}

/** An estimate of time left: "about 3 min 20 s", "less than a second"; nothing when unknown or unreadable. */
export function formatEta(seconds: number | undefined): string | undefined {
  if (seconds === undefined || !Number.isFinite(seconds) || seconds < 0) return undefined;
  return seconds < 1 ? 'less than a second' : `about ${formatDuration(Math.ceil(seconds))}`;
}

/** Time between two dates, or nothing when either is missing, unreadable or the end is before the start. */
export function durationBetween(start: Date | undefined, end: Date): string | undefined {
  const ms = start ? end.getTime() - start.getTime() : NaN;
  if (!Number.isFinite(ms) || ms < 0) return undefined;
  return ms < 1000 ? 'less than a second' : formatDuration(ms / 1000);
}

/** Items per second with one decimal: "42.5 per second"; nothing when unknown or unreadable. */
export function formatRate(perSecond: number | undefined): string | undefined {
  if (perSecond === undefined || !Number.isFinite(perSecond) || perSecond < 0) return undefined;
  return `${perSecond.toFixed(1)} per second`;
}

/** Whole percent of `part` in `total`, never 100 before everything is done; 0 for an empty total. */
export function percentOf(part: number, total: number): number {
  if (!(total > 0) || !(part > 0)) return 0;
  if (part >= total) return 100;
  return Math.min(99, Math.floor((part / total) * 100));
}
