/**
 * Drift measures beyond Model Monitor's, per feature: PSI, the two-sample Kolmogorov-Smirnov
 * statistic with its p-value and the Jensen-Shannon distance for numbers; chi-squared and
 * Jensen-Shannon for categories. Numeric measures work on KLL sketches (a monitoring run
 * keeps no raw values), so they carry the sketch's rank error. Pure.
 */
import { categoricalChiSquared, numericalDistance } from "./deequ-distance";
import type { KllSketch } from "../profile/kll-sketch";
import { kolmogorovSurvival } from "./special-functions";

/** Proportions of zero are replaced by this before logarithms (PSI and JS stay finite). */
const PROPORTION_FLOOR = 1e-4;

/** Interior cut points: 10 equal-width bins over the baseline's [min, max], open at both ends. */
function binEdges(min: number, max: number, bins = 10): number[] {
  const edges: number[] = [];
  for (let i = 1; i < bins; i++) edges.push(min + ((max - min) * i) / bins);
  return edges;
}

/** Share of a sketch's weight in each bin `(-inf, e1), [e1, e2), ..., [e_last, +inf)`. */
function sketchProportions(sketch: KllSketch, edges: readonly number[]): number[] {
  const total = sketch.count();
  const out: number[] = [];
  let previous = 0;
  for (const e of edges) {
    const below = sketch.rankExclusive(e);
    out.push((below - previous) / total);
    previous = below;
  }
  out.push((total - previous) / total);
  return out;
}

function floored(p: readonly number[]): number[] {
  const q = p.map((x) => Math.max(x, PROPORTION_FLOOR));
  const s = q.reduce((a, b) => a + b, 0);
  return q.map((x) => x / s);
}

/**
 * Population Stability Index Σ (q - p) ln(q / p) of current shares `q` against baseline
 * shares `p` (zero shares floored at {@link PROPORTION_FLOOR}). Usual reading: < 0.1 stable,
 * 0.1-0.25 moderate, > 0.25 shifted.
 */
export function psi(baseline: readonly number[], current: readonly number[]): number {
  const p = floored(baseline);
  const q = floored(current);
  let s = 0;
  for (let i = 0; i < p.length; i++) s += (q[i]! - p[i]!) * Math.log(q[i]! / p[i]!);
  return s;
}

/** Jensen-Shannon distance (square root of the base-2 divergence, in [0, 1]). */
export function jensenShannon(baseline: readonly number[], current: readonly number[]): number {
  const sp = baseline.reduce((a, b) => a + b, 0);
  const sq = current.reduce((a, b) => a + b, 0);
  if (sp === 0 || sq === 0) return NaN;
  let d = 0;
  for (let i = 0; i < baseline.length; i++) {
    const p = baseline[i]! / sp;
    const q = current[i]! / sq;
    const m = (p + q) / 2;
    if (p > 0) d += 0.5 * p * Math.log2(p / m);
    if (q > 0) d += 0.5 * q * Math.log2(q / m);
  }
  return Math.sqrt(Math.max(0, d));
}

/** Two-sample KS result. */
export interface KsResult {
  statistic: number;
  pValue: number;
}

/**
 * Two-sample Kolmogorov-Smirnov test from two sketches: D = sup |F_a - F_b| over the
 * sketches' items, p-value from Kolmogorov's limiting distribution with Stephens's
 * small-sample correction λ = (√ne + 0.12 + 0.11/√ne)·D, ne = n·m/(n+m).
 */
export function kolmogorovSmirnov(a: KllSketch, b: KllSketch): KsResult {
  const d = numericalDistance(a, b, "Simple");
  const n = a.count();
  const m = b.count();
  if (!Number.isFinite(d)) return { statistic: NaN, pValue: NaN };
  const en = Math.sqrt((n * m) / (n + m));
  return { statistic: d, pValue: kolmogorovSurvival((en + 0.12 + 0.11 / en) * d) };
}

/** Numeric drift measures of one feature. */
export interface NumericDrift {
  psi: number;
  ks: number;
  ksPValue: number;
  jensenShannon: number;
  baselineShares: number[];
  currentShares: number[];
}

/** PSI, KS and JS between a baseline and a current sketch, binned on the baseline's range. */
export function numericDrift(baseline: KllSketch, current: KllSketch, min: number, max: number): NumericDrift {
  const edges = binEdges(min, max);
  const p = sketchProportions(baseline, edges);
  const q = sketchProportions(current, edges);
  const ks = kolmogorovSmirnov(baseline, current);
  return {
    psi: psi(p, q),
    ks: ks.statistic,
    ksPValue: ks.pValue,
    jensenShannon: jensenShannon(p, q),
    baselineShares: p,
    currentShares: q,
  };
}

/** Categorical drift measures of one feature. */
export interface CategoricalDrift {
  chiSquared: number;
  chiSquaredPValue: number;
  jensenShannon: number;
  categories: string[];
  baselineShares: number[];
  currentShares: number[];
}

/** Chi-squared (Deequ's regrouping) and JS over the union of categories. */
export function categoricalDrift(
  baseline: ReadonlyMap<string, number>,
  current: ReadonlyMap<string, number>,
): CategoricalDrift {
  const categories = [...new Set([...baseline.keys(), ...current.keys()])];
  const p = categories.map((c) => baseline.get(c) ?? 0);
  const q = categories.map((c) => current.get(c) ?? 0);
  const chi = categoricalChiSquared(current, baseline);
  const sp = p.reduce((a, b) => a + b, 0) || 1;
  const sq = q.reduce((a, b) => a + b, 0) || 1;
  return {
    chiSquared: chi.statistic,
    chiSquaredPValue: chi.pValue,
    jensenShannon: jensenShannon(p, q),
    categories,
    baselineShares: p.map((x) => x / sp),
    currentShares: q.map((x) => x / sq),
  };
}
