/**
 * Model Monitor's `baseline_drift_check` distances, as Deequ's `Distance.scala` defines them:
 * the L-infinity distance between two KLL sketches' CDFs (`Simple`) with the optional
 * two-sample Kolmogorov-Smirnov small-sample correction (`Robust`), and for categories the
 * L-infinity distance of the frequency tables or a chi-squared test after merging small
 * categories. Pure.
 */
import type { KllSketch } from "../profile/kll-sketch";
import { chiSquaredSurvival } from "./special-functions";

/** Deequ's default c(α) (α ≈ 0.003). */
const DEFAULT_C_ALPHA = 1.8;

/** `Simple` (plain L-infinity) or `Robust` (minus c(α)·√((n+m)/(n·m)), floored at 0). */
export type LInfinityMethod = "Simple" | "Robust";

function select(linf: number, n: number, m: number, method: LInfinityMethod): number {
  if (method === "Simple") return linf;
  return Math.max(0, linf - DEFAULT_C_ALPHA * Math.sqrt((n + m) / (n * m)));
}

/**
 * L-infinity distance between the CDFs of two sketches over all their items (Deequ's
 * `numericalDistance`).
 * @example
 * numericalDistance(baselineSketch, currentSketch, "Robust") // 0 when nothing moved
 */
export function numericalDistance(a: KllSketch, b: KllSketch, method: LInfinityMethod = "Robust"): number {
  const ra = a.rankMap();
  const rb = b.rankMap();
  if (ra.keys.length === 0 || rb.keys.length === 0) return NaN;
  const n = ra.ranks[ra.ranks.length - 1]!;
  const m = rb.ranks[rb.ranks.length - 1]!;
  // Merge walk over the union of keys: the rank at a key is that of the last item <= key.
  let i = 0;
  let j = 0;
  let ca = 0;
  let cb = 0;
  let linf = 0;
  while (i < ra.keys.length || j < rb.keys.length) {
    const ka = i < ra.keys.length ? ra.keys[i]! : Infinity;
    const kb = j < rb.keys.length ? rb.keys[j]! : Infinity;
    const key = Math.min(ka, kb);
    if (ka === key) ca = ra.ranks[i++]!;
    if (kb === key) cb = rb.ranks[j++]!;
    linf = Math.max(linf, Math.abs(ca / n - cb / m));
  }
  return select(linf, n, m, method);
}

/** L-infinity distance between two frequency tables (Deequ's `categoricalLInfinityDistance`). */
export function categoricalLInfinity(
  a: ReadonlyMap<string, number>,
  b: ReadonlyMap<string, number>,
  method: LInfinityMethod = "Robust",
): number {
  let n = 0;
  let m = 0;
  for (const v of a.values()) n += v;
  for (const v of b.values()) m += v;
  if (n === 0 || m === 0) return NaN;
  let linf = 0;
  for (const key of new Set([...a.keys(), ...b.keys()])) {
    linf = Math.max(linf, Math.abs((a.get(key) ?? 0) / n - (b.get(key) ?? 0) / m));
  }
  return select(linf, n, m, method);
}

/** Result of {@link categoricalChiSquared}. */
export interface ChiSquaredResult {
  statistic: number;
  pValue: number;
  degreesOfFreedom: number;
}

/**
 * Deequ's chi-squared goodness-of-fit test of `sample` against `expected` counts: expected
 * counts are scaled to the sample's total over the expected categories, small categories are
 * merged into the next smallest until Cochran's (2 categories: all >= 10) or Yates's (more:
 * at most 20% below 5) rule holds, then Pearson's statistic. NaN when fewer than 2
 * categories remain.
 */
export function categoricalChiSquared(
  sample: ReadonlyMap<string, number>,
  expected: ReadonlyMap<string, number>,
): ChiSquaredResult {
  let sampleSum = 0;
  for (const [k, v] of sample) if (expected.has(k)) sampleSum += v;
  let expectedSum = 0;
  for (const v of expected.values()) expectedSum += v;
  const exp = new Map<string, number>();
  for (const [k, v] of expected) exp.set(k, (v / expectedSum) * sampleSum);
  const obs = new Map<string, number>();
  for (const [k, v] of sample) obs.set(k, v);
  for (;;) {
    if (exp.size < 2) break;
    const threshold = exp.size > 2 ? 5 : 10;
    const allowedBelow = exp.size > 2 ? Math.trunc(0.2 * exp.size) : 0;
    let below = 0;
    for (const v of exp.values()) if (v < threshold) below++;
    if (below <= allowedBelow) break;
    const [minKey, minValue] = minEntry(exp);
    const sampleMin = obs.get(minKey) ?? 0;
    exp.delete(minKey);
    obs.delete(minKey);
    const [secondKey, secondValue] = minEntry(exp);
    exp.set(secondKey, secondValue + minValue);
    obs.set(secondKey, (obs.get(secondKey) ?? 0) + sampleMin);
  }
  if (obs.size < 2 || exp.size < 1) return { statistic: NaN, pValue: NaN, degreesOfFreedom: 0 };
  // Spark's chiSqTest(observed, expected) rescales expected to the observed total.
  let obsTotal = 0;
  let expTotal = 0;
  for (const k of exp.keys()) obsTotal += obs.get(k) ?? 0;
  for (const v of exp.values()) expTotal += v;
  let statistic = 0;
  for (const [k, e] of exp) {
    const o = obs.get(k) ?? 0;
    const scaled = (e * obsTotal) / expTotal;
    statistic += ((o - scaled) * (o - scaled)) / scaled;
  }
  const df = exp.size - 1;
  return { statistic, pValue: chiSquaredSurvival(statistic, df), degreesOfFreedom: df };
}

function minEntry(map: Map<string, number>): [string, number] {
  let best: [string, number] | undefined;
  for (const e of map) if (!best || e[1] < best[1]) best = e;
  return best!;
}
