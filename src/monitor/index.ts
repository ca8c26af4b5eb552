/**
 * Model Monitor's data-quality job, offline: baselines (statistics.json, constraints.json)
 * from training data, monitoring runs over captures (constraint_violations.json), Deequ's
 * statistics and distances, and drift measures beyond them.
 */
export { suggestBaseline, type BaselineOptions, type BaselineResult } from "./baseline";
export { DatasetError, type DatasetFormat, type DatasetLocation, type RowIssue } from "./dataset-source";
export type { OutputLocation } from "./output-location";
export {
  classifyValue,
  decideType,
  typeMatchRatio,
  type InferredType,
  type ValueClass,
  type DataTypeCounts,
} from "./data-type";
export { NumericAccumulator } from "./numeric-stats";
export { KllSketch, KLL_C, KLL_K } from "./kll-sketch";
export { kllBuckets, BUCKET_COUNT, type NumericBucket } from "./buckets";
export { FeatureProfiler, type ProfilerOptions } from "./feature-profiler";
export { DatasetProfiler } from "./dataset-profile";
export { suggestConstraints } from "./suggest-constraints";
export {
  parseStatistics,
  formatStatistics,
  type StatisticsFile,
  type FeatureStatistics,
  type NumericalStatistics,
  type StringStatistics,
  type CategoricalBucket,
} from "./statistics-file";
export {
  parseConstraints,
  formatConstraints,
  defaultMonitoringConfig,
  effectiveConfig,
  type ConstraintsFile,
  type FeatureConstraints,
  type MonitoringConfig,
  type EffectiveConfig,
} from "./constraints-file";
export {
  parseViolations,
  formatViolations,
  type ViolationsFile,
  type Violation,
  type ConstraintCheckType,
} from "./violations-file";
export { MonitorFileError } from "./file-error";
export { runChecks, type CheckInput, type CheckResult, type DriftValueKind, type FeatureCheck } from "./checks";
export {
  numericalDistance,
  categoricalLInfinity,
  categoricalChiSquared,
  type LInfinityMethod,
  type ChiSquaredResult,
} from "./deequ-distance";
export {
  psi,
  jensenShannon,
  kolmogorovSmirnov,
  numericDrift,
  categoricalDrift,
  type KsResult,
  type NumericDrift,
  type CategoricalDrift,
} from "./drift-metrics";
export { javaDouble } from "./java-double";
export {
  runMonitor,
  loadBaseline,
  hoursOf,
  NoCapturesError,
  NoProfiledRowsError,
  type MonitorOptions,
  type MonitorResult,
  type MonitorIssue,
  type BaselineSource,
} from "./monitor-run";
export { runHourlyMonitoring, type HourlyOptions, type HourlyRun } from "./hourly";
export {
  captureRows,
  captureRowsStep,
  type CaptureRowsOptions,
  type FeatureValues,
  type OutputColumnsPosition,
  type RecordRows,
  type RecordProblem,
  type RecordToRows,
} from "./capture-rows";
export { WindowProfile, type WindowProfileOptions, type RefusalReason } from "./window-profile";
export { summarizeDrift, type DriftSummary, type DriftThresholds, type FeatureDrift } from "./drift-summary";
export {
  renderDriftReport,
  driftReportFragment,
  miniHistogramSvg,
  type DriftReportInput,
  type DriftReportOptions,
} from "./drift-report-html";
export { showDriftReport } from "./drift-report-display";
