import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';

/** Where the manifest, icons and env templates live. */
export const APP_PACKAGE_DIR =
  [__dirname, join(__dirname, '..', '..', 'appPackage')].find((dir) => existsSync(join(dir, 'manifest.json'))) ??
  __dirname;
const SCHEMA = '@microsoft/app-manifest/build/json-schemas/teams/v1.24/MicrosoftTeams.schema.json';

/** Reads a Teams/Agents Toolkit style env file (`KEY=value`, `#` comments). */
export function parseEnvFile(text: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const match = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)\s*$/.exec(line);
    if (match && !line.trimStart().startsWith('#')) env[match[1]] = match[2].replace(/^(['"])(.*)\1$/, '$2');
  }
  return env;
}

/** Replaces every `${{NAME}}` placeholder; throws naming each one the env does not define. */
export function fillPlaceholders(template: string, env: Record<string, string>): string {
  const missing = new Set<string>();
  const filled = template.replace(/\$\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g, (_match, name: string) => {
    if (env[name] === undefined) missing.add(name);
    return env[name] ?? '';
  });
  if (missing.size > 0) throw new Error(`Manifest placeholders without a value: ${[...missing].join(', ')}`);
  return filled;
}

/** Validates a manifest against the official Teams v1.24 JSON schema (offline); returns readable errors. */
export function validateManifest(manifest: unknown): string[] {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  const validate = ajv.compile(JSON.parse(readFileSync(require.resolve(SCHEMA), 'utf8')) as object);
  const errors = validate(manifest)
    ? []
    : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`.trim());
  return [...errors, ...ssoRules(manifest)];
}

// Rules the schema cannot express but Teams SSO depends on (FIELD-NOTES).
function ssoRules(manifest: unknown): string[] {
  const m = manifest as { bots?: { botId?: string }[]; webApplicationInfo?: { resource?: string } };
  const botId = m.bots?.[0]?.botId;
  const problems: string[] = [];
  if (!botId || !/^[0-9a-f-]{36}$/i.test(botId)) problems.push('/bots/0/botId must be a GUID');
  if (m.webApplicationInfo?.resource !== `api://botid-${botId}`)
    problems.push('/webApplicationInfo/resource must be api://botid-<BOT_ID>');
  return problems;
}

/** Width and height of a PNG (from its IHDR chunk). */
export function pngSize(buffer: Buffer): { width: number; height: number } {
  if (buffer.subarray(1, 4).toString('ascii') !== 'PNG') throw new Error('not a PNG');
  return { width: buffer.readUInt32BE(16), height: buffer.readUInt32BE(20) };
}
