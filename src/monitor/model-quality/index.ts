/**
 * Model Monitor's model-quality job, offline: ground truth (writer, reader), the merge with
 * captures, binary / multiclass / regression metrics with bootstrapped deviations, baselines
 * and monitoring runs writing AWS's files.
 */
export { ModelQualityError, GroundTruthError } from "./errors";
export {
  groundTruthLine,
  groundTruthHour,
  parseGroundTruthLine,
  type GroundTruthRecord,
  type GroundTruthEncoding,
  type ParsedLabel,
} from "./ground-truth-record";
export {
  writeGroundTruth,
  type GroundTruthLabel,
  type WriteGroundTruthOptions,
  type WriteGroundTruthResult,
} from "./ground-truth-writer";
export {
  readGroundTruth,
  newGroundTruthReport,
  type GroundTruthEntry,
  type GroundTruthLocation,
  type GroundTruthReadReport,
  type ReadGroundTruthOptions,
} from "./ground-truth-reader";
export { parseAttribute, type Attribute } from "./attributes";
export {
  mergeGroundTruth,
  GroundTruthMerger,
  type MergeOptions,
  type MergeReport,
  type MergeExample,
  type DuplicateLabel,
  type MatchedCapture,
} from "./merge";
export {
  PROBLEM_TYPES,
  camelMetricName,
  fMeasure,
  type ProblemType,
  type MetricSet,
  type ConfusionMatrix,
  type RocCurve,
  type PrecisionRecallCurve,
} from "./metric-set";
export { binaryMetrics, BinaryRows, type BinaryCells } from "./binary-metrics";
export { multiclassMetrics, MulticlassRows, type ClassCounts } from "./multiclass-metrics";
export { regressionMetrics, RegressionRows } from "./regression-metrics";
export { QualityRowCollector, classText, type QualityIssue, type CollectorOptions } from "./quality-rows";
export {
  qualityMetrics,
  standardDeviations,
  MIN_ROWS_FOR_DEVIATION,
  type QualityRows,
  type DeviationOptions,
} from "./standard-deviation";
export {
  qualityStatistics,
  suggestQualityConstraints,
  qualityViolations,
  formatQualityStatistics,
  formatQualityConstraints,
  formatQualityViolations,
  parseQualityStatistics,
  parseQualityConstraints,
  type MetricValue,
  type QualityStatisticsFile,
  type QualityConstraintsFile,
  type QualityConstraint,
  type QualityViolation,
} from "./quality-files";
export {
  suggestModelQualityBaseline,
  type QualityAttributes,
  type QualityBaselineOptions,
  type QualityBaselineResult,
} from "./quality-baseline";
export {
  runModelQualityMonitor,
  loadQualityBaseline,
  type QualityBaselineSource,
  type QualityMonitorOptions,
  type QualityMonitorResult,
} from "./quality-monitor-run";
export { parseIsoDuration } from "./iso-duration";
export {
  runHourlyModelQuality,
  runQualityHour,
  planQualityHours,
  qualityHourOutput,
  type QualityHour,
  type QualityHourlyOptions,
  type QualityHourlyRun,
} from "./quality-hourly";
export {
  fitCbpe,
  fitCalibration,
  calibrate,
  estimatePerformance,
  type Calibration,
  type CbpeModel,
  type PerformanceEstimate,
} from "./cbpe";
export {
  qualityComparison,
  baselineCurves,
  type QualityComparisonRow,
  type QualityComparisonInput,
} from "./quality-comparison";
export { readCaptureScores, type CaptureScores, type CaptureScoresOptions } from "./capture-scores";
