/** The embedded S3-compatible store: state ({@link S3Store}) and its wire handler. */
export { S3Store, type S3StoreOptions } from "./store";
export { resolveRange } from "./ranges";
export { createS3Handler, type S3HandlerOptions } from "./responses";
export { S3Error, S3Errors, type S3ErrorResource } from "./errors";
export type { StagedBody } from "./fs-util";
export type { ChecksumAlgorithm, Checksums } from "./checksums";
export type {
  BucketInfo,
  CompletedPart,
  ListObjectsV2Input,
  ListObjectsV2Output,
  ObjectHeaders,
  ObjectInfo,
  PartInfo,
  PutObjectMeta,
  RangeSpec,
  ResolvedRange,
} from "./types";
