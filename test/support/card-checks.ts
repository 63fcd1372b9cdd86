/** The checks every rendered card must pass: the adaptivecards library parses and validates it, and it is tidy. */
import * as AC from 'adaptivecards';
import type { AdaptiveCardJson } from '../../src/cards/templates';
import { nodes, type Obj } from './cards';

/** Every placeholder is filled, and nothing matching `leak` ("undefined" or "null" unless said) reached the card. */
export function expectFilled(card: AdaptiveCardJson, leak: RegExp = /undefined|null/): void {
  const text = JSON.stringify(card);
  expect(text).not.toContain('${');
  expect(text).not.toMatch(leak);
}

/** The adaptivecards library's parse and validation messages for a card; none for a valid one. */
export function libraryErrors(json: AdaptiveCardJson): string[] {
  const card = new AC.AdaptiveCard();
  const context = new AC.SerializationContext();
  card.parse(json, context);
  const parseEvents = Array.from({ length: context.eventCount }, (_, i) => context.getEventAt(i).message);
  return [...parseEvents, ...card.validateProperties().validationEvents.map((e) => e.message)];
}

/** The `$schema` every card template names. */
export const CARD_SCHEMA = 'http://adaptivecards.io/schemas/adaptive-card.json';

/** An Adaptive Card 1.5 (naming its schema unless `schema` is false) that the library parses and validates cleanly. */
export function expectValidCard(card: AdaptiveCardJson, { schema = true } = {}): void {
  expect(card).toMatchObject({ type: 'AdaptiveCard', version: '1.5', ...(schema ? { $schema: CARD_SCHEMA } : {}) });
  expect(libraryErrors(card)).toEqual([]);
}

/** What `expectTidy` checks besides the verbs. */
export interface TidyOptions {
  /** Further checks of each Action.Execute, such as its data. */
  action?: (obj: Obj) => void;
  /** Element types whose text must not be blank. */
  textTypes?: readonly string[];
  /** Whether fact titles, not only values, must be non-blank strings. */
  factTitles?: boolean;
}

function expectFactsFilled(rows: unknown, titles: boolean): void {
  expect(rows).not.toHaveLength(0);
  for (const f of rows as Obj[]) {
    if (titles) expect(typeof f.title === 'string' && f.title.trim() !== '').toBe(true);
    expect(typeof f.value === 'string' && f.value.trim() !== '').toBe(true);
  }
}

/** Only `verbs` on Action.Execute, no blank text, no empty FactSet or blank fact, and no exclamation marks. */
export function expectTidy(card: AdaptiveCardJson, verbs: readonly string[], options: TidyOptions = {}): void {
  const { action, textTypes = ['TextBlock', 'TextRun'], factTitles = true } = options;
  for (const obj of nodes(card)) {
    if (obj.type === 'Action.Execute') {
      expect(verbs).toContain(obj.verb);
      action?.(obj);
    }
    if (textTypes.includes(String(obj.type))) expect(String(obj.text).trim()).not.toBe('');
    // Admin-grade wording: nothing shouts.
    if (obj.type === 'TextBlock') expect(obj.text).not.toContain('!');
    if (obj.type === 'FactSet') expectFactsFilled(obj.facts, factTitles);
  }
}
