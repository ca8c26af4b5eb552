/**
 * AWS helpers: the walkthrough's steps (paths, upload, deploy, invoke, list captures, update,
 * teardown) with the official SDK v3 clients, against whichever target a session connects to.
 */
export { xgboostImageUri, XGBOOST_IMAGE_VERSION, XGBOOST_IMAGE_ACCOUNTS } from "../xgboost-image";
export { uniqueName, type UniqueNameOptions } from "./unique-name";
export { capturePaths, ensureBucket, type CapturePaths, type EnsureBucketResult } from "./paths";
export { uploadModelArtifact, type UploadModelOptions, type UploadedArtifact } from "./upload";
export {
  waitForInService,
  waitForDeleted,
  EndpointFailedError,
  EndpointWaitError,
  type WaiterTiming,
  type EndpointDescription,
  type StatusCallback,
} from "./waiters";
export { deployModel, type DeployOptions, type DeploymentNames } from "./deploy";
export {
  describeCapture,
  applyCaptureChange,
  updateDataCapture,
  type DataCaptureChange,
  type UpdateCaptureOptions,
} from "./update";
export { teardown, type TeardownOptions, type TeardownResult } from "./teardown";
export { readCsvRows, invokeRows, type InvokeProgress, type InvokeOptions, type InvokeResult } from "./invoke";
export { captureSourceFor, waitForCaptures, type CapturePoll, type WaitForCapturesOptions } from "./captures";
export { checkDeployment, DeploymentCheckError, type DeploymentCheck } from "./deploy-checks";
