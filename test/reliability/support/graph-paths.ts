import type { GraphCallRecord } from '../../../sandbox/graph';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const COLLECTIONS = new Set([
  'assignments',
  'assignmentRequests',
  'accessPackageAssignments',
  'accessPackageAssignmentRequests',
]);
const ENTITY = /^\/(?:v1\.0|beta)\/identityGovernance\/entitlementManagement\/([^/]+)(?:\/([^/]+)(?:\/([^/]+))?)?$/;
// Literals the bot itself puts in $filter: states, in either version's spelling.
const STATE_LITERALS = new Set(['delivered', 'Delivered']);
// `reprocess package <name>` is the one call that carries typed text: the whole name as ONE OData literal
// (quotes doubled), in the documented search and nothing else.
const NAME_SEARCH =
  /^\$filter=contains\(tolower\(displayName\),'(?:[^']|'')*'\)&\$select=id,displayName(?:&\$skiptoken=[\w-]+)?$/;

/**
 * Why a Graph call the bot made could carry user input other than a GUID; undefined when it is clean. The only
 * allowed shapes are `$batch` and `…/entitlementManagement/<collection>[/<GUID>[/reprocess]]`, and every quoted
 * literal in the query must be a GUID or a state the bot filters on.
 */
export function nonGuidCall(call: GraphCallRecord): string | undefined {
  if (/^\/(?:v1\.0|beta)\/\$batch$/.test(call.path)) return undefined;
  const m = ENTITY.exec(call.path);
  if (!m) return `unexpected path ${call.method} ${call.path}`;
  const [, collection = '', id, action] = m;
  if (collection === 'accessPackages' && call.method === 'GET' && id === undefined && NAME_SEARCH.test(call.query))
    return undefined;
  if (!COLLECTIONS.has(collection)) return `unexpected collection in ${call.path}`;
  if (id !== undefined && !GUID.test(decode(id))) return `non-GUID id in ${call.method} ${call.path}`;
  if (action !== undefined && action !== 'reprocess') return `unexpected action in ${call.path}`;
  const literals = [...call.query.matchAll(/'([^']*)'/g)].map((q) => q[1] ?? '');
  const bad = literals.find((l) => !GUID.test(l) && !STATE_LITERALS.has(l));
  if (bad !== undefined) return `non-GUID literal '${bad}' in ${call.path}?${call.query}`;
  // An odd number of quotes means something broke out of a literal.
  if ((call.query.match(/'/g) ?? []).length % 2 !== 0) return `unbalanced quote in ${call.path}?${call.query}`;
  return undefined;
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
