import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';

// What can be checked offline about the Microsoft 365 Agents Toolkit project files: they parse, the SSO and Graph
// permissions Teams and the bot depend on are declared, and every ${{VAR}} is defined before it is used.
const ROOT = path.join(__dirname, '..', '..');
const read = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8');

interface Action {
  uses: string;
  with?: Record<string, unknown>;
  writeToEnvironmentFile?: Record<string, string>;
}
const project = parse(read('m365agents.yml')) as {
  version: string;
  environmentFolderPath: string;
  provision: Action[];
  deploy: Action[];
};
const aad = JSON.parse(read('aad.manifest.json')) as Record<string, unknown> & {
  oauth2Permissions: { id: string; value: string; type: string; isEnabled: boolean }[];
  preAuthorizedApplications: { appId: string; permissionIds: string[] }[];
  requiredResourceAccess: { resourceAppId: string; resourceAccess: { id: string; type: string }[] }[];
};
const teamsManifest = JSON.parse(read('appPackage/manifest.json')) as {
  webApplicationInfo: { id: string; resource: string };
};
// arm/deploy writes every output of the template to the environment file.
const bicepOutputs = [...read('infra/azure.bicep').matchAll(/^output (\w+) /gm)].map((m) => m[1] ?? '');
const templateNames = read('env/.env.dev.template')
  .split('\n')
  .map((l) => /^([A-Z0-9_]+)=/.exec(l.trim())?.[1])
  .filter((n): n is string => !!n);

const TEAMS_CLIENTS = ['1fec8e78-bce4-4aaf-ab1b-5451cc387264', '5e3ce6c0-2b1f-4285-8d4b-75ee78787346'];
const GRAPH = '00000003-0000-0000-c000-000000000000';
const GRAPH_DELEGATED = {
  'EntitlementManagement.ReadWrite.All': 'ae7a573d-81d7-432b-ad44-4ed5c9d89038',
  openid: '37f7f235-527c-4136-accd-4a02d197296e',
  profile: '14dad69e-099b-42c9-810b-d002981feec1',
  offline_access: '7427e0e9-2fba-42fe-b0c0-848c9e6a8182',
};
// aadApp/update generates this one when the manifest uses it and it is empty.
const TOOLKIT_OUTPUTS = ['AAD_APP_ACCESS_AS_USER_PERMISSION_ID'];

const placeholders = (value: unknown) =>
  [...JSON.stringify(value).matchAll(/\$\{\{([A-Za-z0-9_]+)\}\}/g)].map((m) => m[1]);
const action = (uses: string) => project.provision.find((a) => a.uses === uses) ?? fail(`no ${uses} in provision`);
const indexOf = (uses: string) => project.provision.findIndex((a) => a.uses === uses);

function fail(message: string): never {
  throw new Error(message);
}

