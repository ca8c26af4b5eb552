/**
 * Confidence-based performance estimation (CBPE, as NannyML describes it) for binary
 * classification: the model's scores, calibrated on a labelled baseline set by isotonic
 * regression, are the probabilities that each row is positive; the expected confusion matrix
 * follows (a row predicted 1 is a true positive with probability p, a false positive with 1 - p;
 * predicted 0, a false negative with p, a true negative with 1 - p), and the metrics of that
 * matrix are the estimate. ROC AUC is estimated from the expected TPR and FPR at each score.
 * The stated error is the standard deviation of the realized metric when the labels are drawn
 * from the calibrated probabilities (seeded draws): if the calibration holds, the realized value
 * lies within about two errors of the estimate 95% of the time. Pure.
 */
import { BinaryRows, binaryMetrics } from "./binary-metrics";
import { ModelQualityError } from "./errors";
import { fMeasure } from "./metric-set";
import { seededRandom } from "../../seeded-random";

/** An isotonic (non-decreasing) map from score to probability: knots, interpolated linearly between. */
export interface Calibration {
  /** Knot scores, increasing. */
  scores: number[];
  /** Calibrated probabilities at the knots, non-decreasing. */
  probabilities: number[];
}

/** The CBPE model of a baseline set. */
export interface CbpeModel {
  calibration: Calibration;
  /** A row is predicted 1 when its score is strictly above this (default 0.5, as the monitor). */
  threshold: number;
  /** Rows the calibration was fitted on. */
  baselineRows: number;
}

/** Metrics estimated without labels. */
export interface PerformanceEstimate {
  rows: number;
  /** Expected counts `{actual: {predicted: count}}` (fractional). */
  confusionMatrix: Record<"0" | "1", Record<"0" | "1", number>>;
  /** Estimated values by AWS's names: accuracy, precision, recall, f0_5, f1, f2, auc, rates. */
  values: Record<string, number>;
  /** The standard deviation of each realized metric under the calibrated probabilities. */
  errors: Record<string, number>;
}

/**
 * Isotonic regression of 0/1 labels on scores (pool adjacent violators); ties in score are one
 * point. Needs both classes.
 */
export function fitCalibration(scores: ArrayLike<number>, labels: ArrayLike<number>): Calibration {
  const n = scores.length;
  if (n !== labels.length) throw new ModelQualityError(`${n} scores but ${labels.length} labels`);
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[a]! - scores[b]!);
  // Blocks: score range, label sum, weight.
  const lo: number[] = [];
  const hi: number[] = [];
  const sum: number[] = [];
  const w: number[] = [];
  let positives = 0;
  for (const i of order) {
    const s = scores[i]!;
    const y = labels[i]!;
    if (!Number.isFinite(s) || (y !== 0 && y !== 1))
      throw new ModelQualityError(`calibration row ${i}: expected a finite score and a 0/1 label, got ${s} and ${y}`);
    positives += y;
    const k = lo.length - 1;
    if (k >= 0 && hi[k] === s) {
      sum[k]! += y;
      w[k]! += 1;
    } else {
      lo.push(s);
      hi.push(s);
      sum.push(y);
      w.push(1);
    }
    // Pool while the last block's mean is below the one before it.
    while (lo.length > 1) {
      const a = lo.length - 2;
      const b = a + 1;
      if (sum[a]! / w[a]! <= sum[b]! / w[b]!) break;
      hi[a] = hi[b]!;
      sum[a]! += sum[b]!;
      w[a]! += w[b]!;
      lo.pop();
      hi.pop();
      sum.pop();
      w.pop();
    }
  }
  if (positives === 0 || positives === n)
    throw new ModelQualityError(`calibration needs both classes; the ${n} baseline rows are all ${positives ? 1 : 0}`);
  const knots: Calibration = { scores: [], probabilities: [] };
  for (let k = 0; k < lo.length; k++) {
    const p = sum[k]! / w[k]!;
    knots.scores.push(lo[k]!);
    knots.probabilities.push(p);
    if (hi[k]! > lo[k]!) {
      knots.scores.push(hi[k]!);
      knots.probabilities.push(p);
    }
  }
  return knots;
}

/** The calibrated probability of a score (clamped outside the knots). */
export function calibrate(calibration: Calibration, score: number): number {
  const xs = calibration.scores;
  const ys = calibration.probabilities;
  if (score <= xs[0]!) return ys[0]!;
  if (score >= xs[xs.length - 1]!) return ys[ys.length - 1]!;
  let a = 0;
  let b = xs.length - 1;
  while (b - a > 1) {
    const m = (a + b) >> 1;
    if (xs[m]! <= score) a = m;
    else b = m;
  }
  const t = (score - xs[a]!) / (xs[b]! - xs[a]!);
  return ys[a]! + t * (ys[b]! - ys[a]!);
}

