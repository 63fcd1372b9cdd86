import { randomUUID } from 'node:crypto';
import { OnBehalfOfCredential } from '@azure/identity';
import {
  BatchRequestContent,
  BatchResponseContent,
  Client,
  PageIterator,
  type PageCollection,
} from '@microsoft/microsoft-graph-client';
import { TokenCredentialAuthenticationProvider } from '@microsoft/microsoft-graph-client/authProviders/azureTokenCredentials';
import { DEMO } from '../../sandbox/graph-data';
import type { SandboxUser } from '../../sandbox/entra';
import { APP, errorOf, GraphFixture, TENANT } from './sandbox-graph-client';

const A = DEMO.assignments;
const V1 = '/v1.0/identityGovernance/entitlementManagement';
const BETA = '/beta/identityGovernance/entitlementManagement';
/** Demo assignments that are not hidden. */
const DEMO_VISIBLE_ASSIGNMENTS = Object.keys(A).length - 1;

let g: GraphFixture;
let entra: GraphFixture['entra'];
let graph: GraphFixture['graph'];
const call: GraphFixture['call'] = (...args) => g.call(...args);
const tokenFor: GraphFixture['tokenFor'] = (...args) => g.tokenFor(...args);

beforeAll(async () => {
  // Small server-driven pages, so paging shows with the demo tenant's few items.
  g = await GraphFixture.start({ pageSize: 3 });
  ({ entra, graph } = g);
});
afterAll(() => g.stop());
beforeEach(() => {
  graph.clearCalls();
  graph.clearInjections();
  graph.setWriteLimit(null);
});

