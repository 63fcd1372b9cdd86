import { ClientSecretCredential, OnBehalfOfCredential } from '@azure/identity';
import { DEMO, startSandbox, teamsUserId, type Sandbox } from '../../sandbox';

const CONFIG_VARIABLES = [
  'BOT_ID',
  'BOT_PASSWORD',
  'BOT_TENANT_ID',
  'AAD_APP_CLIENT_ID',
  'AAD_APP_CLIENT_SECRET',
  'AAD_APP_TENANT_ID',
  'AAD_APP_OAUTH_AUTHORITY_HOST',
  'SSO_APP_ID_URI',
  'GRAPH_ENDPOINT',
  'GRAPH_API_VERSION',
  'ToBotFromChannelOpenIdMetadataUrl',
  'ToBotFromChannelTokenIssuer',
  'ToChannelFromBotLoginUrl',
  'ToChannelFromBotOAuthScope',
  'ALLOWED_TENANT_IDS',
];

describe('startSandbox', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox();
  });
  afterAll(() => sandbox.stop());

  test('env holds exactly the bot configuration variables, pointing at the emulators', () => {
    const { env } = sandbox;
    expect(Object.keys(env).sort()).toEqual([...CONFIG_VARIABLES].sort());
    expect(env).toMatchObject({
      BOT_TENANT_ID: sandbox.tenantId,
      AAD_APP_CLIENT_ID: env['BOT_ID'],
      AAD_APP_OAUTH_AUTHORITY_HOST: sandbox.entra.url,
      SSO_APP_ID_URI: `api://botid-${env['BOT_ID']}`,
      GRAPH_ENDPOINT: sandbox.graph.url,
      GRAPH_API_VERSION: 'v1.0',
      ToBotFromChannelOpenIdMetadataUrl: sandbox.channel.openIdMetadataUrl,
      ToBotFromChannelTokenIssuer: 'https://api.botframework.com',
      ToChannelFromBotLoginUrl: `${sandbox.entra.url}/${sandbox.tenantId}`,
      ToChannelFromBotOAuthScope: 'https://api.botframework.com',
      ALLOWED_TENANT_IDS: sandbox.tenantId,
    });
    expect(env['BOT_ID']).toMatch(/^[0-9a-f-]{36}$/);
    expect(env['GRAPH_ENDPOINT']).not.toMatch(/\/$/);
  });

  test('the configuration works end to end: SSO token -> OBO -> Graph, as the signed-in admin', async () => {
    const { env } = sandbox;
    const options = {
      tenantId: env['AAD_APP_TENANT_ID'] ?? '',
      clientId: env['AAD_APP_CLIENT_ID'] ?? '',
      clientSecret: env['AAD_APP_CLIENT_SECRET'] ?? '',
      userAssertionToken: sandbox.entra.mintSsoToken(DEMO.users.admin, { audience: env['SSO_APP_ID_URI'] }),
      authorityHost: env['AAD_APP_OAUTH_AUTHORITY_HOST'],
      disableInstanceDiscovery: true,
    };
    const token = await new OnBehalfOfCredential(options).getToken(
      `${env['GRAPH_ENDPOINT']}/EntitlementManagement.ReadWrite.All`,
    );
    const url = `${env['GRAPH_ENDPOINT']}/${env['GRAPH_API_VERSION']}/identityGovernance/entitlementManagement/assignments/${DEMO.assignments.delivered}/reprocess`;
    const res = await fetch(url, { method: 'POST', headers: { authorization: `Bearer ${token.token}` } });
    expect(res.status).toBe(202);
    expect(sandbox.graph.calls.at(-1)).toMatchObject({ oid: DEMO.users.admin.oid, status: 202 });
  });

  test('the bot’s outbound credentials reach the connector, which knows the demo users as members', async () => {
    const { env } = sandbox;
    const credential = new ClientSecretCredential(
      env['BOT_TENANT_ID'] ?? '',
      env['BOT_ID'] ?? '',
      env['BOT_PASSWORD'] ?? '',
      {
        authorityHost: env['AAD_APP_OAUTH_AUTHORITY_HOST'],
        disableInstanceDiscovery: true,
      },
    );
    const token = await credential.getToken(`${env['ToChannelFromBotOAuthScope']}/.default`);
    const member = await fetch(
      `${sandbox.channel.serviceUrl}v3/conversations/a%3A1/members/${encodeURIComponent(teamsUserId(DEMO.users.reader.oid))}`,
      {
        headers: { authorization: `Bearer ${token.token}` },
      },
    );
    expect(await member.json()).toMatchObject({
      aadObjectId: DEMO.users.reader.oid,
      userPrincipalName: DEMO.users.reader.upn,
      tenantId: sandbox.tenantId,
    });
  });
});

describe('startSandbox in anonymous (Playground) mode', () => {
  test('BOT_ID and BOT_PASSWORD are empty while the AAD app stays configured, and stop() closes every emulator', async () => {
    const sandbox = await startSandbox({ anonymousBot: true });
    expect(sandbox.env).toMatchObject({ BOT_ID: '', BOT_PASSWORD: '' });
    expect(sandbox.env['AAD_APP_CLIENT_ID']).toMatch(/^[0-9a-f-]{36}$/);
    expect(sandbox.env['SSO_APP_ID_URI']).toBe(`api://botid-${sandbox.env['AAD_APP_CLIENT_ID']}`);
    const send = await fetch(`${sandbox.channel.serviceUrl}v3/conversations/a%3A1/activities`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'message', text: 'hi' }),
    });
    expect(send.status).toBe(201);
    await sandbox.stop();
    await expect(fetch(`${sandbox.graph.url}/v1.0/$batch`, { method: 'POST' })).rejects.toThrow();
  });
});
