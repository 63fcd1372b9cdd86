/** A small seeded PRNG (mulberry32), so generated traffic and fault schedules reproduce from a printed seed. */
export interface Rng {
  readonly seed: number;
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [0, n). */
  int(n: number): number;
  /** Integer in [min, max]. */
  between(min: number, max: number): number;
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
}

/** A PRNG whose whole sequence is determined by `seed` (a 32-bit integer). */
export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const int = (n: number): number => Math.floor(next() * n);
  return {
    seed,
    next,
    int,
    between: (min, max) => min + int(max - min + 1),
    chance: (p) => next() < p,
    pick: (items) => {
      if (items.length === 0) throw new Error('pick() from an empty list');
      return items[int(items.length)] as (typeof items)[number];
    },
  };
}

/**
 * The seed for a suite: `RELIABILITY_SEED` when set (to replay a failure), else `fallback`. Printed, so a failing
 * run can be reproduced with `RELIABILITY_SEED=<seed> npm run jest -- <file>`.
 */
export function suiteSeed(suite: string, fallback: number): number {
  const fromEnv = Number(process.env['RELIABILITY_SEED']);
  const seed = Number.isInteger(fromEnv) && process.env['RELIABILITY_SEED'] ? fromEnv : fallback;
  process.stdout.write(`[${suite}] seed ${seed} (replay with RELIABILITY_SEED=${seed})\n`);
  return seed;
}

/** A GUID drawn from `rng` (version-4 shape). */
export function randomGuid(rng: Rng): string {
  const hex = (n: number) => Array.from({ length: n }, () => rng.int(16).toString(16)).join('');
  return `${hex(8)}-${hex(4)}-4${hex(3)}-${rng.pick(['8', '9', 'a', 'b'])}${hex(3)}-${hex(12)}`;
}
