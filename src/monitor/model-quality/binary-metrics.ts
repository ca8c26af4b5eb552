/**
 * Binary classification metrics as Model Monitor's container computes them (pure). Rows are kept
 * as the scores of each confusion-matrix cell, sorted: one typed-array sort per cell instead of
 * an index sort, and a row subsample stays sorted (the bootstrap needs no new sort).
 */
import { fMeasure, type MetricSet } from "./metric-set";

/** The scores of the rows in each cell (actual x predicted), each sorted ascending. */
export interface BinaryCells {
  /** actual 0, predicted 0 */
  tn: Float64Array;
  /** actual 0, predicted 1 */
  fp: Float64Array;
  /** actual 1, predicted 0 */
  fn: Float64Array;
  /** actual 1, predicted 1 */
  tp: Float64Array;
}

/** Collects rows (label, prediction, score) and sorts them into {@link BinaryCells}. */
export class BinaryRows {
  private readonly cells: Float64Array[] = [
    new Float64Array(1024),
    new Float64Array(1024),
    new Float64Array(1024),
    new Float64Array(1024),
  ];
  private readonly counts = [0, 0, 0, 0];

  /** Rows added. */
  get length(): number {
    return this.counts[0]! + this.counts[1]! + this.counts[2]! + this.counts[3]!;
  }

  /** Adds one row; `actual` and `predicted` are 0 or 1, `score` a finite number. */
  add(actual: number, predicted: number, score: number): void {
    const c = actual * 2 + predicted;
    let arr = this.cells[c]!;
    const n = this.counts[c]!;
    if (n === arr.length) {
      const grown = new Float64Array(arr.length * 2);
      grown.set(arr);
      this.cells[c] = arr = grown;
    }
    arr[n] = score;
    this.counts[c] = n + 1;
  }

  /** The sorted cells (the collector can be dropped afterwards). */
  cellsSorted(): BinaryCells {
    const [tn, fp, fn, tp] = this.cells.map((a, i) => a.slice(0, this.counts[i]).sort());
    return { tn: tn!, fp: fp!, fn: fn!, tp: tp! };
  }
}

function mergeSorted(a: Float64Array, b: Float64Array): Float64Array {
  const out = new Float64Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) out[k++] = a[i]! <= b[j]! ? a[i++]! : b[j++]!;
  while (i < a.length) out[k++] = a[i++]!;
  while (j < b.length) out[k++] = b[j++]!;
  return out;
}

/** ROC and precision-recall points and the area under the ROC curve. */
function curves(cells: BinaryCells, withPoints: boolean) {
  const pos = mergeSorted(cells.fn, cells.tp);
  const neg = mergeSorted(cells.tn, cells.fp);
  const P = pos.length;
  const N = neg.length;
  const fprs: number[] = [0];
  const tprs: number[] = [0];
  const precisions: number[] = [];
  const recalls: number[] = [0];
  let i = P - 1;
  let j = N - 1;
  let tp = 0;
  let fp = 0;
  let auc = 0;
  let lastX = 0;
  let lastY = 0;
  // One point per distinct score, highest first; trapezoids summed left to right.
  const point = (x: number, y: number) => {
    auc += ((x - lastX) * (y + lastY)) / 2.0;
    lastX = x;
    lastY = y;
    if (withPoints) {
      fprs.push(x);
      tprs.push(y);
    }
  };
  while (i >= 0 || j >= 0) {
    const s = i < 0 ? neg[j]! : j < 0 ? pos[i]! : Math.max(pos[i]!, neg[j]!);
    while (i >= 0 && pos[i] === s) {
      tp++;
      i--;
    }
    while (j >= 0 && neg[j] === s) {
      fp++;
      j--;
    }
    const tpr = P === 0 ? 0 : tp / P;
    point(N === 0 ? 0 : fp / N, tpr);
    if (withPoints) {
      precisions.push(tp / (tp + fp));
      recalls.push(tpr);
    }
  }
  point(1.0, 1.0);
  if (withPoints) precisions.unshift(precisions.length > 0 ? precisions[0]! : 1.0);
  return { auc, fprs, tprs, precisions, recalls };
}

/**
 * All of Model Monitor's binary metrics: confusion matrix (`{"0":{"0":TN,"1":FP},"1":{"0":FN,"1":TP}}`),
 * recall, precision, accuracy, TPR, TNR = 1 - FPR, FPR, FNR = 1 - TPR, ROC and PR curves, AUC,
 * F0.5/F1/F2, and the best constant classifier's (the majority actual class, 0 on a tie).
 * @param withCurves false to leave the curve points out (the bootstrap needs only the AUC)
 */
export function binaryMetrics(cells: BinaryCells, withCurves = true): MetricSet {
  const TN = cells.tn.length;
  const FP = cells.fp.length;
  const FN = cells.fn.length;
  const TP = cells.tp.length;
  const n = TN + FP + FN + TP;
  const P = TP + FN;
  const N = TN + FP;
  const precision = TP + FP === 0 ? 0 : TP / (TP + FP);
  const recall = P === 0 ? 0 : TP / P;
  const fpr = N === 0 ? 0 : FP / N;
  const c = curves(cells, withCurves);
  // The best constant classifier always answers the majority class.
  const constantPositive = P > N;
  const bccRecall = constantPositive ? 1 : 0;
  const bccPrecision = constantPositive ? P / n : 0;
  const values: Record<string, number> = {
    recall,
    precision,
    accuracy: (TP + TN) / n,
    recall_best_constant_classifier: bccRecall,
    precision_best_constant_classifier: bccPrecision,
    accuracy_best_constant_classifier: (constantPositive ? P : N) / n,
    true_positive_rate: recall,
    true_negative_rate: 1 - fpr,
    false_positive_rate: fpr,
    false_negative_rate: 1 - recall,
    auc: c.auc,
    f0_5: fMeasure(precision, recall, 0.5),
    f1: fMeasure(precision, recall, 1),
    f2: fMeasure(precision, recall, 2),
    f0_5_best_constant_classifier: fMeasure(bccPrecision, bccRecall, 0.5),
    f1_best_constant_classifier: fMeasure(bccPrecision, bccRecall, 1),
    f2_best_constant_classifier: fMeasure(bccPrecision, bccRecall, 2),
  };
  const set: MetricSet = {
    problemType: "BinaryClassification",
    rows: n,
    values,
    confusionMatrix: { "0": { "0": TN, "1": FP }, "1": { "0": FN, "1": TP } },
  };
  if (withCurves) {
    set.roc = { false_positive_rates: c.fprs, true_positive_rates: c.tprs };
    set.precisionRecall = { precisions: c.precisions, recalls: c.recalls };
  }
  return set;
}
