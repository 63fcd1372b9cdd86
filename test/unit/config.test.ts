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
    expect(config.logLevel).toBe('info');
    expect(config.auditRetentionDays).toBe(90);
  });

  it('refuses to start without the required variables and names every one of them', () => {
    expect(() => loadConfig({})).toThrow(ConfigError);
    try {
      loadConfig({ BOT_ID: PRODUCTION.BOT_ID });
    } catch (error) {
      const message = (error as Error).message;
      for (const name of ['BOT_PASSWORD', 'BOT_TENANT_ID', 'AAD_APP_CLIENT_ID', 'AAD_APP_CLIENT_SECRET', 'AAD_APP_TENANT_ID']) {
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
    });
    expect(config.port).toBe(8080);
    expect(config.aad.authorityHost).toBe('https://login.microsoftonline.us');
    expect(config.aad.ssoAppIdUri).toBe('api://example.com/botid-x');
    expect(config.graph).toEqual({ endpoint: 'https://graph.microsoft.us', version: 'beta' });
    expect(config.channel.tokenIssuer).toBe('https://api.botframework.us');
    expect(config.channel.loginUrl).toBe('https://login.microsoftonline.us/tenant');
    expect(config.allowedTenantIds).toEqual(['a', 'b', 'c']);
    expect(config.storage).toEqual({ connectionString: 'UseDevelopmentStorage=true', container: 'bot' });
    expect(config.logLevel).toBe('debug');
    expect(config.auditRetentionDays).toBe(30);
  });

  it('allows an anonymous bot in sandbox mode but still needs the SSO app', () => {
    const { BOT_ID: _id, BOT_PASSWORD: _pw, ...rest } = PRODUCTION;
    expect(loadConfig(rest, 'sandbox').bot.appId).toBe('');
    expect(() => loadConfig({}, 'sandbox')).toThrow(/AAD_APP_CLIENT_ID/);
  });

  it('is frozen', () => {
    const config = loadConfig(PRODUCTION);
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.aad)).toBe(true);
  });

  it('never puts a secret in the summary it logs', () => {
    const text = JSON.stringify(redactedSummary(loadConfig({ ...PRODUCTION, STORAGE_CONNECTION_STRING: 'AccountKey=abc' })));
    expect(text).not.toContain('bot-secret');
    expect(text).not.toContain('aad-secret');
    expect(text).not.toContain('AccountKey');
  });
});
