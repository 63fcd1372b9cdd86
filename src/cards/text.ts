/** Text helpers of the cards: outside text made safe to show, and numbers, dates and durations in words. */

// CommonMark punctuation that can start formatting, links, autolinks, entities or HTML anywhere in a line,
// plus `$`, `{` and `}` so outside text can never look like template syntax.
const INLINE_SPECIAL = /[\\`*_~[\]()<>#&|!${}]/g;
// Block markers only matter at the start of a line; newlines are collapsed first, so only the start remains.
const LEADING_BLOCK = /^([-+=]|\d+(?=[.]))/;

/** Echoes of user input are cut here so a pasted paragraph cannot swamp the card. */
export const MAX_ECHO_LENGTH = 80;

/** Escapes Markdown in text from users or Graph so it shows literally: no links, emphasis, lists or headings. */
export function escapeMarkdown(text: string): string {
  const oneLine = text.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ').trim();
  return oneLine
    .replace(INLINE_SPECIAL, (ch) => `\\${ch}`)
    .replace(LEADING_BLOCK, (marker) => (/\d/.test(marker) ? `${marker}\\` : `\\${marker}`));
}

/** Shortens text to `max` characters (whole code points), marking the cut with an ellipsis. */
export function truncate(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

/** Input or an id echoed back: trimmed, shortened and escaped; `blank` when nothing is left. */
export function echo(text: string, blank = '(blank)'): string {
  return escapeMarkdown(truncate(text.trim(), MAX_ECHO_LENGTH)) || blank;
}

/** `value` in words from `table`; a value Graph adds later is returned verbatim (escape it before display). */
export function inWords(table: Readonly<Record<string, string>>, value: string): string {
  if (value.trim() === '') return 'Unknown';
  // hasOwn keeps inherited names such as "constructor" from being read as known values.
  return Object.hasOwn(table, value) ? table[value] : value;
}

/** `2026-11-23 18:30 UTC` and `2026-11-23T18:30:00Z`; nothing for an invalid date. */
export function formatUtc(at: Date): { human?: string; iso?: string } {
  if (Number.isNaN(at.getTime())) return {};
  const iso = at.toISOString().replace(/\.\d{3}Z$/, 'Z');
  return { human: `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`, iso };
}

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

/** Seconds to wait before retrying: Graph's Retry-After, never less than 1. */
export function retrySeconds(retryAfterSeconds: number): number {
  return Number.isFinite(retryAfterSeconds) ? Math.max(1, Math.ceil(retryAfterSeconds)) : 1;
}

/** "Try again in N seconds." from Graph's Retry-After. */
export function tryAgainIn(retryAfterSeconds: number): string {
  return `Try again in ${countOf(retrySeconds(retryAfterSeconds), 'second')}.`;
}