/**
 * Fits CBPE on a labelled baseline set (the validation set the model-quality baseline came from).
 * @example
 * const model = fitCbpe({ scores: validation.map((r) => r.score), labels: validation.map((r) => r.label) });
 * const estimate = estimatePerformance(model, capturedScores);
 * estimate.values.auc; estimate.errors.auc;
 */
export function fitCbpe(set: { scores: ArrayLike<number>; labels: ArrayLike<number>; threshold?: number }): CbpeModel {
  return {
    calibration: fitCalibration(set.scores, set.labels),
    threshold: set.threshold ?? 0.5,
    baselineRows: set.scores.length,
  };
}

function confusionValues(tp: number, fp: number, fn: number, tn: number): Record<string, number> {
  const n = tp + fp + fn + tn;
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
  const fpr = fp + tn === 0 ? 0 : fp / (fp + tn);
  return {
    accuracy: (tp + tn) / n,
    precision,
    recall,
    true_positive_rate: recall,
    true_negative_rate: 1 - fpr,
    false_positive_rate: fpr,
    false_negative_rate: 1 - recall,
    f0_5: fMeasure(precision, recall, 0.5),
    f1: fMeasure(precision, recall, 1),
    f2: fMeasure(precision, recall, 2),
  };
}

/** Expected ROC AUC: expected TPR/FPR per distinct score, highest first, trapezoids summed. */
function expectedAuc(scores: ArrayLike<number>, probs: Float64Array): number {
  const order = Array.from({ length: scores.length }, (_, i) => i).sort((a, b) => scores[b]! - scores[a]!);
  let P = 0;
  let N = 0;
  for (const p of probs) {
    P += p;
    N += 1 - p;
  }
  if (P === 0 || N === 0) return 0;
  let tp = 0;
  let fp = 0;
  let auc = 0;
  let prevTpr = 0;
  let prevFpr = 0;
  for (let k = 0; k < order.length; k++) {
    const i = order[k]!;
    tp += probs[i]!;
    fp += 1 - probs[i]!;
    if (k + 1 < order.length && scores[order[k + 1]!] === scores[i]) continue;
    const tpr = tp / P;
    const fpr = fp / N;
    auc += ((fpr - prevFpr) * (tpr + prevTpr)) / 2;
    prevTpr = tpr;
    prevFpr = fpr;
  }
  return auc;
}

/**
 * Estimates the binary metrics of rows whose labels have not arrived, from their scores.
 * @param options.draws label draws for the stated errors (default 200); `seed` (default 42)
 */
export function estimatePerformance(
  model: CbpeModel,
  scores: ArrayLike<number>,
  options: { draws?: number; seed?: number } = {},
): PerformanceEstimate {
  const n = scores.length;
  if (n === 0) throw new ModelQualityError("nothing to estimate: no scores");
  const probs = new Float64Array(n);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let tn = 0;
  for (let i = 0; i < n; i++) {
    const s = scores[i]!;
    if (!Number.isFinite(s)) throw new ModelQualityError(`score ${i}: expected a finite number, got ${s}`);
    const p = calibrate(model.calibration, s);
    probs[i] = p;
    if (s > model.threshold) {
      tp += p;
      fp += 1 - p;
    } else {
      fn += p;
      tn += 1 - p;
    }
  }
  const values = { ...confusionValues(tp, fp, fn, tn), auc: expectedAuc(scores, probs) };
  const draws = options.draws ?? 200;
  const random = seededRandom(options.seed ?? 42);
  const sums: Record<string, number> = {};
  const squares: Record<string, number> = {};
  for (let d = 0; d < draws; d++) {
    const rows = new BinaryRows();
    for (let i = 0; i < n; i++)
      rows.add(random() < probs[i]! ? 1 : 0, scores[i]! > model.threshold ? 1 : 0, scores[i]!);
    const m = binaryMetrics(rows.cellsSorted(), false).values;
    for (const k of Object.keys(values)) {
      sums[k] = (sums[k] ?? 0) + m[k]!;
      squares[k] = (squares[k] ?? 0) + m[k]! * m[k]!;
    }
  }
  const errors: Record<string, number> = {};
  for (const k of Object.keys(values)) {
    const mean = sums[k]! / draws;
    errors[k] = draws > 1 ? Math.sqrt(Math.max(0, (squares[k]! - draws * mean * mean) / (draws - 1))) : NaN;
  }
  return {
    rows: n,
    confusionMatrix: { "0": { "0": tn, "1": fp }, "1": { "0": fn, "1": tp } },
    values,
    errors,
  };
}
