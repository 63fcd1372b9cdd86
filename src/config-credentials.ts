import { accessSync, constants, statSync } from 'node:fs';

/** How the bot authenticates to the Bot Framework channel. */
export type BotCredential =
  /** No app id (local Agents Playground): botbuilder neither requires nor sends tokens. */
  | { kind: 'anonymous' }
  | { kind: 'secret'; password: string }
  /** PEM file holding the certificate and its private key. */
  | { kind: 'certificate'; path: string }
  /** `BOT_TYPE=UserAssignedMsi`: `BOT_ID` is a user-assigned managed identity's client id; no secret. */
  | { kind: 'managedIdentity' };

/** How the SSO app proves itself in On-Behalf-Of: exactly one of secret, certificate, federated managed identity. */
export type AppCredential =
  | { kind: 'secret'; secret: string }
  | { kind: 'certificate'; path: string }
  /** The identity's token for `api://AzureADTokenExchange` is the client assertion (a federated identity credential). */
  | { kind: 'managedIdentity'; clientId: string };

/** The credential variables, as read (empty strings already made undefined). */
export interface CredentialVariables {
  BOT_ID?: string;
  BOT_TYPE: 'SingleTenant' | 'UserAssignedMsi';
  BOT_PASSWORD?: string;
  BOT_CERTIFICATE_PATH?: string;
  AAD_APP_CLIENT_SECRET?: string;
  AAD_APP_CERTIFICATE_PATH?: string;
  AAD_APP_MANAGED_IDENTITY_CLIENT_ID?: string;
  STORAGE_CONNECTION_STRING?: string;
  STORAGE_BLOB_ENDPOINT?: string;
  STORAGE_TABLE_ENDPOINT?: string;
}

const NAMES = [
  'BOT_ID',
  'BOT_PASSWORD',
  'BOT_CERTIFICATE_PATH',
  'AAD_APP_CLIENT_SECRET',
  'AAD_APP_CERTIFICATE_PATH',
  'AAD_APP_MANAGED_IDENTITY_CLIENT_ID',
  'STORAGE_CONNECTION_STRING',
  'STORAGE_BLOB_ENDPOINT',
  'STORAGE_TABLE_ENDPOINT',
] as const;

/** The credential variables of `env` (trimmed; empty = unset), read leniently so one malformed value hides no other problem. */
export function credentialVariables(env: Record<string, string | undefined>): CredentialVariables {
  const read = (name: string) => env[name]?.trim() || undefined;
  const type = read('BOT_TYPE')?.toLowerCase() === 'userassignedmsi' ? 'UserAssignedMsi' : 'SingleTenant';
  return { ...Object.fromEntries(NAMES.map((name) => [name, read(name)])), BOT_TYPE: type };
}

const AAD_CREDENTIALS = [
  'AAD_APP_CLIENT_SECRET',
  'AAD_APP_CERTIFICATE_PATH',
  'AAD_APP_MANAGED_IDENTITY_CLIENT_ID',
] as const;

/** Every missing, contradictory or doubled credential, each as one sentence naming the variables involved. */
export function credentialProblems(v: CredentialVariables): string[] {
  return [...botProblems(v), ...appProblems(v), ...storageProblems(v), ...fileProblems(v)];
}

function botProblems(v: CredentialVariables): string[] {
  const secrets = (['BOT_PASSWORD', 'BOT_CERTIFICATE_PATH'] as const).filter((name) => v[name]);
  // A missing BOT_ID is reported with the other required variables (or is the sandbox's anonymous mode).
  if (!v.BOT_ID)
    return secrets.map((name) => `${name} is set but BOT_ID is empty: a bot credential needs the bot's app id`);
  if (v.BOT_TYPE === 'UserAssignedMsi') {
    return secrets.map(
      (name) => `BOT_TYPE=UserAssignedMsi signs in as the managed identity BOT_ID and takes no secret: remove ${name}`,
    );
  }
  if (secrets.length === 2)
    return ['BOT_PASSWORD and BOT_CERTIFICATE_PATH are both set: a SingleTenant bot uses exactly one of them'];
  if (secrets.length === 0) {
    return [
      "BOT_TYPE=SingleTenant needs BOT_PASSWORD or BOT_CERTIFICATE_PATH (or BOT_TYPE=UserAssignedMsi with the managed identity's client id in BOT_ID)",
    ];
  }
  return [];
}

function appProblems(v: CredentialVariables): string[] {
  const set = AAD_CREDENTIALS.filter((name) => v[name]);
  if (set.length === 0) {
    return [
      'the SSO app needs one client credential for On-Behalf-Of: set AAD_APP_CLIENT_SECRET, AAD_APP_CERTIFICATE_PATH or AAD_APP_MANAGED_IDENTITY_CLIENT_ID',
    ];
  }
  if (set.length > 1)
    return [
      `${set.join(' and ')} are ${set.length === 2 ? 'both' : 'all'} set: the SSO app uses exactly one client credential`,
    ];
  return [];
}

function storageProblems(v: CredentialVariables): string[] {
  const endpoints = (['STORAGE_BLOB_ENDPOINT', 'STORAGE_TABLE_ENDPOINT'] as const).filter((name) => v[name]);
  if (v.STORAGE_CONNECTION_STRING && endpoints.length > 0) {
    return [
      `STORAGE_CONNECTION_STRING and ${endpoints.join(' and ')} are set: use a connection string, or the endpoints with a managed identity, not both`,
    ];
  }
  if (endpoints.length === 1) {
    const other = endpoints[0] === 'STORAGE_BLOB_ENDPOINT' ? 'STORAGE_TABLE_ENDPOINT' : 'STORAGE_BLOB_ENDPOINT';
    return [
      `${endpoints[0]} is set without ${other}: the bot keeps state in blobs and its audit in a table, so both are needed`,
    ];
  }
  return [];
}

function fileProblems(v: CredentialVariables): string[] {
  return (['BOT_CERTIFICATE_PATH', 'AAD_APP_CERTIFICATE_PATH'] as const)
    .filter((name) => v[name] && !readableFile(v[name] ?? ''))
    .map((name) => `${name}: no readable file at '${v[name]}' (a PEM file with the certificate and its private key)`);
}

function readableFile(path: string): boolean {
  try {
    accessSync(path, constants.R_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** The bot's channel credential the variables describe (call only when {@link credentialProblems} found none). */
export function botCredential(v: CredentialVariables): BotCredential {
  if (!v.BOT_ID) return { kind: 'anonymous' };
  if (v.BOT_TYPE === 'UserAssignedMsi') return { kind: 'managedIdentity' };
  if (v.BOT_CERTIFICATE_PATH) return { kind: 'certificate', path: v.BOT_CERTIFICATE_PATH };
  return { kind: 'secret', password: v.BOT_PASSWORD ?? '' };
}

/** The SSO app's OBO client credential the variables describe (call only when there is exactly one). */
export function appCredential(v: CredentialVariables): AppCredential {
  if (v.AAD_APP_CERTIFICATE_PATH) return { kind: 'certificate', path: v.AAD_APP_CERTIFICATE_PATH };
  if (v.AAD_APP_MANAGED_IDENTITY_CLIENT_ID)
    return { kind: 'managedIdentity', clientId: v.AAD_APP_MANAGED_IDENTITY_CLIENT_ID };
  return { kind: 'secret', secret: v.AAD_APP_CLIENT_SECRET ?? '' };
}