describe('Graph emulator: reading assignments', () => {
  test('an assignment read without $expand has no relationships; with $expand it has target and accessPackage', async () => {
    const bare = await call('GET', `${V1}/assignments/${A.delivered}`);
    expect(bare.body).toMatchObject({ id: A.delivered, state: 'delivered', status: 'Delivered' });
    expect(bare.body).not.toHaveProperty('target');
    expect(bare.body).not.toHaveProperty('accessPackage');
    const expanded = await call('GET', `${V1}/assignments/${A.delivered}?$expand=target,accessPackage`);
    expect(expanded.body).toMatchObject({
      target: { objectId: DEMO.users.diego.oid, displayName: 'Diego Siciliani', principalName: DEMO.users.diego.upn },
      accessPackage: { id: DEMO.accessPackages.sales, displayName: 'Sales Team Access' },
    });
  });

  test('every answer carries request-id, the caller’s client-request-id and date', async () => {
    const clientRequestId = randomUUID();
    const answer = await call('GET', `${V1}/assignments/${A.delivered}`, {
      headers: { 'client-request-id': clientRequestId },
    });
    expect(answer.headers.get('client-request-id')).toBe(clientRequestId);
    expect(answer.headers.get('request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(answer.headers.get('date')).toBeTruthy();
    expect(graph.calls.at(-1)).toMatchObject({
      method: 'GET',
      oid: DEMO.users.admin.oid,
      clientRequestId,
      requestId: answer.headers.get('request-id'),
      status: 200,
      batched: false,
    });
  });

  test('unknown GUID is 404 ResourceNotFound, a non-GUID is 400, a hidden assignment is 403, with innerError ids', async () => {
    const missing = await call('GET', `${V1}/assignments/0b0b0b0b-0000-4000-8000-000000000404`);
    expect(missing.status).toBe(404);
    expect(errorOf(missing)).toMatchObject({
      code: 'ResourceNotFound',
      innerError: { 'request-id': missing.headers.get('request-id') },
    });
    const invalid = await call('GET', `${V1}/assignments/not-a-guid`);
    expect([invalid.status, errorOf(invalid).code, errorOf(invalid).message]).toEqual([
      400,
      'BadRequest',
      'Invalid id',
    ]);
    const hidden = await call('GET', `${V1}/assignments/${A.hidden}`);
    expect([hidden.status, errorOf(hidden).code]).toEqual([403, 'UnAuthorized']);
  });

  test('a user without an entitlement-management role gets 403 UnAuthorized', async () => {
    const answer = await call('GET', `${V1}/assignments/${A.delivered}`, { user: DEMO.users.reader });
    expect([answer.status, errorOf(answer).code]).toEqual([403, 'UnAuthorized']);
  });

  test('no token is 401, a token for another audience is 401, a token without the permission is 403', async () => {
    const none = await call('GET', `${V1}/assignments/${A.delivered}`, { token: '' });
    expect([none.status, errorOf(none).code]).toEqual([401, 'InvalidAuthenticationToken']);
    const sso = await call('GET', `${V1}/assignments/${A.delivered}`, { token: entra.mintSsoToken(DEMO.users.admin) });
    expect([sso.status, errorOf(sso).code]).toEqual([401, 'InvalidAuthenticationToken']);
    const userRead = await call('GET', `${V1}/assignments/${A.delivered}`, {
      token: await tokenFor(DEMO.users.admin, 'User.Read'),
    });
    expect(userRead.status).toBe(403);
  });

  test('a filtered list pages with an absolute @odata.nextLink carrying a $skiptoken', async () => {
    const first = await call('GET', `${V1}/assignments?$filter=state eq 'delivered'&$expand=target`);
    const firstPage = first.body as {
      value: { id: string; state: string; target: unknown }[];
      '@odata.nextLink': string;
    };
    expect(firstPage.value).toHaveLength(3);
    expect(firstPage['@odata.nextLink']).toMatch(new RegExp(`^${graph.url}${V1}/assignments\\?.*\\$skiptoken=`));
    const all = [...firstPage.value];
    for (let next: string | undefined = firstPage['@odata.nextLink']; next;) {
      const page = (await call('GET', next)).body as {
        value: { id: string; state: string }[];
        '@odata.nextLink'?: string;
      };
      all.push(...(page.value as typeof all));
      next = page['@odata.nextLink'];
    }
    expect(all.map((a) => a.id)).toEqual(
      expect.arrayContaining([A.delivered, A.deliveredEngineering, A.deliveredFinance, A.deliveredSales]),
    );
    expect(all.every((a) => a.state === 'delivered')).toBe(true);
    expect(all.map((a) => a.id)).not.toContain(A.hidden);
  });

  test('filters on access package and target combine with and; unsupported filters are 400', async () => {
    const filter = `accessPackage/id eq '${DEMO.accessPackages.sales}' and target/objectId eq '${DEMO.users.grady.oid}'`;
    const answer = await call('GET', `${V1}/assignments?$filter=${encodeURIComponent(filter)}`);
    expect((answer.body as { value: { id: string }[] }).value.map((a) => a.id)).toEqual([A.deliveredSales]);
    expect(graph.calls.at(-1)?.query).toContain(`$filter=${filter}`);
    expect((await call('GET', `${V1}/assignments?$filter=startswith(state,'d')`)).status).toBe(400);
  });

  test('request history filters by access package and expands the assignment; the caller matches and orders', async () => {
    const answer = await call(
      'GET',
      `${V1}/assignmentRequests?$filter=accessPackage/id eq '${DEMO.accessPackages.finance}'&$expand=assignment`,
    );
    const value = (answer.body as { value: { id: string; assignment: { id: string } }[] }).value;
    const mine = value.filter((r) => r.assignment.id === A.deliveryFailed).map((r) => r.id);
    expect(mine.sort()).toEqual([DEMO.requests.deliveryFailed, DEMO.requests.deliveryFailedEarlier].sort());
  });
});

describe('Graph emulator: reprocess', () => {
  test('a delivered assignment is accepted with 202 and no body, and the reprocess is observable', async () => {
    const before = graph.data.assignments.find((a) => a.id === A.deliveredEngineering)?.reprocessedCount ?? 0;
    const answer = await call('POST', `${V1}/assignments/${A.deliveredEngineering}/reprocess`);
    expect([answer.status, answer.body]).toEqual([202, undefined]);
    expect(graph.data.assignments.find((a) => a.id === A.deliveredEngineering)?.reprocessedCount).toBe(before + 1);
    expect(graph.callsTo('POST', /\/reprocess$/)).toHaveLength(1);
  });

  test('an assignment that is not delivered is refused with 400 naming its state', async () => {
    const answer = await call('POST', `${V1}/assignments/${A.expired}/reprocess`);
    expect(answer.status).toBe(400);
    expect(errorOf(answer).message).toContain("'expired'");
  });

  test('a plain user may not reprocess (403); a manager may', async () => {
    expect((await call('POST', `${V1}/assignments/${A.delivered}/reprocess`, { user: DEMO.users.reader })).status).toBe(
      403,
    );
    expect(
      (await call('POST', `${V1}/assignments/${A.delivered}/reprocess`, { user: DEMO.users.manager })).status,
    ).toBe(202);
  });

  test('a failed request is reprocessed (202); a delivered one is refused (400)', async () => {
    expect((await call('POST', `${V1}/assignmentRequests/${DEMO.requests.deliveryFailed}/reprocess`)).status).toBe(202);
    expect((await call('POST', `${V1}/assignmentRequests/${DEMO.requests.partiallyDelivered}/reprocess`)).status).toBe(
      202,
    );
    const refused = await call('POST', `${V1}/assignmentRequests/${DEMO.requests.delivered}/reprocess`);
    expect(refused.status).toBe(400);
    expect(errorOf(refused).message).toMatch(/deliveryFailed.*partiallyDelivered/);
  });

  test('beta paths use beta property names and PascalCase states', async () => {
    const answer = await call('GET', `${BETA}/accessPackageAssignments/${A.delivered}?$expand=target,accessPackage`);
    expect(answer.body).toMatchObject({
      assignmentState: 'Delivered',
      assignmentStatus: 'Delivered',
      accessPackageId: DEMO.accessPackages.sales,
      target: { objectId: DEMO.users.diego.oid, principalName: DEMO.users.diego.upn, email: DEMO.users.diego.upn },
      accessPackage: { displayName: 'Sales Team Access' },
    });
    expect(answer.body).not.toHaveProperty('state');
    expect((await call('POST', `${BETA}/accessPackageAssignments/${A.delivered}/reprocess`)).status).toBe(202);
    expect(
      (await call('POST', `${BETA}/accessPackageAssignmentRequests/${DEMO.requests.deliveryFailed}/reprocess`)).status,
    ).toBe(202);
  });
});

describe('Graph emulator: faults, throttling and $batch', () => {
  test('an injection applies `times` times, then calls succeed again', async () => {
    graph.inject({ method: 'GET', path: A.delivered, status: 503, retryAfterSeconds: 2, times: 2 });
    const first = await call('GET', `${V1}/assignments/${A.delivered}`);
    expect([first.status, first.headers.get('retry-after'), errorOf(first).code]).toEqual([
      503,
      '2',
      'ServiceUnavailable',
    ]);
    expect((await call('GET', `${V1}/assignments/${A.delivered}`)).status).toBe(503);
    expect((await call('GET', `${V1}/assignments/${A.delivered}`)).status).toBe(200);
  });

  test('resetConnection drops the connection', async () => {
    graph.inject({ path: /\/assignments\//, resetConnection: true });
    await expect(call('GET', `${V1}/assignments/${A.delivered}`)).rejects.toThrow();
    expect(graph.calls.at(-1)?.status).toBe(0);
  });

  test('the write limiter answers 429 with Retry-After beyond its burst', async () => {
    graph.setWriteLimit({ perSecond: 1, burst: 2 });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push(await call('POST', `${V1}/assignments/${A.deliveredSales}/reprocess`));
    expect(statuses.map((s) => s.status)).toEqual([202, 202, 429]);
    expect(statuses[2]?.headers.get('retry-after')).toBe('1');
  });

  test('$batch routes each sub-request on its own: one is throttled, the others succeed', async () => {
    graph.inject({ method: 'POST', path: `${A.deliveredFinance}/reprocess`, status: 429, retryAfterSeconds: 7 });
    const requests = [
      {
        id: '1',
        method: 'POST',
        url: `/identityGovernance/entitlementManagement/assignments/${A.delivered}/reprocess`,
      },
      {
        id: '2',
        method: 'POST',
        url: `/identityGovernance/entitlementManagement/assignments/${A.deliveredFinance}/reprocess`,
      },
      {
        id: '3',
        method: 'GET',
        url: `/identityGovernance/entitlementManagement/assignments/${A.expired}?$expand=target`,
        headers: { 'client-request-id': 'sub-3' },
      },
    ];
    const answer = await call('POST', '/v1.0/$batch', { body: { requests } });
    expect(answer.status).toBe(200);
    const responses = (
      answer.body as {
        responses: { id: string; status: number; headers: Record<string, string>; body?: { target?: unknown } }[];
      }
    ).responses;
    // "Individual responses might appear in a different order than the requests": correlate by id.
    responses.sort((a, b) => a.id.localeCompare(b.id));
    expect(responses.map((r) => [r.id, r.status])).toEqual([
      ['1', 202],
      ['2', 429],
      ['3', 200],
    ]);
    expect(responses[1]?.headers['Retry-After']).toBe('7');
    expect(responses[2]?.body?.target).toBeDefined();
    const batched = graph.calls.filter((c) => c.batched);
    expect(batched).toHaveLength(3);
    expect(batched.find((c) => c.method === 'GET')).toMatchObject({
      clientRequestId: 'sub-3',
      oid: DEMO.users.admin.oid,
    });
  });

  test('$batch refuses more than 20 sub-requests, and a sub-url carrying the version is a per-item 400', async () => {
    const many = Array.from({ length: 21 }, (_, i) => ({
      id: String(i),
      method: 'GET',
      url: `/identityGovernance/entitlementManagement/assignments/${A.delivered}`,
    }));
    expect((await call('POST', '/v1.0/$batch', { body: { requests: many } })).status).toBe(400);
    const versioned = [
      { id: '1', method: 'GET', url: `/v1.0/identityGovernance/entitlementManagement/assignments/${A.delivered}` },
    ];
    const answer = await call('POST', '/v1.0/$batch', { body: { requests: versioned } });
    const response = (answer.body as { responses: { status: number; body: { error: { message: string } } }[] })
      .responses[0];
    expect(response?.status).toBe(400);
    expect(response?.body.error.message).toBe("Resource not found for the segment 'v1.0'.");
  });
});

describe('Graph emulator with the Graph SDK the bot uses', () => {
  function sdkClient(user: SandboxUser): Client {
    const options = {
      tenantId: TENANT,
      clientId: APP.clientId,
      clientSecret: APP.clientSecret,
      userAssertionToken: entra.mintSsoToken(user),
      authorityHost: entra.url,
      disableInstanceDiscovery: true,
    };
    const credential = new OnBehalfOfCredential(options);
    return Client.initWithMiddleware({
      authProvider: new TokenCredentialAuthenticationProvider(credential, {
        scopes: [`${graph.url}/EntitlementManagement.ReadWrite.All`],
      }),
      baseUrl: `${graph.url}/`,
      defaultVersion: 'v1.0',
      customHosts: new Set([new URL(graph.url).hostname]),
    });
  }

  test('PageIterator follows nextLinks and $batch content round-trips', async () => {
    const client = sdkClient(DEMO.users.admin);
    const ids: string[] = [];
    const first = (await client.api('/identityGovernance/entitlementManagement/assignments').get()) as PageCollection;
    await new PageIterator(client, first, (item: { id: string }) => Boolean(ids.push(item.id))).iterate();
    expect(ids).toHaveLength(DEMO_VISIBLE_ASSIGNMENTS);
    const batch = new BatchRequestContent([
      {
        id: 'a',
        request: new Request(
          `${graph.url}/identityGovernance/entitlementManagement/assignments/${A.delivered}/reprocess`,
          { method: 'POST' },
        ),
      },
    ]);
    const raw = (await client.api('/$batch').post(await batch.getContent())) as ConstructorParameters<
      typeof BatchResponseContent
    >[0];
    expect(new BatchResponseContent(raw).getResponseById('a').status).toBe(202);
    expect(graph.calls.filter((c) => c.batched).map((c) => c.oid)).toEqual([DEMO.users.admin.oid]);
  });
});
