/**
 * Readers of what a rendered Adaptive Card shows (title, texts, facts, buttons), for unit and end-to-end tests, and
 * the Adaptive Cards of what the bot sent. Assertions go through these, never through substrings of the card's JSON.
 * (The checks every card must pass, which need the adaptivecards library, are in card-checks.ts.)
 */
import type { AdaptiveCardJson } from '../../src/cards/templates';

/** Any JSON object inside a card. */
export type Obj = Record<string, unknown>;

/** Every object in `n` (arrays looked through), parents before their children. */
export const nodes = (n: unknown): Obj[] =>
  Array.isArray(n)
    ? n.flatMap(nodes)
    : n && typeof n === 'object'
      ? [n as Obj, ...Object.values(n).flatMap(nodes)]
      : [];

const textOf = (card: AdaptiveCardJson, types: readonly string[]): string[] =>
  nodes(card.body)
    .filter((n) => types.includes(String(n.type)))
    .map((n) => String(n.text));

/** The card's TextBlocks, in order. */
export const texts = (card: AdaptiveCardJson): string[] => textOf(card, ['TextBlock']);

/** The card's TextBlocks, one a line. */
export const joinedTexts = (card: AdaptiveCardJson): string => texts(card).join('\n');

/** The card's TextBlocks and TextRuns, one a line. */
export const joinedTextsAndRuns = (card: AdaptiveCardJson): string => textOf(card, ['TextBlock', 'TextRun']).join('\n');

/** The card's FactSet rows, `{ title, value }`, in order. */
export const factRows = (card: AdaptiveCardJson): Obj[] =>
  nodes(card.body).flatMap((n) => (n.type === 'FactSet' ? (n.facts as Obj[]) : []));

/** The card's facts as title → value. */
export const facts = (card: AdaptiveCardJson): Record<string, string> =>
  Object.fromEntries(factRows(card).map((f) => [f.title, f.value]));

/** The first body element: the header container. */
export const header = (card: AdaptiveCardJson): Obj => ((card.body ?? []) as Obj[])[0] ?? {};

/** The card's title: the first TextBlock (the header's). */
export const titleOf = (card: AdaptiveCardJson): string => texts(card)[0] ?? '';

/** The card's Action.Execute and Action.OpenUrl buttons as `{ title, verb?, url?, data? }`, in order. */
export const actionsOf = (
  card: AdaptiveCardJson,
): { title: string; verb?: string; url?: string; data?: Record<string, unknown> }[] =>
  ((card.actions ?? []) as Obj[]).map((a) => ({
    title: String(a.title),
    ...(a.verb !== undefined ? { verb: String(a.verb) } : {}),
    ...(a.url !== undefined ? { url: String(a.url) } : {}),
    ...(a.data !== undefined ? { data: a.data as Record<string, unknown> } : {}),
  }));

/** The button with `verb`, or undefined. */
export const actionWith = (card: AdaptiveCardJson, verb: string) => actionsOf(card).find((a) => a.verb === verb);

/** The header's container style. */
export const tone = (card: AdaptiveCardJson): unknown => header(card).style;

const buttonsBy = (card: AdaptiveCardJson, lead: 'title' | 'type'): string[] =>
  ((card.actions ?? []) as Obj[]).map((a) => `${String(a[lead])}:${String(a.verb ?? a.url)}`);

/** Each button as "Title:verb", or "Title:url" for a link. */
export const titledButtons = (card: AdaptiveCardJson): string[] => buttonsBy(card, 'title');

/** Each button as "Action.Execute:verb" or "Action.OpenUrl:url". */
export const typedButtons = (card: AdaptiveCardJson): string[] => buttonsBy(card, 'type');

/** Everything a reader sees on a card, one a line: texts, text runs, facts as "title: value", and button titles. */
export const visibleText = (card: AdaptiveCardJson): string =>
  [
    ...textOf(card, ['TextBlock', 'TextRun']),
    ...factRows(card).map((f) => `${String(f.title)}: ${String(f.value)}`),
    ...actionsOf(card).map((a) => a.title),
  ].join('\n');

const ADAPTIVE = 'application/vnd.microsoft.card.adaptive';

/** The Adaptive Cards attached to an activity the bot sent. */
export const cardsOf = (activity: { attachments?: { contentType: string; content: unknown }[] }): AdaptiveCardJson[] =>
  (activity.attachments ?? []).filter((a) => a.contentType === ADAPTIVE).map((a) => a.content as AdaptiveCardJson);

/** The first Adaptive Card of a message the bot sent to the connector ({} when it has none). */
export const cardIn = (call: {
  activity: { attachments?: { contentType: string; content: unknown }[] };
}): AdaptiveCardJson => cardsOf(call.activity)[0] ?? {};

/** A connector-message predicate: its card's title is `title` (or matches it). */
export const titled =
  (title: string | RegExp) =>
  (call: Parameters<typeof cardIn>[0]): boolean => {
    const actual = titleOf(cardIn(call));
    return typeof title === 'string' ? actual === title : title.test(actual);
  };

/** The card of an Action.Execute invoke answer (HTTP 200, `statusCode` 200, an Adaptive Card), or undefined. */
export function invokeCard(answer: { status: number; body: unknown }): AdaptiveCardJson | undefined {
  const body = answer.body as { statusCode?: number; type?: string; value?: unknown } | undefined;
  if (answer.status !== 200 || body?.type !== ADAPTIVE || body.statusCode !== 200) return undefined;
  return body.value as AdaptiveCardJson;
}

/** The `jobId` the card's button with `verb` carries ('' when there is no such button). */
export const jobIdOf = (card: AdaptiveCardJson, verb: string): string =>
  String(actionWith(card, verb)?.data?.jobId ?? '');
