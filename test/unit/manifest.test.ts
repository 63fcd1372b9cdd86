import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  APP_PACKAGE_DIR,
  fillPlaceholders,
  parseEnvFile,
  pngSize,
  validateManifest,
} from '../../appPackage/manifest-tools';

const template = readFileSync(join(APP_PACKAGE_DIR, 'manifest.json'), 'utf8');
const env = parseEnvFile(readFileSync(join(APP_PACKAGE_DIR, '..', 'env', '.env.local.template'), 'utf8'));
interface Manifest {
  accentColor?: string;
  bots: { scopes: string[]; commandLists: { scopes: string[]; commands: { title: string }[] }[] }[];
  webApplicationInfo: { id: string; resource: string };
}
const ours = () => JSON.parse(fillPlaceholders(template, env)) as Manifest;

describe('Teams app manifest', () => {
  it('our manifest, filled from env/.env.local.template, passes the official v1.24 schema', () => {
    expect(validateManifest(ours())).toEqual([]);
  });

  it('a broken manifest fails the schema with a readable error', () => {
    const broken = ours();
    broken.bots[0].scopes = ['everywhere'];
    delete broken.accentColor;
    const errors = validateManifest(broken);
    expect(errors.join('\n')).toMatch(/scopes/);
    expect(errors.join('\n')).toMatch(/accentColor/);
  });

  it('SSO settings must match the bot: resource api://botid-<BOT_ID> and a GUID bot id', () => {
    const wrongResource = ours();
    wrongResource.webApplicationInfo.resource = 'api://example.com/other';
    expect(validateManifest(wrongResource)).toContain('/webApplicationInfo/resource must be api://botid-<BOT_ID>');
    expect(ours().webApplicationInfo).toEqual({ id: env.AAD_APP_CLIENT_ID, resource: `api://botid-${env.BOT_ID}` });
  });

  it('names every placeholder that has no value', () => {
    expect(() => fillPlaceholders(template, { BOT_ID: 'x' })).toThrow(
      /TEAMS_APP_ID.*AAD_APP_CLIENT_ID|AAD_APP_CLIENT_ID.*TEAMS_APP_ID/,
    );
  });

  it('offers the commands in every scope the bot supports', () => {
    const bot = ours().bots[0];
    expect(bot.scopes).toEqual(['personal', 'team', 'groupChat']);
    const titles = (scope: string) =>
      bot.commandLists.find((l) => l.scopes.includes(scope))?.commands.map((c) => c.title);
    expect(titles('personal')).toEqual(
      expect.arrayContaining(['reprocess', 'status', 'reprocess request', 'help', 'signout']),
    );
    expect(titles('team')).toEqual(expect.arrayContaining(['reprocess', 'status', 'help']));
  });

  it('ships icons of the sizes Teams requires', () => {
    expect(pngSize(readFileSync(join(APP_PACKAGE_DIR, 'color.png')))).toEqual({ width: 192, height: 192 });
    expect(pngSize(readFileSync(join(APP_PACKAGE_DIR, 'outline.png')))).toEqual({ width: 32, height: 32 });
  });
});
