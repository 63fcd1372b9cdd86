import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { CONFIG_VARIABLES, loadConfig, REQUIRED_IN_PRODUCTION, SECRET_VARIABLES } from '../../src/config';

// No Bicep compiler is reachable here, so the template is read as text: its parameters, its app settings and the
// properties that make the deployment secretless. The app settings are then fed to loadConfig as production
// would see them, with each ARM expression replaced by a value of the shape Azure returns for it.
const ROOT = path.join(__dirname, '..', '..');
const read = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8');
const bicep = read('infra/azure.bicep');
const botBicep = read('infra/botRegistration/azurebot.bicep');
const parameters = JSON.parse(read('infra/azure.parameters.json')) as {
  parameters: Record<string, { value: unknown }>;
};

const params = new Map(
  [...bicep.matchAll(/^param (\w+) (\w+)(?: = (.+))?$/gm)].map((m) => [m[1] ?? '', { type: m[2], default: m[3] }]),
);
const appSettings = [
  ...(/appSettings: \[([\s\S]*?)\n {6}\]/.exec(bicep)?.[1] ?? '').matchAll(/\{ name: '(\w+)', value: (.+?) \}/g),
].map((m) => ({ name: m[1] ?? '', value: m[2] ?? '' }));

const IDENTITY = { clientId: '6f1e8c2a-3b4d-4e5f-9a0b-1c2d3e4f5a6b', tenantId: '0d9c8b7a-6f5e-4d3c-8b2a-1f0e9d8c7b6a' };
// What Azure resolves each resource expression to (shapes from the ARM resource providers' documented outputs).
const EXPRESSIONS: Record<string, string> = {
  'identity.properties.clientId': IDENTITY.clientId,
  'identity.properties.tenantId': IDENTITY.tenantId,
  'storage.properties.primaryEndpoints.blob': 'https://streprocess.blob.core.windows.net/',
  'storage.properties.primaryEndpoints.table': 'https://streprocess.table.core.windows.net/',
  'appInsights.properties.ConnectionString':
    'InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://westeurope-5.in.applicationinsights.azure.com/',
  'string(auditRetentionDays)': '90',
  'tenant().tenantId': IDENTITY.tenantId,
  aadAppClientId: '2b3c4d5e-6f70-4182-93a4-b5c6d7e8f901',
};

function evaluate(expression: string): string {
  const literal = /^'(.*)'$/.exec(expression)?.[1];
  if (literal !== undefined) return literal;
  if (expression in EXPRESSIONS) return EXPRESSIONS[expression] ?? '';
  const param = params.get(expression);
  if (param?.default !== undefined) return evaluate(param.default);
  throw new Error(`the test does not know what Azure makes of ${expression}: add it to EXPRESSIONS`);
}

const settings = Object.fromEntries(appSettings.map((s) => [s.name, evaluate(s.value)]));

describe('infra/azure.bicep app settings', () => {
  it('name only variables of the configuration contract, besides App Service’s own WEBSITE_* switches', () => {
    expect(appSettings.length).toBeGreaterThan(10);
    const foreign = appSettings
      .map((s) => s.name)
      .filter((n) => !(CONFIG_VARIABLES as string[]).includes(n) && !n.startsWith('WEBSITE_'));
    expect(foreign).toEqual([]);
    expect(new Set(appSettings.map((s) => s.name)).size).toBe(appSettings.length);
  });

  it('set every variable a managed-identity deployment needs, and no secret, key or certificate', () => {
    const names = appSettings.map((s) => s.name);
    const needed = [
      ...REQUIRED_IN_PRODUCTION,
      'BOT_TYPE',
      'AAD_APP_MANAGED_IDENTITY_CLIENT_ID',
      'STORAGE_BLOB_ENDPOINT',
      'STORAGE_TABLE_ENDPOINT',
      'AZURE_CLIENT_ID',
      'APPLICATIONINSIGHTS_CONNECTION_STRING',
    ];
    expect(needed.filter((n) => !names.includes(n))).toEqual([]);
    expect(
      names.filter((n) => [...SECRET_VARIABLES, 'BOT_CERTIFICATE_PATH', 'AAD_APP_CERTIFICATE_PATH'].includes(n)),
    ).toEqual([]);
  });

  it('are a configuration the bot starts with: one managed identity for the channel, On-Behalf-Of and storage', () => {
    const config = loadConfig(settings);
    expect(config.bot).toMatchObject({
      appId: IDENTITY.clientId,
      tenantId: IDENTITY.tenantId,
      credential: { kind: 'managedIdentity' },
    });
    expect(config.aad.credential).toEqual({ kind: 'managedIdentity', clientId: IDENTITY.clientId });
    expect(config.storage).toMatchObject({
      blobEndpoint: EXPRESSIONS['storage.properties.primaryEndpoints.blob'],
      managedIdentityClientId: IDENTITY.clientId,
    });
    expect(config.storage.connectionString).toBeUndefined();
    expect(config.telemetry.connectionString).toMatch(/^InstrumentationKey=/);
  });
});

