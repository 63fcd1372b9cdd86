import { z } from 'zod';
import {
  appCredential,
  botCredential,
  credentialProblems,
  credentialVariables,
  type AppCredential,
  type BotCredential,
} from './config-credentials';

export type { AppCredential, BotCredential } from './config-credentials';

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
// A bearer token is never sent over plain http, so managed-identity endpoints must be https.
const httpsUrl = optional.refine((v) => v === undefined || /^https:\/\/[^\s]+$/i.test(v), 'must be an https:// URL');
const clientId = optional.refine(
  (v) => v === undefined || /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v),
  'must be a client id (GUID)',
);
// The Toolkit writes `UserAssignedMsi`, botbuilder's docs `UserAssignedMSI`: botbuilder compares case-insensitively too.
const botType = optional
  .refine(
    (v) => v === undefined || /^(singletenant|userassignedmsi)$/i.test(v),
    "must be 'SingleTenant' or 'UserAssignedMsi'",
  )
  .transform((v) =>
    v?.toLowerCase() === 'userassignedmsi' ? ('UserAssignedMsi' as const) : ('SingleTenant' as const),
  );
const guidList = z
  .string()
  .trim()
  .optional()
  .transform((v) =>
    (v ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  );

const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3978),
  BOT_ID: optional,
  BOT_TYPE: botType,
  BOT_PASSWORD: optional,
  BOT_CERTIFICATE_PATH: optional,
  BOT_TENANT_ID: optional,
  AAD_APP_CLIENT_ID: optional,
  AAD_APP_CLIENT_SECRET: optional,
  AAD_APP_CERTIFICATE_PATH: optional,
  AAD_APP_MANAGED_IDENTITY_CLIENT_ID: clientId,
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
  STORAGE_BLOB_ENDPOINT: httpsUrl,
  STORAGE_TABLE_ENDPOINT: httpsUrl,
  AZURE_CLIENT_ID: clientId,
  STORAGE_CONTAINER: z.string().trim().min(1).default('reprocess-bot'),
  AUDIT_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  APPLICATIONINSIGHTS_CONNECTION_STRING: optional,
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

/** Every variable of the configuration contract (DESIGN.md); nothing else is read. */
export const CONFIG_VARIABLES = Object.keys(schema.shape) as (keyof typeof schema.shape)[];

/** Variables production cannot run without, whatever the credentials. In sandbox mode BOT_ID may be empty (anonymous). */
export const REQUIRED_IN_PRODUCTION = ['BOT_ID', 'BOT_TENANT_ID', 'AAD_APP_CLIENT_ID', 'AAD_APP_TENANT_ID'] as const;

/** Variables that hold a secret (or a key): a secretless deployment sets none of them. */
export const SECRET_VARIABLES = ['BOT_PASSWORD', 'AAD_APP_CLIENT_SECRET', 'STORAGE_CONNECTION_STRING'] as const;

/** Validated, frozen configuration: the only view of the environment the rest of the code gets. */
export interface Config {
  port: number;
  bot: { appId: string; tenantId: string; credential: BotCredential };
  aad: {
    clientId: string;
    tenantId: string;
    authorityHost: string;
    ssoAppIdUri: string;
    credential: AppCredential;
    /** Admin-consent page of the SSO app in its tenant, shown when Entra says consent is missing. */
    consentUrl: string;
  };
  graph: { endpoint: string; version: 'v1.0' | 'beta' };
  channel: { openIdMetadataUrl: string; tokenIssuer: string; loginUrl: string; oauthScope: string };
  allowedTenantIds: readonly string[];
  /** Connection string, or endpoints reached as a managed identity (`AZURE_CLIENT_ID`); neither = memory. */
  storage: {
    connectionString?: string;
    blobEndpoint?: string;
    tableEndpoint?: string;
    managedIdentityClientId?: string;
    container: string;
  };
  /** Azure Monitor (Application Insights) connection string; undefined = no telemetry is loaded. */
  telemetry: { connectionString?: string };
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
export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  mode: 'production' | 'sandbox' = 'production',
): Config {
  const parsed = schema.safeParse(env);
  const problems = parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  const required =
    mode === 'production' ? REQUIRED_IN_PRODUCTION : (['AAD_APP_CLIENT_ID', 'AAD_APP_TENANT_ID'] as const);
  const missing = required.filter((name) => !env[name]?.trim());
  problems.push(...credentialProblems(credentialVariables(env)));
  if (missing.length > 0) {
    problems.unshift(
      `missing required variable(s): ${missing.join(', ')} (for a local bot with no Microsoft tenant, run: npm run sandbox)`,
    );
  }
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems);
  return deepFreeze(toConfig(parsed.data));
}

