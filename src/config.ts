import { z } from 'zod';

/** Public-cloud defaults of botbuilder's channel-auth settings (all four are always passed together). */
const PUBLIC_CLOUD = {
  openIdMetadataUrl: 'https://login.botframework.com/v1/.well-known/openidconfiguration',
  tokenIssuer: 'https://api.botframework.com',
  loginHost: 'https://login.microsoftonline.com',
  oauthScope: 'https://api.botframework.com',
};

const optional = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v === '' ? undefined : v));
const url = z.string().trim().url();
const guidList = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v ?? '').split(',').map((s) => s.trim()).filter(Boolean));

const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3978),
  BOT_ID: optional,
  BOT_PASSWORD: optional,
  BOT_TENANT_ID: optional,
  AAD_APP_CLIENT_ID: optional,
  AAD_APP_CLIENT_SECRET: optional,
  AAD_APP_TENANT_ID: optional,
  AAD_APP_OAUTH_AUTHORITY_HOST: url.default('https://login.microsoftonline.com'),
  SSO_APP_ID_URI: optional,
  GRAPH_ENDPOINT: url.default('https://graph.microsoft.com'),
  GRAPH_API_VERSION: z.enum(['v1.0', 'beta']).default('v1.0'),
  ToBotFromChannelOpenIdMetadataUrl: url.default(PUBLIC_CLOUD.openIdMetadataUrl),
  ToBotFromChannelTokenIssuer: z.string().trim().min(1).default(PUBLIC_CLOUD.tokenIssuer),
  ToChannelFromBotLoginUrl: optional,
  ToChannelFromBotOAuthScope: z.string().trim().min(1).default(PUBLIC_CLOUD.oauthScope),
  ALLOWED_TENANT_IDS: guidList,
  STORAGE_CONNECTION_STRING: optional,
  STORAGE_CONTAINER: z.string().trim().min(1).default('reprocess-bot'),
  AUDIT_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

/** Variables production cannot run without. In sandbox mode BOT_ID/BOT_PASSWORD may be empty (anonymous). */
export const REQUIRED_IN_PRODUCTION = [
  'BOT_ID',
  'BOT_PASSWORD',
  'BOT_TENANT_ID',
  'AAD_APP_CLIENT_ID',
  'AAD_APP_CLIENT_SECRET',
  'AAD_APP_TENANT_ID',
] as const;

/** Validated, frozen configuration: the only view of the environment the rest of the code gets. */
export interface Config {
  port: number;
  bot: { appId: string; password: string; tenantId: string };
  aad: { clientId: string; clientSecret: string; tenantId: string; authorityHost: string; ssoAppIdUri: string };
  graph: { endpoint: string; version: 'v1.0' | 'beta' };
  channel: { openIdMetadataUrl: string; tokenIssuer: string; loginUrl: string; oauthScope: string };
  allowedTenantIds: readonly string[];
  storage: { connectionString?: string; container: string };
  /** How long audit entries are kept (`history` and the audit table). */
  auditRetentionDays: number;
  logLevel: string;
}

/** Thrown when the environment does not describe a runnable bot; the message names every problem. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Reads and validates configuration. `mode: 'production'` insists on the bot and SSO app credentials;
 * `mode: 'sandbox'` allows an anonymous bot (the Agents Playground sends no JWT).
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, mode: 'production' | 'sandbox' = 'production'): Config {
  const parsed = schema.safeParse(env);
  const problems = parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  const required = mode === 'production' ? REQUIRED_IN_PRODUCTION : (['AAD_APP_CLIENT_ID', 'AAD_APP_CLIENT_SECRET', 'AAD_APP_TENANT_ID'] as const);
  const missing = required.filter((name) => !env[name]?.trim());
  if (missing.length > 0) {
    problems.unshift(`missing required variable(s): ${missing.join(', ')} (for a local bot with no Microsoft tenant, run: npm run sandbox)`);
  }
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems);
  return deepFreeze(toConfig(parsed.data));
}

function toConfig(e: z.infer<typeof schema>): Config {
  const aadTenant = e.AAD_APP_TENANT_ID ?? '';
  const botId = e.BOT_ID ?? '';
  const botTenant = e.BOT_TENANT_ID ?? aadTenant;
  return {
    port: e.PORT,
    bot: { appId: botId, password: e.BOT_PASSWORD ?? '', tenantId: botTenant },
    aad: {
      clientId: e.AAD_APP_CLIENT_ID ?? '',
      clientSecret: e.AAD_APP_CLIENT_SECRET ?? '',
      tenantId: aadTenant,
      authorityHost: e.AAD_APP_OAUTH_AUTHORITY_HOST.replace(/\/+$/, ''),
      ssoAppIdUri: e.SSO_APP_ID_URI ?? `api://botid-${botId || e.AAD_APP_CLIENT_ID}`,
    },
    graph: { endpoint: e.GRAPH_ENDPOINT.replace(/\/+$/, ''), version: e.GRAPH_API_VERSION },
    channel: {
      openIdMetadataUrl: e.ToBotFromChannelOpenIdMetadataUrl,
      tokenIssuer: e.ToBotFromChannelTokenIssuer,
      loginUrl: e.ToChannelFromBotLoginUrl ?? `${PUBLIC_CLOUD.loginHost}/${botTenant}`,
      oauthScope: e.ToChannelFromBotOAuthScope,
    },
    allowedTenantIds: Object.freeze(e.ALLOWED_TENANT_IDS.length > 0 ? e.ALLOWED_TENANT_IDS : [aadTenant]),
    storage: { connectionString: e.STORAGE_CONNECTION_STRING, container: e.STORAGE_CONTAINER },
    auditRetentionDays: e.AUDIT_RETENTION_DAYS,
    logLevel: e.LOG_LEVEL,
  };
}

function deepFreeze<T extends object>(value: T): T {
  for (const child of Object.values(value)) if (typeof child === 'object' && child !== null) deepFreeze(child);
  return Object.freeze(value);
}

/** A summary safe to log: secrets are replaced by whether they are set. */
export function redactedSummary(config: Config): Record<string, unknown> {
  return {
    ...config,
    bot: { ...config.bot, password: config.bot.password ? '[set]' : '[empty]' },
    aad: { ...config.aad, clientSecret: config.aad.clientSecret ? '[set]' : '[empty]' },
    storage: { ...config.storage, connectionString: config.storage.connectionString ? '[set]' : '[empty: in-memory]' },
  };
}
