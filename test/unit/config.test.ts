import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig, redactedSummary } from '../../src/config';

const PRODUCTION = {
  BOT_ID: '11111111-1111-1111-1111-111111111111',
  BOT_PASSWORD: 'bot-secret',
  BOT_TENANT_ID: '22222222-2222-2222-2222-222222222222',
  AAD_APP_CLIENT_ID: '11111111-1111-1111-1111-111111111111',
  AAD_APP_CLIENT_SECRET: 'aad-secret',
  AAD_APP_TENANT_ID: '22222222-2222-2222-2222-222222222222',
};

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    const config = loadConfig(PRODUCTION);
    expect(config.port).toBe(3978);
    expect(config.graph).toEqual({ endpoint: 'https://graph.microsoft.com', version: 'v1.0' });
    expect(config.aad.authorityHost).toBe('https://login.microsoftonline.com');
    expect(config.aad.ssoAppIdUri).toBe(`api://botid-${PRODUCTION.BOT_ID}`);
    expect(config.channel).toEqual({
      openIdMetadataUrl: 'https://login.botframework.com/v1/.well-known/openidconfiguration',
      tokenIssuer: 'https://api.botframework.com',
      loginUrl: `https://login.microsoftonline.com/${PRODUCTION.BOT_TENANT_ID}`,
      oauthScope: 'https://api.botframework.com',
    });
    expect(config.allowedTenantIds).toEqual([PRODUCTION.AAD_APP_TENANT_ID]);
    expect(config.storage.connectionString).toBeUndefined();
    expect(config.storage.blobEndpoint).toBeUndefined();
    expect(config.bot.credential).toEqual({ kind: 'secret', password: 'bot-secret' });
    expect(config.aad.credential).toEqual({ kind: 'secret', secret: 'aad-secret' });
    expect(config.telemetry.connectionString).toBeUndefined();
    expect(config.logLevel).toBe('info');
    expect(config.auditRetentionDays).toBe(90);
  });

  it('refuses to start without the required variables and names every one of them', () => {
    expect(() => loadConfig({})).toThrow(ConfigError);
    try {
      loadConfig({ BOT_ID: PRODUCTION.BOT_ID });
    } catch (error) {
      const message = (error as Error).message;
      for (const name of [
        'BOT_TENANT_ID',
        'AAD_APP_CLIENT_ID',
        'AAD_APP_TENANT_ID',
        'BOT_PASSWORD',
        'AAD_APP_CLIENT_SECRET',
      ]) {
        expect(message).toContain(name);
      }
      expect(message).not.toMatch(/\bBOT_ID\b,/);
      expect(message).toContain('npm run sandbox');
    }
  });

  it('rejects malformed values with the variable name', () => {
    expect(() => loadConfig({ ...PRODUCTION, GRAPH_API_VERSION: 'v2' })).toThrow(/GRAPH_API_VERSION/);
    expect(() => loadConfig({ ...PRODUCTION, GRAPH_ENDPOINT: 'not a url' })).toThrow(/GRAPH_ENDPOINT/);
    expect(() => loadConfig({ ...PRODUCTION, PORT: 'eighty' })).toThrow(/PORT/);
  });

  it('reads every variable of the configuration contract', () => {
    const config = loadConfig({
      ...PRODUCTION,
      PORT: '8080',
      AAD_APP_OAUTH_AUTHORITY_HOST: 'https://login.microsoftonline.us/',
      SSO_APP_ID_URI: 'api://example.com/botid-x',
      GRAPH_ENDPOINT: 'https://graph.microsoft.us/',
      GRAPH_API_VERSION: 'beta',
      ToBotFromChannelOpenIdMetadataUrl: 'https://login.botframework.azure.us/v1/.well-known/openidconfiguration',
      ToBotFromChannelTokenIssuer: 'https://api.botframework.us',
      ToChannelFromBotLoginUrl: 'https://login.microsoftonline.us/tenant',
      ToChannelFromBotOAuthScope: 'https://api.botframework.us',
      ALLOWED_TENANT_IDS: 'a, b,,c',
      STORAGE_CONNECTION_STRING: 'UseDevelopmentStorage=true',
      STORAGE_CONTAINER: 'bot',
      AUDIT_RETENTION_DAYS: '30',
      LOG_LEVEL: 'debug',
      APPLICATIONINSIGHTS_CONNECTION_STRING: 'InstrumentationKey=00000000-0000-0000-0000-000000000000',
    });
    expect(config.port).toBe(8080);
    expect(config.aad.authorityHost).toBe('https://login.microsoftonline.us');
    expect(config.aad.ssoAppIdUri).toBe('api://example.com/botid-x');
    expect(config.graph).toEqual({ endpoint: 'https://graph.microsoft.us', version: 'beta' });
    expect(config.channel.tokenIssuer).toBe('https://api.botframework.us');
    expect(config.channel.loginUrl).toBe('https://login.microsoftonline.us/tenant');
    expect(config.allowedTenantIds).toEqual(['a', 'b', 'c']);
    expect(config.storage).toEqual({ connectionString: 'UseDevelopmentStorage=true', container: 'bot' });
    expect(config.telemetry.connectionString).toBe('InstrumentationKey=00000000-0000-0000-0000-000000000000');
    expect(config.logLevel).toBe('debug');
    expect(config.auditRetentionDays).toBe(30);
  });

  it('allows an anonymous bot in sandbox mode but still needs the SSO app and its credential', () => {
    const { BOT_ID: _id, BOT_PASSWORD: _pw, ...rest } = PRODUCTION;
    expect(loadConfig(rest, 'sandbox').bot).toMatchObject({ appId: '', credential: { kind: 'anonymous' } });
    expect(() => loadConfig({}, 'sandbox')).toThrow(/AAD_APP_CLIENT_ID/);
    expect(() => loadConfig({ ...rest, AAD_APP_CLIENT_SECRET: '' }, 'sandbox')).toThrow(
      /AAD_APP_MANAGED_IDENTITY_CLIENT_ID/,
    );
  });

  it('is frozen', () => {
    const config = loadConfig(PRODUCTION);
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.aad)).toBe(true);
  });

  it('never puts a secret in the summary it logs', () => {
    const text = JSON.stringify(
      redactedSummary(loadConfig({ ...PRODUCTION, STORAGE_CONNECTION_STRING: 'AccountKey=abc' })),
    );
    expect(text).not.toContain('bot-secret');
    expect(text).not.toContain('aad-secret');
    expect(text).not.toContain('AccountKey');
  });
});

