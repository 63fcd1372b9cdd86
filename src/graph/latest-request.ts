import type { PageCall } from './bulk';
import { toRequestView } from './map';
import type { GraphResult, RequestView } from './types';

/**
 * Pages read at most to find an assignment's latest request. Graph documents no `$top` and no order for this
 * list, so every page of the package's requests has to be read; a package with more history than this shows the
 * latest request among the pages read.
 */
export const MAX_REQUEST_PAGES = 10;

/**
 * The most recent request of `assignmentId`, from the requests of its access package (the only documented way,
 * and the only one a catalog-scoped admin may use): each page is matched on the expanded assignment's id and
 * ordered client-side by `createdDateTime`.
 */
export async function latestRequest(
  firstPath: string,
  assignmentId: string,
  get: PageCall,
): Promise<GraphResult<RequestView | undefined>> {
  let latest: RequestView | undefined;
  let next: string | undefined = firstPath;
  let ids = { clientRequestId: '' } as Extract<GraphResult<unknown>, { ok: true }>['ids'];
  for (let pages = 0; next && pages < MAX_REQUEST_PAGES; pages++) {
    const page = await get(next);
    if (!page.ok) return page;
    ids = page.ids;
    for (const item of page.value.items) {
      const request = toRequestView(item);
      if (request.assignmentId?.toLowerCase() === assignmentId.toLowerCase() && isLater(request, latest))
        latest = request;
    }
    next = page.value.next;
  }
  return { ok: true, value: latest, ids };
}

function isLater(candidate: RequestView, current: RequestView | undefined): boolean {
  if (!current) return true;
  return Date.parse(candidate.createdAt ?? '') > Date.parse(current.createdAt ?? '');
}
