// Ids in a Graph path (GUIDs, and key literals like `('…')`) make every request a different name; they are
// replaced so requests group by operation, and the query string (which carries ids in `$filter`) is dropped.
const GUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const KEY_LITERAL = /\('[^']*'\)/g;
const OTHER_ID = /\/[^/]*\d[^/]*(?=\/|$)/g;

/** `/identityGovernance/…/assignments/<guid>/reprocess?$x=…` -> `/identityGovernance/…/assignments/{id}/reprocess`. */
export function routeTemplate(path: string): string {
  const bare = path.split('?')[0] ?? '';
  return bare.replace(GUID, '{id}').replace(KEY_LITERAL, "('{id}')").replace(OTHER_ID, '/{id}');
}
