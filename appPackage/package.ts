import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import AdmZip from 'adm-zip';
import { APP_PACKAGE_DIR, fillPlaceholders, parseEnvFile, pngSize, validateManifest } from './manifest-tools';

/**
 * `npm run package [-- local|dev]`: fills the manifest from env/.env.<name>, validates it against the Teams
 * schema, checks the icons, and zips manifest + icons into appPackage/build/appPackage.<name>.zip.
 */
function main(envName = process.argv[2] ?? 'local'): void {
  const root = join(APP_PACKAGE_DIR, '..');
  const envFile = [join(root, 'env', `.env.${envName}`), join(root, 'env', `.env.${envName}.template`)].find((f) =>
    existsSync(f),
  );
  if (!envFile) throw new Error(`No env/.env.${envName} (copy env/.env.${envName}.template and fill it in)`);
  const env = { ...parseEnvFile(readFileSync(envFile, 'utf8')), ...(process.env as Record<string, string>) };
  const manifest = fillPlaceholders(readFileSync(join(APP_PACKAGE_DIR, 'manifest.json'), 'utf8'), env);
  const errors = validateManifest(JSON.parse(manifest));
  if (errors.length > 0) throw new Error(`Manifest is invalid:\n  ${errors.join('\n  ')}`);
  const color = readFileSync(join(APP_PACKAGE_DIR, 'color.png'));
  const outline = readFileSync(join(APP_PACKAGE_DIR, 'outline.png'));
  if (pngSize(color).width !== 192 || pngSize(outline).width !== 32)
    throw new Error('Icons must be 192x192 (color) and 32x32 (outline)');
  const zip = new AdmZip();
  zip.addFile('manifest.json', Buffer.from(manifest));
  zip.addFile('color.png', color);
  zip.addFile('outline.png', outline);
  mkdirSync(join(APP_PACKAGE_DIR, 'build'), { recursive: true });
  const out = join(APP_PACKAGE_DIR, 'build', `appPackage.${envName}.zip`);
  zip.writeZip(out);
  process.stdout.write(`Wrote ${out} (from ${envFile})\n`);
}

main();
