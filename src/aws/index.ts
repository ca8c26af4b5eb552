/**
 * AWS helpers: the walkthrough's steps (paths, upload, deploy, invoke, list captures, update,
 * teardown) with the official SDK v3 clients, against whichever target a session connects to.
 */
export * from "./images";
export * from "./unique-name";
export * from "./paths";
export * from "./upload";
export * from "./waiters";
export {
  AWS_CONFIG_RETRY_DELAYS_MS,
  LOCAL_CONFIG_RETRY_DELAYS_MS,
  defaultConfigRetryDelays,
  isConfigNotFound,
  retryWhileConfigMissing,
} from "./config-retry";
export * from "./deploy";
export { checkDeployment, DeploymentCheckError, type DeploymentCheck } from "./deploy-checks";
export { headBucket, regionMismatchMessage, type BucketHead } from "./bucket-region";
export * from "./update";
export * from "./teardown";
export * from "./invoke";
export { customAttributesProblem, inferenceIdProblem } from "./invoke-headers";
export * from "./captures";