describe('m365agents.yml', () => {
  it('parses as a toolkit project with the provision and deploy lifecycles', () => {
    expect(project.version).toMatch(/^v1\.\d+$/);
    expect(project.environmentFolderPath).toBe('./env');
    expect(project.provision.map((a) => a.uses)).toEqual(
      expect.arrayContaining([
        'aadApp/create',
        'arm/deploy',
        'aadApp/update',
        'script',
        'teamsApp/create',
        'teamsApp/validateManifest',
        'teamsApp/zipAppPackage',
        'teamsApp/update',
      ]),
    );
    // The bot's identity is the managed identity of infra/azure.bicep: no bot app, no password, no CLI-made registration.
    expect(project.provision.map((a) => a.uses)).not.toEqual(expect.arrayContaining(['botAadApp/create']));
    expect(project.provision.map((a) => a.uses)).not.toEqual(expect.arrayContaining(['botFramework/create']));
    expect(project.deploy.length).toBeGreaterThan(0);
  });

  it('creates a single-tenant SSO app without a client secret', () => {
    expect(action('aadApp/create').with).toMatchObject({ signInAudience: 'AzureADMyOrg', generateClientSecret: false });
    expect(action('aadApp/create').writeToEnvironmentFile).toMatchObject({
      clientId: 'AAD_APP_CLIENT_ID',
      objectId: 'AAD_APP_OBJECT_ID',
      tenantId: 'AAD_APP_TENANT_ID',
    });
    expect(Object.keys(action('aadApp/create').writeToEnvironmentFile ?? {})).not.toContain('clientSecret');
    expect(action('teamsApp/create').writeToEnvironmentFile).toEqual({ teamsAppId: 'TEAMS_APP_ID' });
    expect(action('aadApp/update').with).toMatchObject({ manifestPath: './aad.manifest.json' });
  });

  it('runs each action after the ones whose outputs it needs', () => {
    expect(indexOf('aadApp/create')).toBeLessThan(indexOf('arm/deploy')); // the template takes AAD_APP_CLIENT_ID
    expect(indexOf('arm/deploy')).toBeLessThan(indexOf('aadApp/update')); // identifierUris use BOT_ID (the identity)
    expect(indexOf('arm/deploy')).toBeLessThan(indexOf('script')); // the FIC's subject is the identity's principal id
    expect(indexOf('arm/deploy')).toBeLessThan(indexOf('teamsApp/zipAppPackage')); // the manifest's botId is BOT_ID
    expect(indexOf('teamsApp/validateManifest')).toBeLessThan(indexOf('teamsApp/zipAppPackage'));
    expect(indexOf('teamsApp/zipAppPackage')).toBeLessThan(indexOf('teamsApp/update'));
  });

  it('no step writes, reads or generates a secret; deploy zip-deploys the build to the App Service the template made', () => {
    expect(read('m365agents.yml')).not.toMatch(/SECRET_|clientSecret|botPassword|createOrUpdateEnvironmentFile/);
    expect(project.deploy.find((a) => a.uses === 'azureAppService/zipDeploy')?.with).toEqual({
      artifactFolder: './.deploy',
      resourceId: '${{BOT_AZURE_APP_SERVICE_RESOURCE_ID}}',
    });
  });

  it('uses only variables the env template declares or an earlier action writes', () => {
    const known = new Set([...templateNames, ...TOOLKIT_OUTPUTS]);
    for (const step of [...project.provision, ...project.deploy]) {
      for (const name of placeholders(step.with ?? {}))
        expect({ action: step.uses, name, known: known.has(name) }).toEqual({ action: step.uses, name, known: true });
      for (const name of Object.values(step.writeToEnvironmentFile ?? {})) known.add(name);
      if (step.uses === 'arm/deploy') {
        for (const name of placeholders(JSON.parse(read('infra/azure.parameters.json'))))
          expect({ file: 'azure.parameters.json', name, known: known.has(name) }).toEqual({
            file: 'azure.parameters.json',
            name,
            known: true,
          });
        for (const name of bicepOutputs) known.add(name);
      }
      if (step.uses === 'aadApp/update') {
        for (const name of placeholders(aad))
          expect({ file: 'aad.manifest.json', name, known: known.has(name) }).toEqual({
            file: 'aad.manifest.json',
            name,
            known: true,
          });
      }
    }
  });
});

describe('aad.manifest.json', () => {
  it('is the single-tenant SSO app Teams expects: api://botid-<BOT_ID>, as in the Teams app manifest', () => {
    expect(aad).toMatchObject({
      id: '${{AAD_APP_OBJECT_ID}}',
      appId: '${{AAD_APP_CLIENT_ID}}',
      signInAudience: 'AzureADMyOrg',
      identifierUris: ['api://botid-${{BOT_ID}}'],
    });
    expect(teamsManifest.webApplicationInfo).toEqual({
      id: aad['appId'],
      resource: (aad['identifierUris'] as string[])[0],
    });
  });

  it('exposes access_as_user, pre-authorized for the Teams desktop/mobile and web clients', () => {
    const scope = aad.oauth2Permissions.find((p) => p.value === 'access_as_user') ?? fail('no access_as_user scope');
    expect(scope).toMatchObject({ type: 'User', isEnabled: true });
    for (const appId of TEAMS_CLIENTS) {
      expect(aad.preAuthorizedApplications).toContainEqual({ appId, permissionIds: [scope.id] });
    }
  });

  it('asks for delegated EntitlementManagement.ReadWrite.All plus openid, profile and offline_access from Microsoft Graph', () => {
    const graph =
      aad.requiredResourceAccess.find((r) => r.resourceAppId === GRAPH) ?? fail('no Microsoft Graph access');
    for (const id of Object.values(GRAPH_DELEGATED)) expect(graph.resourceAccess).toContainEqual({ id, type: 'Scope' });
    expect(graph.resourceAccess.every((a) => a.type === 'Scope')).toBe(true);
  });
});
