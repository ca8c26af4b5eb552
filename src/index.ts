/**
 * Capture Lab: capture and inspect what a deployed SageMaker model sees and answers.
 *
 * The package root exports the public API, grouped by concern:
 * - the capture format (pure, no I/O): records, encodings, S3 key layout, DataCaptureConfig;
 * - reading captures into danfojs DataFrames;
 * - AWS helpers (deploy, invoke, list) that work against AWS or the local stack;
 * - the embedded local stack;
 * - notebook display helpers.
 */
export * from "./capture";
export * from "./read";
export * from "./aws";
export * from "./local";
export * from "./display";

// Model Monitor's data-quality job, offline (src/monitor): named exports only.
export {
  suggestBaseline,
  runMonitor,
  runHourlyMonitoring,
  loadBaseline,
  NoCapturesError,
  DatasetError,
  MonitorFileError,
  parseStatistics,
  formatStatistics,
  parseConstraints,
  formatConstraints,
  parseViolations,
  formatViolations,
  suggestConstraints,
  defaultMonitoringConfig,
  effectiveConfig,
  runChecks,
  summarizeDrift,
  renderDriftReport,
  showDriftReport,
  KllSketch,
  FeatureProfiler,
  DatasetProfiler,
  numericalDistance,
  categoricalLInfinity,
  categoricalChiSquared,
  psi,
  jensenShannon,
  kolmogorovSmirnov,
  classifyValue,
  decideType,
  javaDouble,
} from "./monitor";
export type {
  BaselineOptions,
  BaselineResult,
  MonitorOptions,
  MonitorResult,
  MonitorIssue,
  HourlyOptions,
  HourlyRun,
  BaselineSource,
  DatasetFormat,
  DatasetLocation,
  OutputLocation,
  StatisticsFile,
  FeatureStatistics,
  ConstraintsFile,
  FeatureConstraints,
  MonitoringConfig,
  ViolationsFile,
  Violation,
  ConstraintCheckType,
  DriftSummary,
  FeatureDrift,
  DriftThresholds,
  InferredType,
  OutputColumnsPosition,
} from "./monitor";
