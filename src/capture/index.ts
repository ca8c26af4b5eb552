/**
 * The capture format (pure, no I/O): records and their lines, encodings, the S3 key layout,
 * S3 URIs, DataCaptureConfig and resource-name validation.
 */
export * from "./record";
export * from "./errors";
export * from "./time";
export * from "./line";
export * from "./line-bytes";
export * from "./encoding";
export * from "./keys";
export * from "./s3uri";
export * from "./validation";
export * from "./resource-names";
export * from "./config";
export type { CaptureContentTypeHeader, CaptureMode, CaptureOption, CaptureStatus, DataCaptureConfig, DataCaptureConfigSummary } from "./api-shapes";
