import * as fs from 'fs';
import * as path from 'path';

// DESIGN.md's layering: arrows point down, no import cycles, and Teams framework code only in src/bot/.
const SRC = path.resolve(__dirname, '../../src');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? sourceFiles(full) : e.name.endsWith('.ts') ? [full] : [];
  });
}

const files = sourceFiles(SRC);
const rel = (file: string) => path.relative(SRC, file).replace(/\\/g, '/');

/** Every import and re-export of a file: relative ones resolved to files under src/, packages by name. */
function importsOf(file: string): { local: string[]; packages: string[] } {
  const text = fs.readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/(?:^|\n)\s*(?:import|export)[^'"]*?from\s+'([^']+)'|import\('([^']+)'\)/g)].map(
    (m) => m[1] ?? m[2]!,
  );
  const local: string[] = [];
  const packages: string[] = [];
  for (const s of specifiers) {
    if (!s.startsWith('.')) packages.push(s);
    else {
      const base = path.resolve(path.dirname(file), s);
      const target = [`${base}.ts`, path.join(base, 'index.ts')].find((f) => fs.existsSync(f));
      if (target) local.push(rel(target));
    }
  }
  return { local, packages };
}

const graph = new Map(files.map((f) => [rel(f), importsOf(f)]));

test('src/ has no import cycles', () => {
  const cycles: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (node: string, trail: string[]): void => {
    if (state.get(node) === 'done') return;
    if (state.get(node) === 'visiting') {
      cycles.push([...trail.slice(trail.indexOf(node)), node].join(' -> '));
      return;
    }
    state.set(node, 'visiting');
    for (const next of graph.get(node)?.local ?? []) visit(next, [...trail, node]);
    state.set(node, 'done');
  };
  for (const node of graph.keys()) visit(node, []);
  expect(cycles).toEqual([]);
});

test('nothing outside src/bot/ (but index.ts and server.ts) imports src/bot/', () => {
  const offenders = [...graph].filter(
    ([file, i]) =>
      !file.startsWith('bot/') &&
      !['index.ts', 'server.ts'].includes(file) &&
      i.local.some((t) => t.startsWith('bot/')),
  );
  expect(offenders.map(([file]) => file)).toEqual([]);
});

test('botbuilder and teams-ai are imported only in src/bot/', () => {
  const framework = /^(botbuilder|botframework-|@microsoft\/teams-ai)/;
  const offenders = [...graph].filter(
    ([file, i]) => !file.startsWith('bot/') && i.packages.some((p) => framework.test(p)),
  );
  expect(offenders.map(([file]) => file)).toEqual([]);
});

test('lower layers never import higher ones (storage, graph < auth < services < cards < bot)', () => {
  const rank = (file: string) =>
    ['storage/', 'graph/', 'auth/', 'services/', 'cards/', 'bot/'].findIndex((p) => file.startsWith(p));
  const upward = [...graph].flatMap(([file, i]) =>
    i.local
      .filter((t) => rank(file) >= 0 && rank(t) > rank(file) && !(rank(file) <= 1 && rank(t) <= 1))
      .map((t) => `${file} -> ${t}`),
  );
  expect(upward).toEqual([]);
});

test('src/cards/ holds at most 12 modules', () => {
  expect(files.filter((f) => rel(f).startsWith('cards/')).length).toBeLessThanOrEqual(12);
});
