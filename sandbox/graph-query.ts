/** A parsed OData option, or the 400 message Graph would give. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True for the GUID form Graph accepts as an entitlement-management key. */
export function isGuid(id: string): boolean {
  return GUID.test(id);
}

/**
 * A property a list page documents for `$filter`. `enum` literals match case-insensitively (the API pages' own
 * examples write `state eq 'Delivered'` against the CSDL's lower-camel `delivered`); `string` is exact, `eq`
 * plus the `contains` forms named in `functions`; `dateTime` takes `eq/gt/ge/lt/le` and an unquoted literal.
 */
export type FilterField<T> =
  | { kind: 'enum' | 'guid'; read: (item: T) => string }
  | { kind: 'string'; read: (item: T) => string; functions?: ('contains' | 'containsToLower')[] }
  | { kind: 'dateTime'; read: (item: T) => string };

/** What one route documents: its query options, navigation properties and `$filter` properties. */
export interface QuerySpec<T> {
  typeName: string;
  /** Documented system query options besides `$skiptoken` (the emulator's own paging token). */
  options: ('$filter' | '$expand' | '$select')[];
  expand?: string[];
  /** Filterable property paths, keyed in lower case (OData property names are matched case-insensitively here). */
  filter?: Record<string, FilterField<T>>;
}

/** The parsed query of one call. */
export interface Query<T> {
  expand: Set<string>;
  filter: (item: T) => boolean;
  /** Lower-case property paths the filter constrains with `eq` (e.g. `accesspackage/id`), and their literals. */
  equals: Map<string, string>;
  select?: string[];
}

const OPTION_NAMES: Record<string, string> = {
  $filter: 'Filter',
  $expand: 'Expand',
  $select: 'Select',
  $top: 'Top',
  $skip: 'Skip',
  $orderby: 'OrderBy',
  $count: 'Count',
  $search: 'Search',
  $format: 'Format',
  $apply: 'Apply',
  $compute: 'Compute',
};

/**
 * Parses the query against `spec`. A system query option the page does not document is refused with ASP.NET
 * OData's own 400 wording ("Query option 'Top' is not allowed."), so a caller leaning on `$top` or `$orderby` —
 * which Graph may refuse or silently ignore — fails here.
 */
export function parseQuery<T>(query: URLSearchParams, spec: QuerySpec<T>): Parsed<Query<T>> {
  for (const key of new Set(query.keys())) {
    if (!key.startsWith('$') || key === '$skiptoken' || (spec.options as string[]).includes(key)) continue;
    const name = OPTION_NAMES[key.toLowerCase()] ?? key.slice(1);
    return fail(
      `The query specified in the URI is not valid. Query option '${name}' is not allowed. To allow it, set the 'AllowedQueryOptions' property on EnableQueryAttribute or QueryValidationSettings.`,
    );
  }
  const expand = parseExpand(query, spec.expand ?? [], spec.typeName);
  if (!expand.ok) return expand;
  const filter = parseFilter(query.get('$filter')?.trim() ?? '', spec.filter ?? {}, spec.typeName);
  if (!filter.ok) return filter;
  const select = query
    .get('$select')
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return {
    ok: true,
    value: {
      expand: expand.value,
      filter: filter.value.test,
      equals: filter.value.equals,
      ...(select ? { select } : {}),
    },
  };
}

