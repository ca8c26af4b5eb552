/** Seeded randomness for the monitor tests (mulberry32 + Box-Muller). */
export { seededRandom as seeded } from "../../src/seeded-random";

/** Standard normal draws from a uniform source. */
export function normal(rand: () => number): () => number {
  return () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
}
