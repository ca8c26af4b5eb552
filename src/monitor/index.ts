/**
 * Model Monitor's data-quality job, offline: baselines (statistics.json, constraints.json)
 * from training data, monitoring runs over captures (constraint_violations.json), the files'
 * readers and writers, and drift measures. The profilers and sketches behind them are internal.
 */
export { suggestBaseline, type BaselineOptions, type BaselineResult } from "./baseline";
export { DatasetError, type DatasetFormat, type DatasetLocation, type RowIssue } from "./dataset-source";
export type { OutputLocation } from "./files/output-location";
export type { InferredType } from "./profile/data-type";
export { suggestConstraints } from "./suggest-constraints";
export {
  parseStatistics,
  formatStatistics,
  type StatisticsFile,
  type FeatureStatistics,
  type NumericalStatistics,
  type StringStatistics,
  type CategoricalBucket,
} from "./files/statistics-file";
export {
  parseConstraints,
  formatConstraints,
  defaultMonitoringConfig,
  effectiveConfig,
  type ConstraintsFile,
  type FeatureConstraints,
  type MonitoringConfig,
  type EffectiveConfig,
} from "./files/constraints-file";
export {
  parseViolations,
  formatViolations,
  type ViolationsFile,
  type Violation,
  type ConstraintCheckType,
} from "./files/violations-file";
export { MonitorFileError } from "./files/file-error";
export type { CheckResult, DriftValueKind, FeatureCheck } from "./checks";
export {
  psi,
  jensenShannon,
  categoricalDrift,
  type KsResult,
  type NumericDrift,
  type CategoricalDrift,
} from "./drift/drift-metrics";
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
  type WindowProgress,
} from "./monitor-run";
export { summarizeHour, type HourSummary } from "./hour-summary";
export { WorkerTaskError } from "./workers/worker-pool";
export { runHourlyMonitoring, type HourlyOptions, type HourlyRun, type HourlyProgress } from "./hourly";
export {
  openRecordPreprocessor,
  runPostAnalyticsProcessor,
  PreprocessorError,
  uploadScript,
  type RecordPreprocessor,
  type RecordPreprocessorOptions,
  type HandlerDict,
  type PostAnalyticsOptions,
  type PostAnalyticsResult,
  type RunFiles,
  type ScriptLocation,
} from "./preprocessor";
export type {
  FeatureValues,
  OutputColumnsPosition,
  RecordProblem,
  RecordRows,
  RecordToRows,
} from "./profile/capture-rows";
export type { DriftSummary, DriftThresholds, FeatureDrift } from "./drift/drift-summary";
export {
  renderDriftReport,
  driftReportFragment,
  miniHistogramSvg,
  type DriftReportInput,
  type DriftReportOptions,
} from "./drift/drift-report-html";
export { showDriftReport } from "./drift/drift-report-display";
export * from "./model-quality";
export {
  renderQualityReport,
  qualityReportFragment,
  qualityOverHours,
  type QualityReportInput,
  type QualityReportOptions,
} from "./quality-report-html";
export { showModelQuality } from "./quality-report-display";
