import { DEMO } from '../../sandbox/graph-data';
import { errorOf, GraphFixture, valueOf } from './sandbox-graph-client';

// One test per contract rule of the Graph emulator; the rule's source is cited next to it in sandbox/.
const A = DEMO.assignments;
const R = DEMO.requests;
const P = DEMO.accessPackages;
const { admin, manager, reader, grady } = DEMO.users;
const V1 = '/v1.0/identityGovernance/entitlementManagement';
const BETA = '/beta/identityGovernance/entitlementManagement';

let g: GraphFixture;
beforeAll(async () => {
  g = await GraphFixture.start({ pageSize: 4 }, [grady.oid]);
});
afterAll(() => g.stop());
beforeEach(() => {
  g.graph.clearInjections();
  g.graph.setBatchThrottleStatus(200);
});

describe('only documented query options', () => {
  it.each([
    ['$top on assignments', `${V1}/assignments?$top=5`, 'Top'],
    ['$orderby on requests', `${V1}/assignmentRequests?$orderby=createdDateTime desc`, 'OrderBy'],
    ['$skip on assignments', `${V1}/assignments?$skip=2`, 'Skip'],
    ['$count on accessPackages', `${V1}/accessPackages?$count=true`, 'Count'],
    ['$expand on the accessPackages list', `${V1}/accessPackages?$expand=catalog`, 'Expand'],
  ])('%s is refused with 400 naming the option', async (_name, path, option) => {
    const answer = await g.call('GET', path);
    expect([answer.status, errorOf(answer).code]).toEqual([400, 'BadRequest']);
    expect(errorOf(answer).message).toContain(`'${option}' is not allowed`);
  });

  it.each([
    ['requests by assignment/id', `${V1}/assignmentRequests?$filter=assignment/id eq '${A.deliveryFailed}'`],
    ['requests by requestType', `${V1}/assignmentRequests?$filter=requestType eq 'adminAdd'`],
    ['assignments by status', `${V1}/assignments?$filter=status eq 'Delivered'`],
    ['accessPackages by startswith', `${V1}/accessPackages?$filter=startswith(displayName,'Sales')`],
    ['a beta name on v1.0', `${V1}/assignments?$filter=assignmentState eq 'Delivered'`],
    ['a v1.0 name on beta', `${BETA}/accessPackageAssignments?$filter=state eq 'delivered'`],
    ['an `or`', `${V1}/assignments?$filter=state eq 'delivered' or state eq 'expired'`],
  ])('a $filter on %s is refused with 400', async (_name, path) => {
    expect((await g.call('GET', path)).status).toBe(400);
  });

  it('$select returns the named properties, id and the expanded ones; an unknown property is a 400', async () => {
    const answer = await g.call(
      'GET',
      `${V1}/assignmentRequests?$filter=accessPackage/id eq '${P.finance}'&$select=id,state,createdDateTime&$expand=assignment`,
    );
    const first = valueOf<Record<string, unknown>>(answer)[0] ?? {};
    expect(Object.keys(first).sort()).toEqual(['assignment', 'createdDateTime', 'id', 'state']);
    expect((await g.call('GET', `${V1}/assignments/${A.delivered}?$select=id,colour`)).status).toBe(400);
  });

  it('a navigation property the page does not document is refused in $expand (beta spells it accessPackageAssignment)', async () => {
    expect((await g.call('GET', `${V1}/assignmentRequests?$expand=accessPackageAssignment`)).status).toBe(400);
    expect((await g.call('GET', `${BETA}/accessPackageAssignmentRequests?$expand=assignment`)).status).toBe(400);
  });
});

