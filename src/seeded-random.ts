/**
 * Deterministic randomness for sampling, bootstraps and benchmarks: a run's draws can be
 * reproduced, and tests can assert exact counts. Pure.
 */

/**
 * Returns a seeded pseudo-random generator with the mulberry32 mixing function: uniform floats
 * in [0, 1), 32-bit state, the same sequence for the same seed on every platform.
 * @param seed any number; only its low 32 bits are used.
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
