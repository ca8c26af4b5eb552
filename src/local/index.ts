/**
 * The embedded local stack: `startLocalStack` plus the pieces users need around it (model
 * artifacts, the capture writer's types, the S3 store for programmatic access).
 */
export { startLocalStack, type LocalStack, type LocalStackOptions, type LocalCredentials } from "./stack";
export type { LocalStackReport, EndpointStatusReport, EndpointCaptureCounters } from "./stack-status";
export { consoleLogger, silentLogger, type Logger } from "./http/logger";
export {
  createModelArtifact,
  CONTAINER_URL_ENV,
  type ContainerSpec,
  type ModelBackend,
  type InvocationRequest,
  type InvocationResponse,
  type HandlerModule,
  type HandlerContext,
  type HandlerResult,
} from "./serving";
export { S3Store } from "./s3";
export { CaptureWriter, seededRandom } from "./capture-writer";
export type { CaptureOutcome, CaptureWriterStats, CaptureWriterOptions, FlushResult } from "./capture-writer";
