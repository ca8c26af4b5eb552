/** Statistics of the paired-round benchmarks (bench/endpoint.ts, bench/journal.ts). */
import { seededRandom } from "../../src/local/capture-writer/random";

/** The `p`-th percentile (nearest rank) of an ascending array. */
export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** The median of `xs` (any order). */
export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** 95 % bootstrap interval of the median (seeded: the same ratios always give the same interval). */
export function medianInterval(xs: number[], resamples = 2000): [number, number] {
  const random = seededRandom(1);
  const medians = Array.from({ length: resamples }, () =>
    median(Array.from(xs, () => xs[Math.floor(random() * xs.length)])),
  );
  medians.sort((a, b) => a - b);
  return [medians[Math.floor(resamples * 0.025)], medians[Math.ceil(resamples * 0.975) - 1]];
}
