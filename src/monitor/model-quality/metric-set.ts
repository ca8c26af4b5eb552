/** What a model-quality computation gives (pure): metric values by AWS's names, the matrix, the curves. */

/** Model Monitor's three problem types. */
export type ProblemType = "BinaryClassification" | "MulticlassClassification" | "Regression";

/** The problem types, for validation and help texts. */
export const PROBLEM_TYPES: readonly ProblemType[] = ["BinaryClassification", "MulticlassClassification", "Regression"];

/** `{actual: {predicted: count}}`, the outer key being the actual class. */
export type ConfusionMatrix = Record<string, Record<string, number>>;

/** ROC points from (0,0) to (1,1), one per distinct score, highest score first. */
export interface RocCurve {
  false_positive_rates: number[];
  true_positive_rates: number[];
}

/** Precision-recall points: (0, first precision), then one per distinct score, highest first. */
export interface PrecisionRecallCurve {
  precisions: number[];
  recalls: number[];
}

/** Metrics of one set of merged rows. */
export interface MetricSet {
  problemType: ProblemType;
  /** Rows the metrics were computed on. */
  rows: number;
  /** Scalar metrics by AWS's snake_case names (`auc`, `f0_5`, `weighted_f1`, `rmse`, ...), in AWS's file order. */
  values: Record<string, number>;
  confusionMatrix?: ConfusionMatrix;
  roc?: RocCurve;
  precisionRecall?: PrecisionRecallCurve;
}

/** The F-measure Spark computes: `(1 + b²)·p·r / (b²·p + r)` (left to right, as Spark), 0 when p + r = 0. */
export function fMeasure(precision: number, recall: number, beta: number): number {
  const b2 = beta * beta;
  return precision + recall === 0 ? 0 : ((1 + b2) * precision * recall) / (b2 * precision + recall);
}

/** `metric_name` as AWS writes it in violations: `true_positive_rate` -> `truePositiveRate`. */
export function camelMetricName(name: string): string {
  return name.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
}
