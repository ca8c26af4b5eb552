/**
 * Multiclass metrics as Spark's `MulticlassMetrics` defines them (pure): accuracy and
 * per-class recall, precision and F weighted by each actual class's share, plus the best
 * constant classifier's (always the most frequent actual class).
 */
import { fMeasure, type ConfusionMatrix, type MetricSet } from "./metric-set";

/** Counts by (actual, predicted) class index; `classes` names the indexes. */
export interface ClassCounts {
  classes: string[];
  /** `counts[a * classes.length + p]`. */
  counts: Float64Array;
}

/** Collects (actual, predicted) class texts and counts them. */
export class MulticlassRows {
  private readonly index = new Map<string, number>();
  private readonly pairs = new Map<number, number>();
  readonly classes: string[] = [];
  length = 0;

  private id(c: string): number {
    let i = this.index.get(c);
    if (i === undefined) {
      i = this.classes.length;
      this.index.set(c, i);
      this.classes.push(c);
    }
    return i;
  }

  /** Adds one row. */
  add(actual: string, predicted: string): void {
    const key = this.id(actual) * 65536 + this.id(predicted);
    this.pairs.set(key, (this.pairs.get(key) ?? 0) + 1);
    this.length++;
  }

  /** The counts with classes in order (numerically when every class is a number, else by text). */
  counts(): ClassCounts {
    const numeric = this.classes.every((c) => c.trim() !== "" && Number.isFinite(Number(c)));
    const order = this.classes
      .map((c, i) => ({ c, i }))
      .sort((a, b) => (numeric ? Number(a.c) - Number(b.c) : a.c < b.c ? -1 : a.c > b.c ? 1 : 0));
    const rank = new Array<number>(order.length);
    order.forEach((o, r) => (rank[o.i] = r));
    const k = order.length;
    const counts = new Float64Array(k * k);
    for (const [key, n] of this.pairs) counts[rank[Math.floor(key / 65536)]! * k + rank[key % 65536]!]! += n;
    return { classes: order.map((o) => o.c), counts };
  }
}

function weighted(cc: ClassCounts) {
  const k = cc.classes.length;
  const actual = new Float64Array(k);
  const predicted = new Float64Array(k);
  let n = 0;
  let correct = 0;
  for (let a = 0; a < k; a++)
    for (let p = 0; p < k; p++) {
      const v = cc.counts[a * k + p]!;
      actual[a] += v;
      predicted[p] += v;
      n += v;
      if (a === p) correct += v;
    }
  const out = { accuracy: correct / n, recall: 0, precision: 0, f0_5: 0, f1: 0, f2: 0 };
  for (let c = 0; c < k; c++) {
    if (actual[c] === 0) continue; // weight 0: Spark sums over the actual classes only
    const tp = cc.counts[c * k + c]!;
    const recall = tp / actual[c]!;
    const precision = predicted[c] === 0 ? 0 : tp / predicted[c]!;
    const w = actual[c]!;
    out.recall += (recall * w) / n;
    out.precision += (precision * w) / n;
    out.f0_5 += (fMeasure(precision, recall, 0.5) * w) / n;
    out.f1 += (fMeasure(precision, recall, 1) * w) / n;
    out.f2 += (fMeasure(precision, recall, 2) * w) / n;
  }
  return { out, actual, n };
}

/** Model Monitor's multiclass metrics from class counts. */
export function multiclassMetrics(cc: ClassCounts): MetricSet {
  const k = cc.classes.length;
  const { out, actual, n } = weighted(cc);
  let majority = 0;
  for (let c = 1; c < k; c++) if (actual[c]! > actual[majority]!) majority = c;
  const constant = new Float64Array(k * k);
  for (let a = 0; a < k; a++) constant[a * k + majority] = actual[a]!;
  const bcc = weighted({ classes: cc.classes, counts: constant }).out;
  const matrix: ConfusionMatrix = {};
  cc.classes.forEach((a, i) => {
    const row: Record<string, number> = {};
    cc.classes.forEach((p, j) => (row[p] = cc.counts[i * k + j]!));
    matrix[a] = row;
  });
  return {
    problemType: "MulticlassClassification",
    rows: n,
    values: {
      accuracy: out.accuracy,
      weighted_recall: out.recall,
      weighted_precision: out.precision,
      weighted_f0_5: out.f0_5,
      weighted_f1: out.f1,
      weighted_f2: out.f2,
      accuracy_best_constant_classifier: bcc.accuracy,
      weighted_recall_best_constant_classifier: bcc.recall,
      weighted_precision_best_constant_classifier: bcc.precision,
      weighted_f0_5_best_constant_classifier: bcc.f0_5,
      weighted_f1_best_constant_classifier: bcc.f1,
      weighted_f2_best_constant_classifier: bcc.f2,
    },
    confusionMatrix: matrix,
  };
}
