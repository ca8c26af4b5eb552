/**
 * The capture format (pure, no I/O): records and their lines, encodings, the S3 key layout,
 * S3 URIs, DataCaptureConfig and resource-name validation.
 */
export { type CaptureEncoding, type CaptureSide, type CaptureEventMetadata, type CaptureRecord } from "./record";
export { CaptureFormatError, type CaptureLocation } from "./errors";
export { formatInferenceTime, parseInferenceTime } from "./time";
export {
  parseCaptureLine,
  serializeCaptureRecord,
  customAttributesOf,
  buildCaptureRecord,
  parseCaptureText,
  type CaptureBody,
  type BuildCaptureRecordInput,
  type NumberedCaptureRecord,
} from "./line";
export {
  mediaType,
  chooseEncoding,
  encodeCaptureBody,
  encodeCaptureData,
  decodeCaptureData,
  decodeCaptureText,
  type ContentTypeHeader,
  type DecodedCaptureData,
} from "./encoding";
export {
  captureFileName,
  captureFileKey,
  parseCaptureKey,
  captureHourPrefixes,
  MAX_CAPTURE_HOURS,
  CAPTURE_FILE_OVERHANG_MS,
  type CaptureKeyParts,
} from "./keys";
export { joinS3Key, parseS3Uri, formatS3Uri } from "./s3uri";
export { formatValidationMessage, type ValidationIssue } from "./validation";
export { validateResourceName, isValidResourceName } from "./resource-names";
export {
  buildDataCaptureConfig,
  validateDataCaptureConfig,
  summarizeDataCaptureConfig,
  captureSettingsFromConfig,
  DataCaptureConfigError,
  type DataCaptureOptions,
  type CaptureSettings,
} from "./config";
export type {
  CaptureContentTypeHeader,
  CaptureMode,
  CaptureOption,
  CaptureStatus,
  DataCaptureConfig,
  DataCaptureConfigSummary,
} from "./api-shapes";