function parseExpand(query: URLSearchParams, allowed: string[], typeName: string): Parsed<Set<string>> {
  const names = (query.get('$expand') ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = names.find((name) => !allowed.includes(name));
  if (unknown) return fail(`Could not find a property named '${unknown}' on type 'microsoft.graph.${typeName}'.`);
  return { ok: true, value: new Set(names) };
}

type Clause<T> = { test: (item: T) => boolean; equals?: [string, string] };

/** `$filter`: clauses joined by `and`, each optionally in parentheses, over the documented properties only. */
function parseFilter<T>(
  filter: string,
  fields: Record<string, FilterField<T>>,
  typeName: string,
): Parsed<{ test: (item: T) => boolean; equals: Map<string, string> }> {
  const equals = new Map<string, string>();
  if (!filter) return { ok: true, value: { test: () => true, equals } };
  const tests: ((item: T) => boolean)[] = [];
  for (const raw of splitAnd(filter)) {
    const clause = parseClause(
      raw
        .trim()
        .replace(/^\((.*)\)$/s, '$1')
        .trim(),
      fields,
    );
    if (!clause) {
      const documented = Object.keys(fields).join(', ') || 'none';
      return fail(
        `Invalid filter clause: '${raw.trim()}' is not supported on type 'microsoft.graph.${typeName}' (filterable: ${documented}).`,
      );
    }
    tests.push(clause.test);
    if (clause.equals) equals.set(...clause.equals);
  }
  return { ok: true, value: { test: (item) => tests.every((t) => t(item)), equals } };
}

/** Splits on `and` outside quoted literals (`displayName eq 'Sales and Marketing'` is one clause). */
function splitAnd(filter: string): string[] {
  const clauses: string[] = [];
  let start = 0;
  let quoted = false;
  for (let i = 0; i < filter.length; i++) {
    if (filter[i] === "'") quoted = !quoted;
    const and = quoted ? null : /^\s+and\s+/i.exec(filter.slice(i));
    if (and && i > start) {
      clauses.push(filter.slice(start, i));
      start = i + and[0].length;
      i = start - 1;
    }
  }
  return [...clauses, filter.slice(start)];
}

function parseClause<T>(clause: string, fields: Record<string, FilterField<T>>): Clause<T> | undefined {
  const fn = /^contains\(\s*(tolower\(\s*([\w/]+)\s*\)|([\w/]+))\s*,\s*'((?:[^']|'')*)'\s*\)$/i.exec(clause);
  if (fn) {
    const field = fields[(fn[2] ?? fn[3] ?? '').toLowerCase()];
    const lowered = fn[2] !== undefined;
    if (field?.kind !== 'string' || !field.functions?.includes(lowered ? 'containsToLower' : 'contains'))
      return undefined;
    const needle = unquote(fn[4] ?? '');
    return { test: (item) => (lowered ? field.read(item).toLowerCase() : field.read(item)).includes(needle) };
  }
  const cmp = /^([\w/]+)\s+(eq|gt|ge|lt|le)\s+('((?:[^']|'')*)'|[\d:.TZ+-]+)$/i.exec(clause);
  const field = cmp ? fields[(cmp[1] ?? '').toLowerCase()] : undefined;
  if (!cmp || !field) return undefined;
  const op = (cmp[2] ?? '').toLowerCase();
  const quoted = cmp[4] !== undefined;
  if (field.kind === 'dateTime') return quoted ? undefined : dateClause(field.read, op, cmp[3] ?? '');
  if (!quoted || op !== 'eq') return undefined;
  const literal = unquote(cmp[4] ?? '');
  const path = (cmp[1] ?? '').toLowerCase();
  if (field.kind === 'string') return { test: (item) => field.read(item) === literal, equals: [path, literal] };
  return {
    test: (item) => field.read(item).toLowerCase() === literal.toLowerCase(),
    equals: [path, literal.toLowerCase()],
  };
}

function dateClause<T>(read: (item: T) => string, op: string, literal: string): Clause<T> | undefined {
  const at = Date.parse(literal);
  if (Number.isNaN(at)) return undefined;
  const compare: Record<string, (a: number) => boolean> = {
    eq: (a) => a === at,
    gt: (a) => a > at,
    ge: (a) => a >= at,
    lt: (a) => a < at,
    le: (a) => a <= at,
  };
  const test = compare[op];
  return test && { test: (item) => test(Date.parse(read(item))) };
}

const unquote = (text: string) => text.replace(/''/g, "'");
const fail = (message: string): { ok: false; message: string } => ({ ok: false, message });