describe('filters', () => {
  it("enum literals match case-insensitively: the docs' own 'Delivered' equals the CSDL's 'delivered'", async () => {
    const lower = valueOf(
      await g.call('GET', `${V1}/assignments?$filter=accessPackage/id eq '${P.sales}' and state eq 'delivered'`),
    );
    const pascal = valueOf(
      await g.call('GET', `${V1}/assignments?$filter=(accessPackage/id eq '${P.sales}') and (state eq 'Delivered')`),
    );
    expect(pascal.map((a) => a.id).sort()).toEqual(lower.map((a) => a.id).sort());
    expect(lower.map((a) => a.id).sort()).toEqual([A.delivered, A.deliveredSales].sort());
  });

  it('requests filter on createdDateTime (gt, unquoted) as the list page shows', async () => {
    const since = new Date(Date.now() - 10 * 24 * 60 * 60_000).toISOString();
    const ids = valueOf(await g.call('GET', `${V1}/assignmentRequests?$filter=createdDateTime gt ${since}`)).map(
      (r) => r.id,
    );
    expect(ids).toEqual(expect.arrayContaining([R.deliveryFailed, R.partiallyDelivered]));
    expect(ids).not.toContain(R.deliveryFailedEarlier);
  });

  it("accessPackages carry catalogId on beta only (v1.0's type has the catalog navigation, not the property)", async () => {
    const v1 = await g.call('GET', `${V1}/accessPackages?$select=catalogId`);
    expect(v1.status).toBe(400);
    expect(JSON.stringify(v1.body)).toContain(
      "Could not find a property named 'catalogId' on type 'microsoft.graph.accessPackage'",
    );
    const beta = valueOf<{ catalogId?: string }>(await g.call('GET', `${BETA}/accessPackages?$select=catalogId`));
    expect(beta.length).toBeGreaterThan(0);
    expect(beta.every((p) => typeof p.catalogId === 'string')).toBe(true);
  });

  it('accessPackages filter on displayName eq, contains and contains(tolower(…)), and page by nextLink', async () => {
    const eq = valueOf<{ displayName: string }>(
      await g.call('GET', `${V1}/accessPackages?$filter=displayName eq 'Finance Reporting'`),
    );
    expect(eq.map((p) => p.displayName)).toEqual(['Finance Reporting']);
    expect(valueOf(await g.call('GET', `${V1}/accessPackages?$filter=contains(displayName,'tools')`))).toHaveLength(0);
    expect(
      valueOf(
        await g.call('GET', `${V1}/accessPackages?$filter=${encodeURIComponent("displayName eq 'Sales and Finance'")}`),
      ),
    ).toHaveLength(0);
    const lowered = valueOf<{ id: string }>(
      await g.call('GET', `${V1}/accessPackages?$filter=contains(tolower(displayName),'tools')`),
    );
    expect(lowered.map((p) => p.id)).toEqual([P.engineering]);
    const small = await GraphFixture.start({ pageSize: 2 });
    try {
      const first = await small.call('GET', `${V1}/accessPackages`);
      expect([valueOf(first).length, typeof first.body?.['@odata.nextLink']]).toEqual([2, 'string']);
      expect(valueOf(await small.call('GET', String(first.body?.['@odata.nextLink'])))).toHaveLength(2);
    } finally {
      await small.stop();
    }
  });
});

describe('a catalog-scoped admin (Access Package Assignment Manager on one catalog)', () => {
  it('a list without an accessPackage/id filter is refused with 403; a tenant-wide admin may list everything', async () => {
    for (const path of [
      `${V1}/assignments`,
      `${V1}/assignmentRequests`,
      `${BETA}/accessPackageAssignments?$filter=assignmentState eq 'Delivered'`,
    ]) {
      const answer = await g.call('GET', path, { user: manager });
      expect([path, answer.status, errorOf(answer).code]).toEqual([path, 403, 'UnAuthorized']);
    }
    expect((await g.call('GET', `${V1}/assignments`)).status).toBe(200);
  });

  it('lists filtered on a package of her catalog are served; a package of another catalog is 403', async () => {
    const mine = await g.call(
      'GET',
      `${V1}/assignmentRequests?$filter=accessPackage/id eq '${P.engineering}'&$expand=assignment`,
      { user: manager },
    );
    expect(valueOf(mine).map((r) => r.id)).toContain(R.partiallyDelivered);
    expect(
      (await g.call('GET', `${V1}/assignments?$filter=accessPackage/id eq '${P.finance}'`, { user: manager })).status,
    ).toBe(403);
  });

  it('an assignment of another catalog is 403 to read and to reprocess; her own is 202', async () => {
    expect((await g.call('GET', `${V1}/assignments/${A.deliveredFinance}`, { user: manager })).status).toBe(403);
    expect((await g.call('POST', `${V1}/assignments/${A.deliveredFinance}/reprocess`, { user: manager })).status).toBe(
      403,
    );
    expect((await g.call('POST', `${V1}/assignments/${A.deliveredSales}/reprocess`, { user: manager })).status).toBe(
      202,
    );
  });

  it('accessPackages lists only the packages of her catalog (no 403: "all the access packages that the caller has access to read")', async () => {
    const ids = valueOf(await g.call('GET', `${V1}/accessPackages`, { user: manager })).map((p) => p.id);
    expect(ids.sort()).toEqual([P.sales, P.engineering, P.salesOperations].sort());
    expect((await g.call('GET', `${V1}/accessPackages`, { user: reader })).status).toBe(403);
  });
});

describe('request reprocess', () => {
  it('a failed request completed within 14 days is accepted; one completed earlier is refused with 400', async () => {
    expect((await g.call('POST', `${V1}/assignmentRequests/${R.deliveryFailed}/reprocess`)).status).toBe(202);
    const old = await g.call('POST', `${V1}/assignmentRequests/${R.deliveryFailedEarlier}/reprocess`);
    expect([old.status, errorOf(old).code]).toEqual([400, 'BadRequest']);
    expect(errorOf(old).message).toContain('14 days');
  });
});

