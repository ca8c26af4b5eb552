/**
 * `capture-lab/replay`: captured requests sent again to a candidate model, and where it answers
 * differently.
 */
export {
  replayCaptures,
  DEFAULT_LIVE_RATE,
  DEFAULT_REPLAY_CONCURRENCY,
  type ReplayOptions,
  type ReplayResult,
  type ReplayProgress,
} from "./replay";
export {
  prepareCandidate,
  modelArchive,
  type ReplayCandidate,
  type EndpointCandidate,
  type ModelCandidate,
  type PreparedCandidate,
} from "./candidate";
export { comparisonRow, type ReplayComparisonRow, type ReplayedRequest } from "./comparison";
export { compareOutputs, valuesAgree, type CompareOptions, type OutputComparison } from "./compare-outputs";
export { outputInstances, inputInstanceCount, type OutputValue } from "./output-values";
export {
  summarizeReplay,
  distributionOf,
  predictionDrift,
  type ReplaySummary,
  type Distribution,
  type LargestDifference,
  type PredictionDrift,
  type SummaryOptions,
} from "./summary";
export { candidateCaptureRecord, writeCandidateCaptures, type CandidateCapture } from "./capture-set";
export { writeReplayFiles } from "./output-files";
export { renderReplayReport, replayReportFragment, replayHeadline, type ReplayReportInput } from "./report-html";
export { replayScatterSpec } from "./replay-charts";
export { comparisonFrame, type ComparisonFrame } from "./comparison-frame";
export { showReplayReport, showReplayDifferences, showReplayChart } from "./replay-display";
export { RateLimiter, systemClock, type Clock } from "./rate-limiter";
export { ReplayError, ReplayOptionsError } from "./errors";
