import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { BOT_ENTRY } from './proc';

/** A build of the bot the bench runs: this one ("after"), or an earlier one named by BENCH_BEFORE_DIR ("before"). */
export interface BotBuild {
  name: 'after' | 'before';
  entry: string;
  /** Where it comes from, for the report. */
  from: string;
}

/**
 * The builds to measure. With `BENCH_BEFORE_DIR` set to a checkout whose `dist/src/index.js` was built (`npm ci &&
 * npm run build` there), that build runs too, in the same sandbox, so before/after ratios share one machine state.
 */
export function botBuilds(env: NodeJS.ProcessEnv = process.env): BotBuild[] {
  const builds: BotBuild[] = [{ name: 'after', entry: BOT_ENTRY, from: 'this checkout' }];
  const dir = env['BENCH_BEFORE_DIR']?.trim();
  if (!dir) return builds;
  const entry = resolve(dir, 'dist', 'src', 'index.js');
  if (!existsSync(entry))
    throw new Error(`BENCH_BEFORE_DIR=${dir}: no ${entry}; run npm ci && npm run build there first.`);
  return [...builds, { name: 'before', entry, from: dir }];
}

/** `after ÷ before` as text, e.g. `1.04×`; a dash when either side is missing. */
export function ratio(after: number | undefined, before: number | undefined, digits = 2): string {
  if (
    after === undefined ||
    before === undefined ||
    !Number.isFinite(after) ||
    !Number.isFinite(before) ||
    before === 0
  )
    return '–';
  return `${(after / before).toFixed(digits)}×`;
}
