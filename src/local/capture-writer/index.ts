/** Data-capture writer of the local stack (see writer.ts). */
export { CaptureWriter } from "./writer";
export { seededRandom, sampleDraw } from "./random";
export { statfsUsage } from "./disk";
export { CAPTURE_OBJECT_CONTENT_TYPE } from "./put-with-retry";
export type {
  CaptureFileRef,
  CaptureInvocation,
  CaptureOutcome,
  CapturedPayload,
  CaptureStreamId,
  CaptureWriterEvent,
  CaptureWriterOptions,
  CaptureWriterStats,
  FlushResult,
  RetryPolicy,
} from "./types";
