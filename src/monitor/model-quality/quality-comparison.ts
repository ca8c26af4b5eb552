/**
 * What a model-quality report shows, as data (pure): each metric of a window beside the
 * baseline's value and its constraint, the baseline's curves, a run's metrics over hours.
 */
import type { MetricSet, ProblemType, PrecisionRecallCurve, RocCurve } from "./metric-set";
import {
  CONSTRAINTS_KEY,
  METRICS_KEY,
  type QualityConstraint,
  type QualityConstraintsFile,
  type QualityStatisticsFile,
  type QualityViolation,
} from "./quality-files";
import type { PerformanceEstimate } from "./cbpe";

/** One metric row of a report. */
export interface QualityComparisonRow {
  metric: string;
  value: number;
  deviation: number;
  baseline?: number;
  threshold?: number;
  operator?: QualityConstraint["comparison_operator"];
  violated: boolean;
  /** CBPE's estimate and its stated error, when one is given. */
  estimate?: number;
  estimateError?: number;
}

/** The parts of a monitoring result a comparison needs (a `QualityMonitorResult` fits). */
export interface QualityComparisonInput {
  problemType: ProblemType;
  metrics: MetricSet;
  deviations: Record<string, number>;
  violations: readonly QualityViolation[];
  baseline: { statistics: QualityStatisticsFile; constraints: QualityConstraintsFile };
}

/** The baseline's section of metrics (`{value, standard_deviation}` and curves). */
function baselineSection(input: QualityComparisonInput): Record<string, unknown> {
  return (input.baseline.statistics[METRICS_KEY[input.problemType]] ?? {}) as Record<string, unknown>;
}

/**
 * The constrained metrics first (in the constraints file's order), then the rest but the best
 * constant classifier's; each with the baseline's value, threshold and whether it was violated.
 */
export function qualityComparison(
  input: QualityComparisonInput,
  estimate?: PerformanceEstimate,
): QualityComparisonRow[] {
  const constraints = (input.baseline.constraints[CONSTRAINTS_KEY[input.problemType]] ?? {}) as Record<
    string,
    QualityConstraint
  >;
  const base = baselineSection(input);
  const violated = new Set(input.violations.map((v) => v.metric_name));
  const names = [
    ...Object.keys(constraints).filter((k) => k in input.metrics.values),
    ...Object.keys(input.metrics.values).filter((k) => !(k in constraints) && !k.endsWith("_best_constant_classifier")),
  ];
  return names.map((metric) => {
    const c = constraints[metric];
    const b = base[metric] as { value?: number } | undefined;
    const camel = metric.replace(/_([a-z])/g, (_, x: string) => x.toUpperCase());
    const row: QualityComparisonRow = {
      metric,
      value: input.metrics.values[metric]!,
      deviation: input.deviations[metric] ?? NaN,
      violated: violated.has(camel) || violated.has(metric),
    };
    if (typeof b?.value === "number") row.baseline = b.value;
    if (c) {
      row.threshold = c.threshold;
      row.operator = c.comparison_operator;
    }
    if (estimate && metric in estimate.values) {
      row.estimate = estimate.values[metric];
      row.estimateError = estimate.errors[metric];
    }
    return row;
  });
}

/** The baseline's ROC and PR curves, when its statistics hold them. */
export function baselineCurves(input: QualityComparisonInput): {
  roc?: RocCurve;
  precisionRecall?: PrecisionRecallCurve;
} {
  const base = baselineSection(input);
  return {
    roc: base.receiver_operating_characteristic_curve as RocCurve | undefined,
    precisionRecall: base.precision_recall_curve as PrecisionRecallCurve | undefined,
  };
}