const MI_BOT = '33333333-3333-4333-8333-333333333333';
const MI_OBO = '44444444-4444-4444-8444-444444444444';
/** A deployment with no secret anywhere: the bot, OBO and storage all use managed identities. */
const SECRETLESS = {
  BOT_ID: MI_BOT,
  BOT_TYPE: 'UserAssignedMsi',
  BOT_TENANT_ID: PRODUCTION.BOT_TENANT_ID,
  AAD_APP_CLIENT_ID: PRODUCTION.AAD_APP_CLIENT_ID,
  AAD_APP_TENANT_ID: PRODUCTION.AAD_APP_TENANT_ID,
  AAD_APP_MANAGED_IDENTITY_CLIENT_ID: MI_OBO,
  STORAGE_BLOB_ENDPOINT: 'https://reprocess.blob.core.windows.net',
  STORAGE_TABLE_ENDPOINT: 'https://reprocess.table.core.windows.net',
  AZURE_CLIENT_ID: MI_BOT,
};

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('the configuration was accepted');
}

describe('credentials', () => {
  const dir = mkdtempSync(join(tmpdir(), 'config-test-'));
  const pem = join(dir, 'bot.pem');
  writeFileSync(pem, 'not read by loadConfig beyond being a readable file');

  it('starts with no secret at all when the bot, OBO and storage use managed identities', () => {
    const config = loadConfig(SECRETLESS);
    expect(config.bot).toMatchObject({ appId: MI_BOT, credential: { kind: 'managedIdentity' } });
    expect(config.aad.credential).toEqual({ kind: 'managedIdentity', clientId: MI_OBO });
    expect(config.storage).toMatchObject({
      blobEndpoint: SECRETLESS.STORAGE_BLOB_ENDPOINT,
      tableEndpoint: SECRETLESS.STORAGE_TABLE_ENDPOINT,
      managedIdentityClientId: MI_BOT,
    });
    expect(config.storage.connectionString).toBeUndefined();
  });

  it('takes BOT_TYPE in the Toolkit spelling and in botbuilder’s', () => {
    expect(loadConfig({ ...SECRETLESS, BOT_TYPE: 'UserAssignedMSI' }).bot.credential.kind).toBe('managedIdentity');
    expect(loadConfig({ ...PRODUCTION, BOT_TYPE: 'SingleTenant' }).bot.credential.kind).toBe('secret');
    expect(problemsOf({ ...PRODUCTION, BOT_TYPE: 'MultiTenant' })).toEqual([
      expect.stringMatching(/^BOT_TYPE: must be 'SingleTenant' or 'UserAssignedMsi'/),
    ]);
  });

  it('uses certificate files for the bot and for OBO when their paths are given', () => {
    const { BOT_PASSWORD: _b, AAD_APP_CLIENT_SECRET: _a, ...rest } = PRODUCTION;
    const config = loadConfig({ ...rest, BOT_CERTIFICATE_PATH: pem, AAD_APP_CERTIFICATE_PATH: pem });
    expect(config.bot.credential).toEqual({ kind: 'certificate', path: pem });
    expect(config.aad.credential).toEqual({ kind: 'certificate', path: pem });
  });

  it('refuses a missing, contradictory or doubled credential with one message naming every problem', () => {
    const env = {
      ...PRODUCTION,
      BOT_CERTIFICATE_PATH: pem,
      AAD_APP_MANAGED_IDENTITY_CLIENT_ID: MI_OBO,
      STORAGE_CONNECTION_STRING: 'UseDevelopmentStorage=true',
      STORAGE_BLOB_ENDPOINT: 'https://reprocess.blob.core.windows.net',
    };
    expect(problemsOf(env)).toEqual([
      'BOT_PASSWORD and BOT_CERTIFICATE_PATH are both set: a SingleTenant bot uses exactly one of them',
      'AAD_APP_CLIENT_SECRET and AAD_APP_MANAGED_IDENTITY_CLIENT_ID are both set: the SSO app uses exactly one client credential',
      'STORAGE_CONNECTION_STRING and STORAGE_BLOB_ENDPOINT are set: use a connection string, or the endpoints with a managed identity, not both',
    ]);
    expect(() => loadConfig(env)).toThrow(/^Invalid configuration:\n {2}- BOT_PASSWORD and BOT_CERTIFICATE_PATH/);
  });

  it('names a missing bot credential, a missing OBO credential and a lone storage endpoint together', () => {
    const { BOT_PASSWORD: _b, AAD_APP_CLIENT_SECRET: _a, ...rest } = PRODUCTION;
    expect(problemsOf({ ...rest, STORAGE_TABLE_ENDPOINT: 'https://reprocess.table.core.windows.net' })).toEqual([
      expect.stringMatching(/^BOT_TYPE=SingleTenant needs BOT_PASSWORD or BOT_CERTIFICATE_PATH/),
      'the SSO app needs one client credential for On-Behalf-Of: set AAD_APP_CLIENT_SECRET, AAD_APP_CERTIFICATE_PATH or AAD_APP_MANAGED_IDENTITY_CLIENT_ID',
      expect.stringMatching(/^STORAGE_TABLE_ENDPOINT is set without STORAGE_BLOB_ENDPOINT/),
    ]);
  });

  it('refuses a secret next to a managed-identity bot, three OBO credentials, and unreadable certificate paths', () => {
    const missing = join(dir, 'missing.pem');
    const problems = problemsOf({
      ...SECRETLESS,
      BOT_PASSWORD: 'x',
      AAD_APP_CLIENT_SECRET: 'y',
      AAD_APP_CERTIFICATE_PATH: missing,
    });
    expect(problems).toEqual([
      'BOT_TYPE=UserAssignedMsi signs in as the managed identity BOT_ID and takes no secret: remove BOT_PASSWORD',
      'AAD_APP_CLIENT_SECRET and AAD_APP_CERTIFICATE_PATH and AAD_APP_MANAGED_IDENTITY_CLIENT_ID are all set: the SSO app uses exactly one client credential',
      `AAD_APP_CERTIFICATE_PATH: no readable file at '${missing}' (a PEM file with the certificate and its private key)`,
    ]);
  });

  it('reports malformed values and credential problems in the same message', () => {
    const problems = problemsOf({
      ...SECRETLESS,
      PORT: 'eighty',
      STORAGE_BLOB_ENDPOINT: 'http://reprocess.blob.core.windows.net',
      AAD_APP_MANAGED_IDENTITY_CLIENT_ID: 'not-a-guid',
      BOT_PASSWORD: 'x',
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^PORT: /),
        'STORAGE_BLOB_ENDPOINT: must be an https:// URL',
        'AAD_APP_MANAGED_IDENTITY_CLIENT_ID: must be a client id (GUID)',
        expect.stringMatching(/takes no secret: remove BOT_PASSWORD$/),
      ]),
    );
  });

  it('logs which kind of credential is used, never a secret or a connection string', () => {
    const text = JSON.stringify(
      redactedSummary(
        loadConfig({
          ...PRODUCTION,
          STORAGE_CONNECTION_STRING: 'AccountKey=abc',
          APPLICATIONINSIGHTS_CONNECTION_STRING: 'InstrumentationKey=ikey',
        }),
      ),
    );
    for (const secret of ['bot-secret', 'aad-secret', 'AccountKey', 'ikey']) expect(text).not.toContain(secret);
    expect(JSON.parse(text)).toMatchObject({
      bot: { credential: 'secret' },
      aad: { credential: 'secret' },
      storage: { mode: 'connection string' },
      telemetry: 'Azure Monitor',
    });
    expect(redactedSummary(loadConfig(SECRETLESS))).toMatchObject({
      bot: { credential: 'managedIdentity' },
      storage: { mode: 'managed identity' },
      telemetry: 'off',
    });
  });
});