// The admin-consent endpoint without a redirect_uri: Entra then uses the app's first reply URL.
function consentUrlOf(authorityHost: string, tenantId: string, clientId: string): string {
  return `${authorityHost}/${encodeURIComponent(tenantId || 'organizations')}/adminconsent?client_id=${encodeURIComponent(clientId)}`;
}

function toConfig(e: z.infer<typeof schema>): Config {
  const aadTenant = e.AAD_APP_TENANT_ID ?? '';
  const botId = e.BOT_ID ?? '';
  const botTenant = e.BOT_TENANT_ID ?? aadTenant;
  return {
    port: e.PORT,
    bot: { appId: botId, tenantId: botTenant, credential: botCredential(e) },
    aad: {
      clientId: e.AAD_APP_CLIENT_ID ?? '',
      tenantId: aadTenant,
      authorityHost: e.AAD_APP_OAUTH_AUTHORITY_HOST.replace(/\/+$/, ''),
      ssoAppIdUri: e.SSO_APP_ID_URI ?? `api://botid-${botId || e.AAD_APP_CLIENT_ID}`,
      credential: appCredential(e),
      consentUrl: consentUrlOf(
        e.AAD_APP_OAUTH_AUTHORITY_HOST.replace(/\/+$/, ''),
        aadTenant,
        e.AAD_APP_CLIENT_ID ?? '',
      ),
    },
    graph: { endpoint: e.GRAPH_ENDPOINT.replace(/\/+$/, ''), version: e.GRAPH_API_VERSION },
    channel: {
      openIdMetadataUrl: e.ToBotFromChannelOpenIdMetadataUrl,
      tokenIssuer: e.ToBotFromChannelTokenIssuer,
      loginUrl: e.ToChannelFromBotLoginUrl ?? `${PUBLIC_CLOUD.loginHost}/${botTenant}`,
      oauthScope: e.ToChannelFromBotOAuthScope,
    },
    allowedTenantIds: Object.freeze(e.ALLOWED_TENANT_IDS.length > 0 ? e.ALLOWED_TENANT_IDS : [aadTenant]),
    storage: {
      connectionString: e.STORAGE_CONNECTION_STRING,
      blobEndpoint: e.STORAGE_BLOB_ENDPOINT,
      tableEndpoint: e.STORAGE_TABLE_ENDPOINT,
      managedIdentityClientId: e.AZURE_CLIENT_ID,
      container: e.STORAGE_CONTAINER,
    },
    telemetry: { connectionString: e.APPLICATIONINSIGHTS_CONNECTION_STRING },
    auditRetentionDays: e.AUDIT_RETENTION_DAYS,
    logLevel: e.LOG_LEVEL,
  };
}

function deepFreeze<T extends object>(value: T): T {
  for (const child of Object.values(value)) if (typeof child === 'object' && child !== null) deepFreeze(child);
  return Object.freeze(value);
}

/** A summary safe to log: which kind of credential is used, never its value. */
export function redactedSummary(config: Config): Record<string, unknown> {
  const { connectionString, ...storage } = config.storage;
  const storageMode = connectionString ? 'connection string' : storage.blobEndpoint ? 'managed identity' : 'in-memory';
  return {
    ...config,
    bot: { ...config.bot, credential: config.bot.credential.kind },
    aad: { ...config.aad, credential: config.aad.credential.kind },
    storage: { ...storage, mode: storageMode },
    telemetry: config.telemetry.connectionString ? 'Azure Monitor' : 'off',
  };
}
