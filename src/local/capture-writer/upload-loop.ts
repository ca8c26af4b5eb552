/**
 * The writer's upload loop: starts uploads of rolled files, at most one per stream at a time
 * (so a stream's files land in order) and at most `concurrency` overall, and settles every file
 * as written or lost, counting it on its stream.
 */
import type { CaptureStream, RolledFile } from "./stream";
import type { CaptureWriterEvent, CaptureWriterOptions, RetryPolicy } from "./types";
import { describeError } from "./describe-error";
import { uploadWithRetry } from "./put-with-retry";

/** What the upload loop needs from its writer. */
interface UploaderOptions {
  s3: CaptureWriterOptions["s3"];
  retry: RetryPolicy;
  concurrency: number;
  /** The writer's streams, walked in order on every pump. */
  streams: () => Iterable<CaptureStream>;
  onEvent: (e: CaptureWriterEvent) => void;
  /** Whether someone awaits the uploads now (then backoff timers keep the process alive). */
  holdProcess: () => boolean;
  /** Called before a file's first upload attempt (the journal completes the file's copy). */
  onStart: (stream: CaptureStream, file: RolledFile) => void;
  /** Called once per file after it is written or given up (frees its share of the buffer). */
  onSettled: (file: RolledFile, written: boolean) => void;
}

/** Starts and finishes uploads; see the module comment. */
export class Uploader {
  private inFlight = 0;

  constructor(private readonly opts: UploaderOptions) {}

  /** Starts every upload the limits allow. */
  pump(): void {
    for (const stream of this.opts.streams()) {
      if (this.inFlight >= this.opts.concurrency) return;
      if (!stream.uploading && stream.queue.length > 0) void this.upload(stream, stream.queue[0]);
    }
  }

  /** Uploads the head of a stream's queue; always settles the file. */
  private async upload(stream: CaptureStream, file: RolledFile): Promise<void> {
    stream.uploading = true;
    this.inFlight++;
    const c = stream.counters;
    const ref = { ...stream.id, bucket: file.bucket, key: file.key, records: file.records, bytes: file.bytes };
    let written = false;
    let attempts = 0;
    let error = "unknown error";
    try {
      this.opts.onStart(stream, file);
      const result = await uploadWithRetry(
        this.opts.s3,
        file,
        this.opts.retry,
        (attempt, message, willRetry) => {
          c.uploadFailures++;
          this.opts.onEvent({ type: "upload-failed", ...ref, attempt, willRetry, error: message });
        },
        this.opts.holdProcess,
      );
      written = result.ok;
      attempts = result.attempts;
      if (result.error !== undefined) error = result.error;
    } catch (err) {
      error = describeError(err); // uploadWithRetry does not throw; this guards the bookkeeping anyway
    }
    if (written) {
      c.filesWritten++;
      c.recordsWritten += ref.records;
      c.bytesWritten += ref.bytes;
      this.opts.onEvent({ type: "file-uploaded", ...ref, attempts });
    } else {
      c.filesLost++;
      c.recordsLost += ref.records;
      this.opts.onEvent({ type: "records-lost", ...ref, attempts, error });
    }
    stream.queue.shift();
    stream.uploading = false;
    this.inFlight--;
    this.opts.onSettled(file, written);
    file.settle({ written, records: ref.records });
    this.pump();
  }
}
