import { NO_TELEMETRY, createTelemetry, routeTemplate, summarizeActivity } from '../../src/telemetry';

const TOKEN = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl';

describe('routeTemplate', () => {
  it.each([
    [
      '/identityGovernance/entitlementManagement/assignments/d82eb508-acc4-43cc-bcf1-7c1c4a2c073b?$expand=target,accessPackage',
      '/identityGovernance/entitlementManagement/assignments/{id}',
    ],
    [
      '/identityGovernance/entitlementManagement/assignments/D82EB508-ACC4-43CC-BCF1-7C1C4A2C073B/reprocess',
      '/identityGovernance/entitlementManagement/assignments/{id}/reprocess',
    ],
    [
      "/identityGovernance/entitlementManagement/assignmentRequests?$filter=accessPackage/id eq '1f6e2d3c-4b5a-4968-8776-5a4b3c2d1e0f'",
      '/identityGovernance/entitlementManagement/assignmentRequests',
    ],
    ['/$batch', '/$batch'],
    ["/users('adele@contoso.example')/memberOf", "/users('{id}')/memberOf"],
    ['/things/12345/parts', '/things/{id}/parts'],
  ])('%s -> %s', (path, template) => {
    expect(routeTemplate(path)).toBe(template);
  });
});

describe('summarizeActivity', () => {
  it('keeps type, invoke name, conversation type and a GUID tenant id', () => {
    const body = {
      type: 'invoke',
      name: 'adaptiveCard/action',
      conversation: { conversationType: 'personal', tenantId: '9F1C7E2A-4B3D-4E5F-8A6B-7C8D9E0F1A2B' },
      from: { name: 'Adele Vance' },
      text: 'x',
    };
    expect(summarizeActivity(body)).toEqual({
      type: 'invoke',
      name: 'adaptiveCard/action',
      conversationType: 'personal',
      tenantId: '9f1c7e2a-4b3d-4e5f-8a6b-7c8d9e0f1a2b',
    });
  });

  it('turns anything a sender chose outside the known lists into "other", and drops a tenant that is not a GUID', () => {
    const body = { type: TOKEN, conversation: { conversationType: 'Adele Vance', tenantId: TOKEN } };
    expect(summarizeActivity(body)).toEqual({ type: 'other', conversationType: 'other' });
    expect(summarizeActivity({ type: 'invoke', name: `signin/${TOKEN}` })).toEqual({ type: 'invoke', name: 'other' });
    expect(summarizeActivity('not an object')).toEqual({ type: 'other' });
  });
});

describe('createTelemetry', () => {
  it('without a connection string is the no-op that runs the work and records nothing', async () => {
    const telemetry = await createTelemetry(undefined);
    expect(telemetry).toBe(NO_TELEMETRY);
    expect(telemetry.logContext).toBeUndefined();
    await expect(telemetry.activity({ type: 'message' }, async () => ({ status: 201 }))).resolves.toEqual({
      status: 201,
    });
  });
});
