/** Model Monitor's 10 equal-width buckets between min and max, counted from the KLL sketch. Pure. */
import type { KllSketch } from "./kll-sketch";

/** One numeric bucket of statistics.json. */
export interface NumericBucket {
  lower_bound: number;
  upper_bound: number;
  count: number;
}

/** Model Monitor's bucket count ("not currently configurable"). */
export const BUCKET_COUNT = 10;

/**
 * Deequ's `KLLSketch.computeMetricFrom`: bounds `min + (max - min) * i / n`; each bucket
 * counts `[lower, upper)` from the sketch, the last one `[lower, upper]`.
 */
export function kllBuckets(sketch: KllSketch, min: number, max: number, n: number = BUCKET_COUNT): NumericBucket[] {
  const out: NumericBucket[] = [];
  for (let i = 0; i < n; i++) {
    const lower = min + ((max - min) * i) / n;
    const upper = min + ((max - min) * (i + 1)) / n;
    const upperRank = i === n - 1 ? sketch.rank(upper) : sketch.rankExclusive(upper);
    out.push({ lower_bound: lower, upper_bound: upper, count: upperRank - sketch.rankExclusive(lower) });
  }
  return out;
}
