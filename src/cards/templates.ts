/** The Adaptive Card templates in `cards/`, loaded once, and the Action.Execute verbs their buttons carry. */
import * as fs from 'fs';
import * as path from 'path';
import * as ACData from 'adaptivecards-templating';

/** A plain Adaptive Card object; the bot wraps it as an attachment. */
export type AdaptiveCardJson = Record<string, unknown>;

/**
 * Action.Execute verbs: the one list used by the bot's click handler, the tests and `cards/*.json` (every
 * template gets them as `${verbs.…}`).
 */
export const Verbs = {
  reprocess: 'reprocess',
  status: 'status',
  reprocessRequest: 'reprocessRequest',
  bulkPackage: 'bulkPackage',
  bulkConfirm: 'bulkConfirm',
  bulkCancel: 'bulkCancel',
  bulkResume: 'bulkResume',
  bulkRetryFailed: 'bulkRetryFailed',
} as const;

/** One of {@link Verbs}. */
export type Verb = (typeof Verbs)[keyof typeof Verbs];

const TEMPLATE_NAMES = [
  'outcome',
  'prompt',
  'working',
  'help',
  'consent',
  'notice',
  'bulk-confirmation',
  'bulk-progress',
  'bulk-summary',
  'history',
  'package-choice',
] as const;

/** Names of the templates in `cards/` (file name without `.json`). */
export type TemplateName = (typeof TEMPLATE_NAMES)[number];

// The marker file tells the real cards folder apart from `src/cards` and `dist/src/cards`.
const MARKER = 'help.json';

let templates: ReadonlyMap<TemplateName, ACData.Template> | undefined;

/** Finds the `cards` folder by walking up from `start`; works from `src/cards` and compiled `dist/src/cards`. */
export function findCardsDir(start: string = __dirname): string {
  let dir = path.resolve(start);
  for (;;) {
    const candidate = path.join(dir, 'cards');
    if (fs.existsSync(path.join(candidate, MARKER))) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`Adaptive Card templates not found: no cards/${MARKER} above ${start}`);
    dir = parent;
  }
}

function loadAll(): ReadonlyMap<TemplateName, ACData.Template> {
  const dir = findCardsDir();
  const loaded = new Map<TemplateName, ACData.Template>();
  for (const name of TEMPLATE_NAMES) {
    const file = path.join(dir, `${name}.json`);
    // Parse errors name the file so a broken template is obvious at startup.
    try {
      loaded.set(name, new ACData.Template(JSON.parse(fs.readFileSync(file, 'utf8'))));
    } catch (err) {
      throw new Error(`Cannot load Adaptive Card template ${file}: ${(err as Error).message}`, { cause: err });
    }
  }
  return loaded;
}

/**
 * Reads and parses every template now (~70–300 ms: the templating engine parses each expression), so the bot
 * pays it at startup rather than on the first user's card. Idempotent.
 */
export function loadTemplates(): void {
  templates ??= loadAll();
}

/** True once the templates are loaded (readiness). */
export function templatesLoaded(): boolean {
  return templates !== undefined;
}

/** Expands the named template with `data` (plus {@link Verbs} as `verbs`) as `$root`. */
export function expandTemplate(name: TemplateName, data: object): AdaptiveCardJson {
  templates ??= loadAll();
  const template = templates.get(name);
  if (!template) throw new Error(`Unknown Adaptive Card template: ${name}`);
  return template.expand({ $root: { ...data, verbs: Verbs } }) as AdaptiveCardJson;
}