describe('beta shapes', () => {
  it('beta requests carry PascalCase requestType/requestState, requestStatus and the accessPackageAssignment expand', async () => {
    const answer = await g.call(
      'GET',
      `${BETA}/accessPackageAssignmentRequests?$filter=accessPackage/id eq '${P.finance}' and requestState eq 'DeliveryFailed'&$expand=accessPackageAssignment`,
    );
    const value = valueOf<Record<string, unknown>>(answer);
    expect(value.map((r) => r['id']).sort()).toEqual([R.deliveryFailed, R.deliveryFailedEarlier].sort());
    expect(value.find((r) => r['id'] === R.deliveryFailed)).toMatchObject({
      requestType: 'AdminUpdate',
      requestState: 'DeliveryFailed',
      requestStatus: 'DeliveryFailed',
      accessPackageAssignment: { id: A.deliveryFailed, assignmentState: 'DeliveryFailed' },
    });
    expect(value[0]).not.toHaveProperty('state');
  });

  it('beta assignments filter on assignmentState and page like v1.0', async () => {
    const answer = await g.call(
      'GET',
      `${BETA}/accessPackageAssignments?$filter=accessPackage/id eq '${P.sales}' and assignmentState eq 'Delivered'&$expand=accessPackage`,
    );
    expect(valueOf<Record<string, unknown>>(answer).map((a) => a['assignmentState'])).toEqual([
      'Delivered',
      'Delivered',
    ]);
  });
});

describe('$batch', () => {
  const reprocess = (
    id: string,
    n: string,
    headers: Record<string, string> = { 'Content-Type': 'application/json' },
  ) => ({
    id: n,
    method: 'POST',
    url: `/identityGovernance/entitlementManagement/assignments/${id}/reprocess`,
    headers,
    body: {},
  });

  it("sub-responses carry json-batching.md's headers: exact 'Content-Type' with a body, 'Retry-After' when throttled, no request-id", async () => {
    g.graph.inject({ method: 'POST', path: `${A.deliveredFinance}/reprocess`, status: 429, retryAfterSeconds: 3 });
    const body = {
      requests: [reprocess(A.delivered, '1'), reprocess(A.deliveredFinance, '2'), reprocess(A.expired, '3')],
    };
    const answer = await g.call('POST', '/v1.0/$batch', { body });
    expect(answer.status).toBe(200);
    const byId = new Map(
      (
        answer.body as {
          responses: {
            id: string;
            status: number;
            headers: Record<string, string>;
            body?: { error: { innerError: Record<string, string> } };
          }[];
        }
      ).responses.map((r) => [r.id, r]),
    );
    expect(byId.get('1')).toMatchObject({ status: 202, headers: { 'Cache-Control': 'no-cache' } });
    expect(byId.get('1')).not.toHaveProperty('body');
    expect(byId.get('2')).toMatchObject({
      status: 429,
      headers: { 'Retry-After': '3', 'Content-Type': 'application/json' },
    });
    expect(byId.get('3')?.status).toBe(400);
    for (const r of byId.values())
      expect(Object.keys(r.headers).map((k) => k.toLowerCase())).not.toContain('request-id');
    expect(byId.get('3')?.body?.error.innerError['request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('in 424 mode (throttling.md) a batch with a throttled item answers 424 and still carries every item', async () => {
    g.graph.setBatchThrottleStatus(424);
    g.graph.inject({ method: 'POST', path: `${A.deliveredSales}/reprocess`, status: 429, retryAfterSeconds: 1 });
    const answer = await g.call('POST', '/v1.0/$batch', {
      body: { requests: [reprocess(A.deliveredEngineering, 'a'), reprocess(A.deliveredSales, 'b')] },
    });
    expect(answer.status).toBe(424);
    const statuses = (answer.body as { responses: { id: string; status: number }[] }).responses
      .map((r) => [r.id, r.status])
      .sort();
    expect(statuses).toEqual([
      ['a', 202],
      ['b', 429],
    ]);
    const clean = await g.call('POST', '/v1.0/$batch', {
      body: { requests: [reprocess(A.deliveredEngineering, 'a')] },
    });
    expect(clean.status).toBe(200);
  });

  it('a sub-request with a body but no Content-Type is a per-item 400; ids differing only in case are a 400 batch', async () => {
    const answer = await g.call('POST', '/v1.0/$batch', { body: { requests: [reprocess(A.delivered, '1', {})] } });
    expect((answer.body as { responses: { status: number }[] }).responses[0]?.status).toBe(400);
    const duplicate = await g.call('POST', '/v1.0/$batch', {
      body: { requests: [reprocess(A.delivered, 'x'), reprocess(A.deliveredSales, 'X')] },
    });
    expect(duplicate.status).toBe(400);
  });
});

describe('the demo tenant', () => {
  it('the throttled demo assignment is always 429 with Retry-After; the failing one always 500', async () => {
    const throttled = await g.call('POST', `${V1}/assignments/${A.throttled}/reprocess`);
    expect([throttled.status, throttled.headers.get('retry-after')]).toEqual([
      429,
      String(DEMO.throttledRetryAfterSeconds),
    ]);
    expect((await g.call('POST', `${V1}/assignments/${A.failing}/reprocess`)).status).toBe(500);
    expect((await g.call('GET', `${V1}/assignments/${A.throttled}`)).status).toBe(200);
  });

  it("the unconsented demo user's On-Behalf-Of request is refused with AADSTS65001", async () => {
    const answer = await g.obo(grady);
    expect(answer.status).toBe(400);
    const body = (await answer.json()) as { error: string; error_codes: number[]; suberror?: string };
    expect(body).toMatchObject({ error: 'invalid_grant', error_codes: [65001] });
    expect((await g.obo(admin)).status).toBe(200);
  });
});