describe('infra/azure.parameters.json', () => {
  it('names exactly the template’s parameters that have no default, plus ones the template declares', () => {
    const given = Object.keys(parameters.parameters);
    expect(given.filter((p) => !params.has(p))).toEqual([]);
    const required = [...params.entries()].filter(([, p]) => p.default === undefined).map(([name]) => name);
    expect(required.filter((p) => !given.includes(p))).toEqual([]);
  });

  it('passes no secret: no SECRET_ placeholder and no @secure() parameter in the templates', () => {
    expect(read('infra/azure.parameters.json')).not.toMatch(/SECRET_/);
    expect(bicep + botBicep).not.toMatch(/@secure\(\)/);
  });
});

describe('infra resources', () => {
  it('run the bot on Linux App Service, Node 20, as the user-assigned identity', () => {
    expect(bicep).toMatch(/linuxFxVersion: 'NODE\|20-lts'/);
    expect(bicep).toMatch(
      /identity: \{\s+type: 'UserAssigned'\s+userAssignedIdentities: \{\s+'\$\{identity\.id\}': \{\}/,
    );
    expect(bicep).toMatch(/resource identity 'Microsoft\.ManagedIdentity\/userAssignedIdentities@/);
  });

  it('register the Azure Bot to that identity (UserAssignedMSI) with the Microsoft Teams channel only', () => {
    expect(botBicep).toMatch(/msaAppType: 'UserAssignedMSI'/);
    expect(botBicep).toMatch(/msaAppId: identityClientId/);
    const channels = [...botBicep.matchAll(/channelName: '(\w+)'/g)].map((m) => m[1]);
    expect(channels).toEqual(['MsTeamsChannel']);
    expect(bicep).toMatch(/identityClientId: identity\.properties\.clientId/);
  });

  it('keep storage keyless: shared keys off, blob and table data roles granted to the identity', () => {
    expect(bicep).toMatch(/allowSharedKeyAccess: false/);
    for (const role of ['ba92f5b4-2d11-453d-a403-e96b0029c9fe', '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'])
      expect(bicep).toContain(role);
    expect([...bicep.matchAll(/principalId: identity\.properties\.principalId/g)]).toHaveLength(2);
  });

  it('send telemetry to Application Insights on a Log Analytics workspace', () => {
    expect(bicep).toMatch(/resource logAnalytics 'Microsoft\.OperationalInsights\/workspaces@/);
    expect(bicep).toMatch(/WorkspaceResourceId: logAnalytics\.id/);
  });

  it('are what m365agents.yml deploys, and output what later steps use', () => {
    const project = parse(read('m365agents.yml')) as {
      provision: { uses: string; with?: { templates?: { path: string; parameters: string }[] } }[];
    };
    const arm = project.provision.find((a) => a.uses === 'arm/deploy');
    expect(arm?.with?.templates).toEqual([
      expect.objectContaining({ path: './infra/azure.bicep', parameters: './infra/azure.parameters.json' }),
    ]);
    for (const output of ['BOT_ID', 'BOT_DOMAIN', 'BOT_AZURE_APP_SERVICE_RESOURCE_ID', 'BOT_IDENTITY_PRINCIPAL_ID'])
      expect(bicep).toMatch(new RegExp(`^output ${output} string`, 'm'));
  });
});
