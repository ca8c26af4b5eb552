/**
 * Standard deviations of the metrics (pure), as the developer guide describes Model Monitor's:
 * "randomly sampling 80% of the data 5 times, computing the metric, and taking the standard
 * deviation for those results", only from 200 rows on (below, NaN: AWS writes "NaN").
 * Capture Lab keeps each row with probability 0.8 (Spark's `sample(false, 0.8)`, Bernoulli) from a
 * seeded mulberry32 stream, so a run repeats; the deviation is the sample one (n - 1).
 */
import { binaryMetrics, type BinaryCells } from "./binary-metrics";
import type { MetricSet } from "./metric-set";
import { multiclassMetrics, type ClassCounts } from "./multiclass-metrics";
import { regressionMetrics, type RegressionRows } from "./regression-metrics";
import { seededRandom } from "../../seeded-random";

/** Fewer rows than this give `NaN` deviations, as AWS's files say `"NaN"`. */
export const MIN_ROWS_FOR_DEVIATION = 200;

/** Merged rows of one problem type, ready for the metrics. */
export type QualityRows =
  | { problemType: "BinaryClassification"; cells: BinaryCells }
  | { problemType: "MulticlassClassification"; counts: ClassCounts }
  | { problemType: "Regression"; rows: RegressionRows };

/** How the deviations are drawn. */
export interface DeviationOptions {
  /** Seed of the sampling (default 42). */
  seed?: number;
  /** Subsamples (default 5). */
  samples?: number;
  /** Share of rows each subsample keeps (default 0.8). */
  fraction?: number;
}

/** The metrics of all rows (curves included). */
export function qualityMetrics(rows: QualityRows): MetricSet {
  if (rows.problemType === "BinaryClassification") return binaryMetrics(rows.cells);
  if (rows.problemType === "MulticlassClassification") return multiclassMetrics(rows.counts);
  return regressionMetrics(rows.rows);
}

function subsample(rows: QualityRows, random: () => number, f: number): MetricSet {
  if (rows.problemType === "BinaryClassification") {
    const keep = (a: Float64Array) => a.filter(() => random() < f);
    const c = rows.cells;
    return binaryMetrics({ tn: keep(c.tn), fp: keep(c.fp), fn: keep(c.fn), tp: keep(c.tp) }, false);
  }
  if (rows.problemType === "MulticlassClassification") {
    const counts = rows.counts.counts.map((n) => {
      let kept = 0;
      for (let i = 0; i < n; i++) if (random() < f) kept++;
      return kept;
    });
    return multiclassMetrics({ classes: rows.counts.classes, counts });
  }
  const mask = new Uint8Array(rows.rows.length);
  for (let i = 0; i < mask.length; i++) mask[i] = random() < f ? 1 : 0;
  return regressionMetrics(rows.rows, mask);
}

/**
 * The standard deviation of each scalar metric over seeded subsamples; every one is `NaN`
 * below {@link MIN_ROWS_FOR_DEVIATION} rows.
 */
export function standardDeviations(
  rows: QualityRows,
  metrics: MetricSet,
  options: DeviationOptions = {},
): Record<string, number> {
  const names = Object.keys(metrics.values);
  const out: Record<string, number> = {};
  if (metrics.rows < MIN_ROWS_FOR_DEVIATION) {
    for (const k of names) out[k] = NaN;
    return out;
  }
  const random = seededRandom(options.seed ?? 42);
  const samples = options.samples ?? 5;
  const f = options.fraction ?? 0.8;
  const draws = Array.from({ length: samples }, () => subsample(rows, random, f).values);
  for (const k of names) {
    let sum = 0;
    for (const d of draws) sum += d[k]!;
    const mean = sum / samples;
    let ss = 0;
    for (const d of draws) ss += (d[k]! - mean) * (d[k]! - mean);
    out[k] = Math.sqrt(ss / (samples - 1));
  }
  return out;
}
