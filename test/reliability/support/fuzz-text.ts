import { DEMO } from '../../../sandbox/graph-data';
import { randomGuid, type Rng } from './rng';

/** Strings that try to escape the id: traversal, OData/SQL injection, `$batch`, encodings, template syntax. */
export const ATTACKS: readonly string[] = [
  '../../users',
  '..%2f..%2fusers',
  '%2e%2e',
  '%2e%2e%2f%2e%2e%2fusers',
  "' or 1 eq 1",
  "x' or '1' eq '1",
  "') or true or ('",
  '$batch',
  '../$batch',
  '$metadata',
  '?$filter=true',
  '?$expand=*',
  '#',
  '%00',
  '\u0000',
  'null',
  'undefined',
  'NaN',
  '{}',
  '[]',
  '<script>alert(1)</script>',
  '${id}',
  '{{id}}',
  '%s%s%s',
  '\\',
  '/',
  '//graph.microsoft.com/v1.0/users',
  'https://evil.example/x',
  '1; DROP TABLE assignments;--',
  'ＤＲＯＰ',
  '😀',
  '\u202eexe.txt',
  'a'.repeat(300),
];

const ZERO_WIDTH = ['\u200b', '\u200c', '\u200d', '\ufeff', '\u2060', '\u00ad'];
const RANGES: readonly [number, number][] = [
  [0x20, 0x7e],
  [0xa0, 0xff],
  [0x0300, 0x036f],
  [0x0590, 0x05ff],
  [0x0600, 0x06ff],
  [0x4e00, 0x4e80],
  [0x1f300, 0x1faff],
  [0x202a, 0x202e],
  [0x2066, 0x2069],
  [0x0000, 0x001f],
  [0xd800, 0xdfff],
  [0x2028, 0x2029],
  [0xff10, 0xff5a],
];
const VERBS = [
  'reprocess',
  'status',
  'reprocess request',
  'reprocess package',
  'REPROCESS',
  'Status',
  'rEpRoCeSs',
  'history',
  'help',
  '?',
];
const KNOWN_IDS = [...Object.values(DEMO.assignments), ...Object.values(DEMO.requests)];

/** Random text from wide Unicode ranges: RTL, combining marks, emoji, controls, lone surrogates. */
export function unicodeText(rng: Rng, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) {
    const [lo, hi] = rng.pick(RANGES);
    out += rng.chance(0.05) ? rng.pick(ZERO_WIDTH) : String.fromCodePoint(rng.between(lo, hi));
  }
  return out;
}

/** A GUID in some shape: canonical, braced, upper case, or subtly broken (lookalikes, zero-width, extra text). */
export function guidLike(rng: Rng): string {
  const g = rng.chance(0.2) ? rng.pick(KNOWN_IDS) : randomGuid(rng);
  switch (rng.int(9)) {
    case 0:
      return `{${g}}`;
    case 1:
      return g.toUpperCase();
    case 2:
      return g.replace(/[0-9]/, (d) => String.fromCharCode(0xff10 + Number(d)));
    case 3:
      return g.replace('a', '\u0430');
    case 4:
      return `${g.slice(0, 8)}${rng.pick(ZERO_WIDTH)}${g.slice(8)}`;
    case 5:
      return `${g}${rng.pick(ATTACKS)}`;
    case 6:
      return `${rng.pick(ATTACKS)}${g}`;
    case 7:
      return g.replace(/-/g, '');
    default:
      return g;
  }
}

const FAMILIES: Record<string, (rng: Rng) => string> = {
  unicode: (rng) => unicodeText(rng, rng.between(0, 200)),
  near: (rng) => `${rng.pick(VERBS)} ${rng.pick(ATTACKS)}`,
  guid: (rng) => `${rng.pick(VERBS)} ${guidLike(rng)}`,
  list: (rng) =>
    `reprocess ${Array.from({ length: rng.between(2, 8) }, () => (rng.chance(0.7) ? guidLike(rng) : rng.pick(ATTACKS))).join(rng.pick([' ', ', ', ';', '\n']))}`,
  html: (rng) =>
    rng.pick([
      `<b>reprocess</b> ${guidLike(rng)}`,
      `<p>status ${guidLike(rng)}</p>`,
      `reprocess<br/>${guidLike(rng)}`,
      '<a href="javascript:alert(1)">help</a>',
      `&lt;at&gt;Reprocess&lt;/at&gt; status ${guidLike(rng)}`,
      `<at>Someone Else</at> reprocess ${guidLike(rng)}`,
      '<at>Reprocess',
      '<img src=x onerror=alert(1)>',
    ]),
  mention: (rng) => `<at>Reprocess</at> ${rng.pick(VERBS)} ${rng.chance(0.5) ? guidLike(rng) : rng.pick(ATTACKS)}`,
  space: (rng) =>
    rng.pick(['', ' ', '\n', '\r\n', '\t', '\u00a0', '\u3000', '\n\n\n', '\u0000']) +
    (rng.chance(0.5) ? `${rng.pick(VERBS)}\n${guidLike(rng)}` : ''),
  mixed: (rng) =>
    `${unicodeText(rng, rng.between(0, 10))}${rng.pick(VERBS)}${unicodeText(rng, rng.between(0, 3))} ${guidLike(rng)}${unicodeText(rng, rng.between(0, 10))}`,
};
const FAMILY_NAMES = Object.keys(FAMILIES);

/** One generated message text and the family it came from. */
export interface FuzzText {
  family: string;
  text: string;
}

/** A message text for the fuzz run, sometimes further mangled (case, zero-width chars, null bytes, newlines). */
export function fuzzText(rng: Rng): FuzzText {
  const family = rng.pick(FAMILY_NAMES);
  let text = (FAMILIES[family] as (r: Rng) => string)(rng);
  if (rng.chance(0.1)) text = [...text].map((c) => (rng.chance(0.5) ? c.toUpperCase() : c)).join('');
  if (rng.chance(0.1)) text = text.replace(/ /g, () => rng.pick([' ', '  ', '\n', '\t', ' \u200b']));
  if (rng.chance(0.05)) text = `${text}\u0000${rng.pick(ATTACKS)}`;
  return { family, text };
}

/** A text of about `bytes` UTF-8 bytes: a command followed by a long id list, or Unicode noise. */
export function hugeText(rng: Rng, bytes: number): string {
  const parts: string[] = [rng.pick(['reprocess ', 'status ', '', '<at>Reprocess</at> reprocess '])];
  let size = parts[0]!.length;
  while (size < bytes) {
    const part = rng.chance(0.5) ? `${guidLike(rng)} ` : unicodeText(rng, 50);
    parts.push(part);
    size += Buffer.byteLength(part);
  }
  return parts.join('');
}
