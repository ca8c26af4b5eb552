/**
 * Public types of the capture writer: options, per-invocation input, outcomes, counters and
 * log events.
 */
import type { SdkClient } from "../../sdk-client";

/** Which endpoint variant an invocation was served by; one capture stream per pair. */
export interface CaptureStreamId {
  /** Endpoint name with its original case (it is part of the S3 key). */
  endpointName: string;
  /** Variant that served the request (its own folder under the endpoint). */
  variantName: string;
}

/** One side of an invocation as seen on the wire. */
export interface CapturedPayload {
  /** The raw body bytes. */
  body: Uint8Array;
  /** The Content-Type header verbatim (parameters kept); absent becomes `null` in the record. */
  contentType?: string;
}

/** What the runtime hands over for one invocation. */
export interface CaptureInvocation {
  /** The InvokeEndpoint request. */
  request: CapturedPayload;
  /** The container's response. */
  response: CapturedPayload;
  /** `InferenceId` when the caller sent one (the record carries it only then). */
  inferenceId?: string;
  /** `CustomAttributes` header when the caller sent one. */
  customAttributes?: string;
  /** Capture time: becomes `inferenceTime` (second precision) and names a new file (ms precision). */
  time: Date;
}

/**
 * Result of {@link CaptureWriter.capture}. `queued`: accepted; the record is encoded before the
 * event loop next polls for I/O (or on `flush()`/`stats()`), and counted then as `captured`, or as
 * `droppedBufferFull` when its encoded bytes no longer fit. `dropped-buffer-full`: refused at once
 * because the buffer (with the raw bytes of queued invocations) is full. `error` (malformed input
 * or an unparsable destination) and `closed` (the writer was closed) are counted too.
 */
export type CaptureOutcome =
  "queued" | "sampled-out" | "disabled" | "paused-disk" | "dropped-buffer-full" | "error" | "closed";

/** Retry policy for uploads: `attempts` is the total number of tries (at least 1). */
export interface RetryPolicy {
  /** Total tries per file, first one included. */
  attempts: number;
  /** Delay before the 2nd try; doubles for each further try (capped at 30 s). */
  baseDelayMs: number;
}

/** Constructor options of {@link CaptureWriter}. Only `s3` is required. */
export interface CaptureWriterOptions {
  /** Destination client: the embedded S3 or real S3. */
  s3: SdkClient;
  /** A file covers this long from its first record (default 60 000 ms, as AWS). */
  rollIntervalMs?: number;
  /** Period of the background loop that rolls expired files and uploads rolled ones (default 1000). */
  flushIntervalMs?: number;
  /** Bound on bytes held in memory (open + not yet uploaded files); default 64 MiB. */
  maxBufferedBytes?: number;
  /** Uploads in flight at once across all streams (default 4); each stream uploads in order, one at a time. */
  uploadConcurrency?: number;
  /** Sampling RNG, uniform in [0, 1) (default Math.random; see `seededRandom`). */
  random?: () => number;
  /** Generator of lower-case UUID v4 strings for eventIds and file names (default crypto.randomUUID). */
  uuid?: () => string;
  /** Clock for the background roll check (default `new Date()`). */
  now?: () => Date;
  /** Fraction 0..1 of the data volume in use. Default: statfs of `dataDir`; no monitoring without either. */
  diskUsage?: () => Promise<number>;
  /** Directory whose volume is watched when `diskUsage` is not given. */
  dataDir?: string;
  /** Capture pauses while usage is above this fraction (default 0.75). */
  diskThreshold?: number;
  /** How often disk usage is polled (default 1000 ms). */
  diskPollIntervalMs?: number;
  /** Upload retries (default 5 attempts, 200 ms base delay). */
  retry?: RetryPolicy;
  /**
   * Directory of the crash journal (see journal.ts): records are appended there once per flush
   * interval and journals left by a crash are uploaded at construction. Default: no journal.
   */
  journalDir?: string;
  /** Log hook. Default: warnings go to console.warn. A throwing hook is ignored. */
  onEvent?: (event: CaptureWriterEvent) => void;
}

/** Counters for one endpoint (or all). Monotonic except the `pending*` gauges and `paused`. */
export interface CaptureWriterStats {
  /** Records encoded into a buffer (queued invocations count once encoded). */
  captured: number;
  /** Invocations skipped by the sampling draw. */
  sampledOut: number;
  /** Invocations on endpoints with capture disabled. */
  disabled: number;
  /** Sampled-in invocations skipped because disk usage was above the threshold. */
  pausedDisk: number;
  /** Sampled-in invocations dropped because the buffer was full. */
  droppedBufferFull: number;
  /** Invocations whose record could not be built or placed (see `capture-error` events). */
  captureErrors: number;
  /** Invocations after `close()`. */
  afterClose: number;
  /** Objects written to S3. */
  filesWritten: number;
  /** Records inside written objects. */
  recordsWritten: number;
  /** Bytes of written objects. */
  bytesWritten: number;
  /** Failed upload attempts (each retry that failed counts). */
  uploadFailures: number;
  /** Files given up after all attempts. */
  filesLost: number;
  /** Records inside files given up (the dead-letter count). */
  recordsLost: number;
  /** Records buffered and not yet written or lost. */
  pendingRecords: number;
  /** Bytes buffered and not yet written or lost. */
  pendingBytes: number;
  /** True while disk usage is above the threshold (writer-wide). */
  paused: boolean;
}

/** Where an event happened: the stream and the object. */
export interface CaptureFileRef extends CaptureStreamId {
  /** Destination bucket. */
  bucket: string;
  /** Object key (`{prefix}/{endpoint}/{variant}/yyyy/MM/dd/HH/mm-ss-SSS-uuid.jsonl`). */
  key: string;
  /** Records in the file. */
  records: number;
  /** Size of the object in bytes. */
  bytes: number;
}

/** Log events reported through `onEvent`. */
export type CaptureWriterEvent =
  | ({ type: "file-uploaded"; attempts: number } & CaptureFileRef)
  | ({ type: "upload-failed"; attempt: number; willRetry: boolean; error: string } & CaptureFileRef)
  | ({ type: "records-lost"; attempts: number; error: string } & CaptureFileRef)
  | { type: "paused-disk"; usage: number; threshold: number }
  | { type: "resumed-disk"; usage: number; threshold: number }
  | { type: "disk-check-failed"; error: string }
  | ({ type: "buffer-full"; maxBufferedBytes: number } & CaptureStreamId)
  | ({ type: "capture-error"; error: string } & CaptureStreamId)
  | { type: "internal-error"; error: string }
  | { type: "journal-failed"; file: string; bucket?: string; key?: string; error: string }
  | { type: "journal-unreadable"; file: string; error: string }
  | ({ type: "journal-replayed"; file: string } & CaptureFileRef);

/** Totals for the files a `flush()` call waited for. */
export interface FlushResult {
  /** Objects written. */
  filesWritten: number;
  /** Records in them. */
  recordsWritten: number;
  /** Files given up after all retries. */
  filesLost: number;
  /** Records in those files (also counted in `stats().recordsLost` and reported as `records-lost`). */
  recordsLost: number;
}
