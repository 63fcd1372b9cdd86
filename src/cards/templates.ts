/** Loads the Adaptive Card templates in `cards/` once and expands them with data. */
import * as fs from 'fs';
import * as path from 'path';
import * as ACData from 'adaptivecards-templating';

/** A plain Adaptive Card object; the bot wraps it as an attachment. */
export type AdaptiveCardJson = Record<string, unknown>;

/** Names of the templates in `cards/` (file name without `.json`). */
export type TemplateName =
  | 'outcome'
  | 'action-prompt'
  | 'working'
  | 'help'
  | 'consent'
  | 'error'
  | 'signed-out'
  | 'bulk-confirmation'
  | 'bulk-progress'
  | 'bulk-summary'
  | 'history';

const TEMPLATE_NAMES: readonly TemplateName[] = [
  'outcome',
  'action-prompt',
  'working',
  'help',
  'consent',
  'error',
  'signed-out',
  'bulk-confirmation',
  'bulk-progress',
  'bulk-summary',
  'history',
];

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
    if (parent === dir) {
      throw new Error(`Adaptive Card templates not found: no cards/${MARKER} above ${start}`);
    }
    dir = parent;
  }
}

function loadAll(): ReadonlyMap<TemplateName, ACData.Template> {
  const dir = findCardsDir();
  const loaded = new Map<TemplateName, ACData.Template>();
  for (const name of TEMPLATE_NAMES) {
    const file = path.join(dir, `${name}.json`);
    // Parse errors name the file so a broken template is obvious at the first render.
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

/** Expands the named template with `data` as `$root`; all templates are read on the first call if not loaded yet. */
export function expandTemplate(name: TemplateName, data: object): AdaptiveCardJson {
  templates ??= loadAll();
  const template = templates.get(name);
  if (!template) throw new Error(`Unknown Adaptive Card template: ${name}`);
  return template.expand({ $root: data }) as AdaptiveCardJson;
}
