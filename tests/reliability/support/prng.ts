/**
 * Seeded pseudo-random numbers (mulberry32) so every scripted load, kill moment and outage window
 * reproduces from one seed: RELIABILITY_SEED=<n> npm run test:reliability.
 */
export interface Rng {
  seed: number;
  next(): number;
  int(min: number, max: number): number;
  pick<T>(xs: readonly T[]): T;
  chance(p: number): boolean;
  shuffle<T>(xs: readonly T[]): T[];
  weighted<T>(entries: Array<[T, number]>): T;
}

export function rng(seed: number): Rng {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const self: Rng = {
    seed,
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (xs) => xs[Math.floor(next() * xs.length)],
    chance: (p) => next() < p,
    shuffle: (xs) => {
      const out = [...xs];
      for (let i = out.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [out[i], out[j]] = [out[j], out[i]];
      }
      return out;
    },
    weighted: (entries) => {
      const total = entries.reduce((s, [, w]) => s + w, 0);
      let x = next() * total;
      for (const [v, w] of entries) {
        x -= w;
        if (x < 0) return v;
      }
      return entries[entries.length - 1][0];
    },
  };
  return self;
}

/** The seed of this run: RELIABILITY_SEED, else a fixed default per scenario (reproducible CI). */
export function seedFor(scenario: string, fallback: number): number {
  const env = process.env.RELIABILITY_SEED;
  const seed = env ? Number(env) : fallback;
  if (!Number.isInteger(seed)) throw new Error(`RELIABILITY_SEED=${env} is not an integer`);
  // Printed so a failing run names the seed that reproduces it.
  process.stdout.write(`[reliability] ${scenario}: seed ${seed}\n`);
  return seed;
}
