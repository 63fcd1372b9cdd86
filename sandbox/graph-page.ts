import type { SandboxRequest } from './router';
import type { Parsed } from './graph-query';

/**
 * One server-driven page of `items` (`pageSize` of them) with an absolute `@odata.nextLink` carrying a
 * `$skiptoken` when more remain. No entitlement list page documents `$top`; clients follow nextLink.
 */
export function page<T>(
  items: T[],
  req: SandboxRequest,
  baseUrl: string,
  pageSize: number,
): Parsed<{ value: T[]; nextLink?: string }> {
  const offset = readSkipToken(req.query.get('$skiptoken'));
  if (offset === undefined) return { ok: false, message: 'The $skiptoken is invalid or has expired.' };
  const value = items.slice(offset, offset + pageSize);
  if (offset + pageSize >= items.length) return { ok: true, value: { value } };
  const params = [...req.query.entries()].filter(([key]) => key !== '$skiptoken');
  params.push(['$skiptoken', Buffer.from(JSON.stringify({ offset: offset + pageSize })).toString('base64url')]);
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

/** `$select`: the listed properties of an entity, plus `id` (always returned) and what `$expand` asked for. */
export function project(
  entity: Record<string, unknown>,
  query: { select?: string[]; expand?: Set<string> },
): Record<string, unknown> {
  const { select } = query;
  if (!select) return entity;
  const keep = new Set(['id', ...select, ...(query.expand ?? [])]);
  return Object.fromEntries(Object.entries(entity).filter(([key]) => keep.has(key) || key.startsWith('@odata.')));
}

/** Graph's 400 for a `$select` naming a property the entity does not have (judged on an entity of the answer). */
export function unknownSelect(
  entity: Record<string, unknown> | undefined,
  query: { select?: string[] },
  typeName: string,
): string | undefined {
  const unknown = entity && query.select?.find((name) => !(name in entity));
  return unknown ? `Could not find a property named '${unknown}' on type 'microsoft.graph.${typeName}'.` : undefined;
}
