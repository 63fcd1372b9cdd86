import { MAX_PACKAGE_PAGES, odataString, packageSearchQuery, readPackages } from '../../src/graph/packages';
import type { PageCall } from '../../src/graph/bulk';

describe('the access-package name search', () => {
  it('doubles a quote inside an OData string literal, so the name stays one literal', () => {
    expect(odataString("O'Brien's")).toBe("'O''Brien''s'");
    expect(odataString("'; $top=1 or '")).toBe("'''; $top=1 or '''");
  });

  it('lower-cases the name for contains(tolower(displayName), …) and percent-encodes the filter', () => {
    const query = packageSearchQuery("Sales & O'Brien #1");
    expect(query).toBe(
      `$filter=${encodeURIComponent("contains(tolower(displayName),'sales & o''brien #1')")}&$select=id,displayName`,
    );
    expect(new URLSearchParams(query).get('$filter')).toBe("contains(tolower(displayName),'sales & o''brien #1')");
  });

  it(`follows @odata.nextLink for at most ${MAX_PACKAGE_PAGES} pages and says when more were left`, async () => {
    const asked: string[] = [];
    const endless: PageCall = async (path) => {
      asked.push(path);
      const n = asked.length;
      return {
        ok: true,
        value: { items: [{ id: `p${n}`, displayName: `Package ${n}` }, { displayName: 'no id' }], next: `next-${n}` },
        ids: { clientRequestId: `c${n}` },
      };
    };
    const read = await readPackages('first', endless);
    expect(asked).toEqual(['first', 'next-1', 'next-2', 'next-3', 'next-4']);
    expect(read).toEqual({
      ok: true,
      value: { packages: [1, 2, 3, 4, 5].map((n) => ({ id: `p${n}`, displayName: `Package ${n}` })), truncated: true },
      ids: { clientRequestId: 'c5' },
    });
  });

  it('stops at the last page, and returns a failed page as it is', async () => {
    const pages: PageCall = async (path) =>
      path === 'first'
        ? { ok: true, value: { items: [{ id: 'a' }], next: 'second' }, ids: { clientRequestId: '1' } }
        : {
            ok: false,
            failure: { status: 429, code: 'TooManyRequests', retryAfterSeconds: 3 },
            ids: { clientRequestId: '2', requestId: 'r2' },
          };
    expect(await readPackages('first', pages)).toEqual({
      ok: false,
      failure: { status: 429, code: 'TooManyRequests', retryAfterSeconds: 3 },
      ids: { clientRequestId: '2', requestId: 'r2' },
    });
    const last: PageCall = async () => ({
      ok: true,
      value: { items: [{ id: 'a', displayName: 'A' }] },
      ids: { clientRequestId: '1' },
    });
    expect(await readPackages('first', last)).toMatchObject({
      ok: true,
      value: { packages: [{ id: 'a', displayName: 'A' }], truncated: false },
    });
  });
});
