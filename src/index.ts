/**
 * Capture Lab: capture and inspect what a deployed SageMaker model sees and answers.
 *
 * The front door: what a notebook calls, listed by hand. Everything else users need lives on its
 * concern's entry point: `capture-lab/capture` (the format), `/read` (reading captures), `/aws`
 * (the walkthrough's steps and their helpers), `/session` (targets and sessions), `/local` (the
 * embedded stack), `/monitor` (Model Monitor's jobs), `/display` (notebook output). Names exported
 * nowhere are internal and may change without notice.
 *
 * @example
 * ```ts
 * import { connect, loadCaptures } from "capture-lab";
 *
 * const session = await connect();
 * const { frame } = await loadCaptures("datacapture/");
 * ```
 */

// Errors: every error Capture Lab raises is a CaptureLabError (source, line, field, cause)
export { CaptureLabError, type CaptureLabErrorOptions, type ErrorLocation } from "./errors";

// The session: AWS or the local stack
export { connect, type CaptureLabSession, type ConnectOptions } from "./session";

// The walkthrough's steps
export {
  uniqueName,
  capturePaths,
  ensureBucket,
  uploadModelArtifact,
  deployModel,
  describeCapture,
  updateDataCapture,
  invokeRows,
  waitForCaptures,
  captureSourceFor,
  teardown,
  type CapturePaths,
  type UploadModelOptions,
  type UploadedArtifact,
  type DeployOptions,
  type DeploymentNames,
  type DataCaptureChange,
  type UpdateCaptureOptions,
  type InvokeOptions,
  type InvokeResult,
  type WaitForCapturesOptions,
  type TeardownOptions,
  type TeardownResult,
} from "./aws";
export { buildDataCaptureConfig, type CaptureRecord, type DataCaptureOptions } from "./capture";

// Reading captures into DataFrames
export {
  readCaptureRecords,
  loadCaptures,
  joinWithInferenceCsv,
  type CaptureSource,
  type ReadOptions,
  type LoadOptions,
  type LoadResult,
  type JoinOptions,
  type JoinResult,
} from "./read";

// Notebook output
export { display, showTable, showChart, showJson, createProgress } from "./display";

// The embedded local stack
export { startLocalStack, type LocalStack, type LocalStackOptions } from "./local";

// Model Monitor's data-quality job, offline
export {
  suggestBaseline,
  runMonitor,
  showDriftReport,
  type BaselineOptions,
  type BaselineResult,
  type MonitorOptions,
  type MonitorResult,
} from "./monitor";
