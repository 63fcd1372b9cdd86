import type { SandboxRequest } from './router';

/** A parsed OData option, or the 400 message Graph would give. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True for the GUID form Graph accepts as an entitlement-management key. */
export function isGuid(id: string): boolean {
  return GUID.test(id);
}

/** `$expand=a,b` checked against the navigation properties of `typeName`. */
export function parseExpand(query: URLSearchParams, allowed: string[], typeName: string): Parsed<Set<string>> {
  const names = (query.get('$expand') ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = names.find((name) => !allowed.includes(name));
  if (unknown) return { ok: false, message: `Could not find a property named '${unknown}' on type 'microsoft.graph.${typeName}'.` };
  return { ok: true, value: new Set(names) };
}

/** `$filter` with `field eq 'value'` clauses joined by `and`, for the fields `fields` maps to item values. */
export function parseFilter<T>(query: URLSearchParams, fields: Record<string, (item: T) => string>): Parsed<(item: T) => boolean> {
  const filter = query.get('$filter')?.trim();
  if (!filter) return { ok: true, value: () => true };
  const tests: ((item: T) => boolean)[] = [];
  for (const clause of filter.split(/\s+and\s+/i)) {
    const match = /^\(?\s*([\w/]+)\s+eq\s+'([^']*)'\s*\)?$/i.exec(clause.trim());
    const read = match ? fields[match[1] ?? ''] : undefined;
    if (!match || !read) return { ok: false, message: `Invalid filter clause: '${clause.trim()}' is not supported. Supported: ${Object.keys(fields).map((f) => `${f} eq '…'`).join(', ')}.` };
    const expected = match[2] ?? '';
    tests.push((item) => read(item) === expected);
  }
  return { ok: true, value: (item) => tests.every((t) => t(item)) };
}

/** `$orderby=createdDateTime [asc|desc]` (the only order the emulator knows), as a comparator or undefined. */
export function parseOrderBy<T extends { createdDateTime: string }>(query: URLSearchParams): Parsed<((a: T, b: T) => number) | undefined> {
  const orderBy = query.get('$orderby')?.trim();
  if (!orderBy) return { ok: true, value: undefined };
  const match = /^createdDateTime(\s+(asc|desc))?$/i.exec(orderBy);
  if (!match) return { ok: false, message: `Invalid $orderby: '${orderBy}'. Supported: createdDateTime asc|desc.` };
  const sign = match[2]?.toLowerCase() === 'desc' ? -1 : 1;
  return { ok: true, value: (a, b) => sign * a.createdDateTime.localeCompare(b.createdDateTime) };
}

/** One page of `items` by `$top` and `$skiptoken`, with an absolute `@odata.nextLink` when more remain. */
export function page<T>(items: T[], req: SandboxRequest, baseUrl: string, defaultTop = 100): Parsed<{ value: T[]; nextLink?: string }> {
  const top = Number(req.query.get('$top') ?? defaultTop);
  if (!Number.isInteger(top) || top < 1 || top > 999) return { ok: false, message: `Invalid value for $top: '${req.query.get('$top') ?? ''}'.` };
  const offset = readSkipToken(req.query.get('$skiptoken'));
  if (offset === undefined) return { ok: false, message: 'The $skiptoken is invalid or has expired.' };
  const value = items.slice(offset, offset + top);
  if (offset + top >= items.length) return { ok: true, value: { value } };
  const params = [...req.query.entries()].filter(([key]) => key !== '$skiptoken');
  params.push(['$skiptoken', Buffer.from(JSON.stringify({ offset: offset + top })).toString('base64url')]);
  const search = params.map(([key, v]) => `${key}=${encodeURIComponent(v)}`).join('&');
  return { ok: true, value: { value, nextLink: `${baseUrl}${req.path}?${search}` } };
}

function readSkipToken(token: string | null): number | undefined {
  if (token === null) return 0;
  try {
    const offset = (JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { offset?: unknown }).offset;
    return typeof offset === 'number' && Number.isInteger(offset) && offset >= 0 ? offset : undefined;
  } catch {
    return undefined;
  }
}
