/**
 * The embedded local stack (`capture-lab/local`): `startLocalStack` plus the pieces users need
 * around it (model artifacts, the capture writer's types). Reach its S3 with the SDK client.
 */
export { startLocalStack, type LocalStack, type LocalStackOptions, type LocalCredentials } from "./stack";
export type { LocalStackReport, EndpointStatusReport, EndpointCaptureCounters } from "./stack-status";
export { DEFAULT_LOCAL_PORT } from "../defaults";
export { consoleLogger, silentLogger, type Logger } from "./http/logger";
export {
  createModelArtifact,
  ArtifactError,
  CONTAINER_URL_ENV,
  type ContainerSpec,
  type ModelBackend,
  type InvocationRequest,
  type InvocationResponse,
  type HandlerModule,
  type HandlerContext,
  type HandlerResult,
} from "./serving";

export type { CaptureOutcome, CaptureWriterStats, CaptureWriterOptions, FlushResult } from "./capture-writer";
