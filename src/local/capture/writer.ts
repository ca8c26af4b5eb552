/**
 * The capture writer of the local stack: turns invocations into AWS-identical capture records,
 * buffers them per (endpoint, variant) in memory, rolls a file `rollIntervalMs` after its first
 * record and uploads each rolled file once, in order, through any S3 client.
 *
 * Encoding is deferred: `capture()` only decides and queues, and the queue is encoded in one batch
 * per event-loop turn (setImmediate). Encoding records back to back instead of between the HTTP
 * work of each request cut capture's cost to the serving loop by about half (bench:endpoint).
 */
import { randomUUID } from "node:crypto";
import {
  captureFileKey,
  chooseEncoding,
  encodeCaptureLine,
  type EncodedCaptureLine,
  parseS3Uri,
  type CaptureBody,
  type CaptureSettings,
} from "../../capture";
import { ChunkedBytes } from "./bytes";
import { DiskGate, statfsUsage } from "./disk";
import { sampleDraw } from "./random";
import { CaptureStream, emptyCounters, type CaptureFile, type FileOutcome, type RolledFile } from "./stream";
import type {
  CaptureInvocation,
  CaptureOutcome,
  CaptureStreamId,
  CaptureWriterEvent,
  CaptureWriterOptions,
  CaptureWriterStats,
  FlushResult,
  RetryPolicy,
} from "./types";
import { describeError, uploadWithRetry } from "./upload";

const DEFAULTS = {
  rollIntervalMs: 60_000,
  flushIntervalMs: 1_000,
  maxBufferedBytes: 64 * 1024 * 1024,
  uploadConcurrency: 4,
  diskThreshold: 0.75,
  diskPollIntervalMs: 1_000,
  retry: { attempts: 5, baseDelayMs: 200 } as RetryPolicy,
};

/** Events worth a warning when no `onEvent` hook is given. */
const WARN_EVENTS = new Set(["records-lost", "paused-disk", "resumed-disk", "disk-check-failed", "buffer-full", "capture-error", "internal-error"]);

/**
 * Writes SageMaker data-capture files. `capture()` is synchronous and never throws or awaits;
 * uploads happen in a background loop (timers are unref'd) and on `flush()`/`close()`.
 */
export class CaptureWriter {
  private readonly s3: CaptureWriterOptions["s3"];
  private readonly rollIntervalMs: number;
  private readonly maxBufferedBytes: number;
  private readonly uploadConcurrency: number;
  private readonly random: () => number;
  private readonly uuid: () => string;
  private readonly now: () => Date;
  private readonly disk?: DiskGate;
  private readonly retry: RetryPolicy;
  private readonly onEvent: (e: CaptureWriterEvent) => void;

  private readonly streams = new Map<string, CaptureStream>();
  /** Accepted invocations not yet encoded, in arrival order. */
  private queue: QueuedInvocation[] = [];
  /** Raw payload bytes in `queue`: they count against the buffer bound until encoded. */
  private queuedBytes = 0;
  private drainScheduled = false;
  /** Buffered encoded bytes (open and rolled files). */
  private bufferedBytes = 0;
  private inFlight = 0;
  /** flush()/close() calls currently waiting: while > 0, upload backoff keeps the process alive. */
  private drainWaiters = 0;
  private bufferFullReported = false;
  private closed = false;
  private closing: Promise<void> | null = null;
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly destinations = new WeakMap<CaptureSettings, S3Location>();

  /** Starts the background roll/upload loop and, when a disk probe is available, the disk poll. */
  constructor(options: CaptureWriterOptions) {
    this.s3 = options.s3;
    this.rollIntervalMs = options.rollIntervalMs ?? DEFAULTS.rollIntervalMs;
    this.maxBufferedBytes = options.maxBufferedBytes ?? DEFAULTS.maxBufferedBytes;
    this.uploadConcurrency = Math.max(1, options.uploadConcurrency ?? DEFAULTS.uploadConcurrency);
    this.random = options.random ?? Math.random;
    this.uuid = options.uuid ?? randomUUID;
    this.now = options.now ?? (() => new Date());
    this.retry = options.retry ?? DEFAULTS.retry;
    const hook = options.onEvent ?? defaultLogger;
    this.onEvent = (e) => {
      try {
        hook(e);
      } catch {
        // A broken log hook must never break serving or uploading.
      }
    };
    this.every(options.flushIntervalMs ?? DEFAULTS.flushIntervalMs, () => this.tick());
    const probe = options.diskUsage ?? (options.dataDir !== undefined ? statfsUsage(options.dataDir) : undefined);
    if (probe) {
      this.disk = new DiskGate(probe, options.diskThreshold ?? DEFAULTS.diskThreshold, this.onEvent);
      this.every(options.diskPollIntervalMs ?? DEFAULTS.diskPollIntervalMs, () => void this.checkDisk());
      void this.checkDisk();
    }
  }

  /**
   * Captures one invocation. Synchronous, never awaits I/O and never throws: the result says
   * what happened and is counted in {@link stats}. Order of decisions: closed, disabled, sampling
   * draw, disk pause, input check, buffer bound. An accepted invocation is `queued` and encoded
   * before the event loop next polls for I/O; a flush or stats call encodes it at once.
   */
  capture(id: CaptureStreamId, settings: CaptureSettings, inv: CaptureInvocation): CaptureOutcome {
    let stream: CaptureStream | undefined;
    try {
      stream = this.streamFor(id);
      const c = stream.counters;
      if (this.closed) return (c.afterClose++, "closed");
      if (!settings.enabled || (!settings.captureInput && !settings.captureOutput)) return (c.disabled++, "disabled");
      if (!sampleDraw(settings.samplingPercentage, this.random)) return (c.sampledOut++, "sampled-out");
      if (this.disk?.paused) return (c.pausedDisk++, "paused-disk");
      this.destination(settings);
      const rawBytes = checkedRawBytes(settings, inv);
      if (this.bufferedBytes + this.queuedBytes + rawBytes > this.maxBufferedBytes) return this.dropBufferFull(stream);
      this.queue.push({ stream, settings, inv });
      this.queuedBytes += rawBytes;
      if (!this.drainScheduled) {
        this.drainScheduled = true;
        setImmediate(this.drainSoon);
      }
      return "queued";
    } catch (err) {
      // A malformed id still gets counted, under an empty (endpoint, variant) pair.
      this.captureError(stream ?? this.streamFor({ endpointName: "", variantName: "" }), err);
      return "error";
    }
  }

  /**
   * Rolls the open files (of one endpoint, or all) and waits until every file pending for them
   * is written or given up. Used on UpdateEndpoint, DeleteEndpoint, flushCapture() and shutdown.
   */
  async flush(filter: { endpointName?: string } = {}): Promise<FlushResult> {
    this.drain();
    const waits: Promise<FileOutcome>[] = [];
    for (const stream of this.matching(filter.endpointName)) {
      stream.roll();
      for (const f of stream.queue) waits.push(f.done);
    }
    this.drainWaiters++;
    try {
      this.pump();
      const outcomes = await Promise.all(waits);
      const result: FlushResult = { filesWritten: 0, recordsWritten: 0, filesLost: 0, recordsLost: 0 };
      for (const o of outcomes) {
        if (o.written) (result.filesWritten++, (result.recordsWritten += o.records));
        else (result.filesLost++, (result.recordsLost += o.records));
      }
      return result;
    } finally {
      this.drainWaiters--;
    }
  }

  /**
   * Counters for one endpoint (summed over its variants) or for the whole writer. Encodes queued
   * invocations first, so the counts are final for every `capture()` made so far.
   */
  stats(endpointName?: string): CaptureWriterStats {
    this.drain();
    const sum = emptyCounters();
    let pendingRecords = 0;
    let pendingBytes = 0;
    for (const stream of this.matching(endpointName)) {
      for (const k of Object.keys(sum) as (keyof typeof sum)[]) sum[k] += stream.counters[k];
      const p = stream.pending();
      pendingRecords += p.records;
      pendingBytes += p.bytes;
    }
    return { ...sum, pendingRecords, pendingBytes, paused: this.disk?.paused ?? false };
  }

  /**
   * Polls disk usage now and updates the pause state (the background poll calls this too).
   * Returns whether capture is paused. A failing probe is reported and leaves the state as is.
   */
  checkDisk(): Promise<boolean> {
    return this.disk ? this.disk.check() : Promise.resolve(false);
  }

  /** Stops accepting captures, stops the timers, and flushes everything. Idempotent. */
  close(): Promise<void> {
    if (!this.closing) {
      this.closed = true;
      for (const t of this.timers) clearInterval(t);
      this.timers.length = 0;
      this.closing = this.flush().then(() => undefined);
    }
    return this.closing;
  }

  private every(ms: number, fn: () => void): void {
    const t = setInterval(fn, Math.max(1, ms));
    t.unref();
    this.timers.push(t);
  }

  /** One background step: roll files whose window has passed, then start uploads. */
  private tick(): void {
    try {
      this.drain();
      const nowMs = this.now().getTime();
      for (const stream of this.streams.values()) {
        if (stream.open && nowMs - stream.open.startMs >= this.rollIntervalMs) stream.roll();
      }
    } catch (err) {
      // An exception in a timer callback would crash the process; report it and keep going.
      this.onEvent({ type: "internal-error", error: describeError(err) });
    }
    this.pump();
  }

  private readonly drainSoon = (): void => {
    this.drainScheduled = false;
    try {
      this.drain();
    } catch (err) {
      // An exception in an immediate callback would crash the process; report it and keep going.
      this.onEvent({ type: "internal-error", error: describeError(err) });
    }
  };

  /** Encodes every queued invocation into its stream's open file, in arrival order. */
  private drain(): void {
    const queue = this.queue;
    if (queue.length === 0) return;
    this.queue = [];
    this.queuedBytes = 0;
    for (const q of queue) this.encode(q);
  }

  private encode({ stream, settings, inv }: QueuedInvocation): void {
    try {
      const line = this.serialize(settings, inv);
      if (this.bufferedBytes + line.byteLength > this.maxBufferedBytes) {
        this.dropBufferFull(stream);
        return;
      }
      this.append(stream, settings, inv.time, line);
      this.bufferFullReported = false;
      stream.lastError = null;
      stream.counters.captured++;
    } catch (err) {
      this.captureError(stream, err);
    }
  }

  private dropBufferFull(stream: CaptureStream): "dropped-buffer-full" {
    stream.counters.droppedBufferFull++;
    if (!this.bufferFullReported) {
      this.bufferFullReported = true;
      this.onEvent({ type: "buffer-full", ...stream.id, maxBufferedBytes: this.maxBufferedBytes });
    }
    return "dropped-buffer-full";
  }

  /** Counts a record that could not be built or placed; a repeated error is reported once. */
  private captureError(stream: CaptureStream, err: unknown): void {
    stream.counters.captureErrors++;
    const error = describeError(err);
    if (error !== stream.lastError) this.onEvent({ type: "capture-error", ...stream.id, error });
    stream.lastError = error;
  }

  /** The parsed destination of a configuration (cached: the runtime reuses settings objects). */
  private destination(settings: CaptureSettings): S3Location {
    let d = this.destinations.get(settings);
    if (d === undefined || d.uri !== settings.destinationS3Uri) {
      d = { uri: settings.destinationS3Uri, ...parseS3Uri(settings.destinationS3Uri) };
      this.destinations.set(settings, d);
    }
    return d;
  }

  private serialize(settings: CaptureSettings, inv: CaptureInvocation): EncodedCaptureLine {
    const header = settings.contentTypeHeader;
    const side = (p: CaptureInvocation["request"]): CaptureBody => {
      const contentType = p.contentType ?? null;
      return { contentType, body: p.body, encoding: chooseEncoding(contentType, header) };
    };
    return encodeCaptureLine({
      input: settings.captureInput ? side(inv.request) : undefined,
      output: settings.captureOutput ? side(inv.response) : undefined,
      eventId: this.uuid(),
      inferenceId: inv.inferenceId,
      inferenceTime: inv.time,
      customAttributes: inv.customAttributes,
    });
  }

  /**
   * Appends a serialized record to the stream's open file. The file rolls first when this record
   * is outside its window or the destination/KMS key changed, so buffered records never move.
   */
  private append(stream: CaptureStream, settings: CaptureSettings, time: Date, line: EncodedCaptureLine): void {
    const bytes = line.byteLength;
    const timeMs = time.getTime();
    const open = stream.open;
    if (
      open &&
      (timeMs - open.startMs >= this.rollIntervalMs ||
        open.destinationS3Uri !== settings.destinationS3Uri ||
        open.kmsKeyId !== settings.kmsKeyId)
    ) {
      stream.roll();
    }
    const file = stream.open ?? (stream.open = this.openFile(stream.id, settings, time));
    file.data.append(line);
    file.records++;
    file.bytes += bytes;
    this.bufferedBytes += bytes;
  }

  private openFile(id: CaptureStreamId, settings: CaptureSettings, start: Date): CaptureFile {
    const { bucket, key: prefix } = this.destination(settings);
    const key = captureFileKey({ prefix, endpointName: id.endpointName, variantName: id.variantName, start, uuid: this.uuid() });
    return {
      destinationS3Uri: settings.destinationS3Uri,
      bucket,
      key,
      ...(settings.kmsKeyId !== undefined ? { kmsKeyId: settings.kmsKeyId } : {}),
      startMs: start.getTime(),
      data: new ChunkedBytes(),
      records: 0,
      bytes: 0,
    };
  }

  /** Starts uploads: at most one per stream (keeps file order), at most `uploadConcurrency` overall. */
  private pump(): void {
    for (const stream of this.streams.values()) {
      if (this.inFlight >= this.uploadConcurrency) return;
      if (!stream.uploading && stream.queue.length > 0) void this.upload(stream, stream.queue[0]);
    }
  }

  /** Uploads the head of a stream's queue; always settles the file and frees its buffer. */
  private async upload(stream: CaptureStream, file: RolledFile): Promise<void> {
    stream.uploading = true;
    this.inFlight++;
    const c = stream.counters;
    const ref = { ...stream.id, bucket: file.bucket, key: file.key, records: file.records, bytes: file.bytes };
    let written = false;
    let attempts = 0;
    let error = "unknown error";
    try {
      const result = await uploadWithRetry(
        this.s3,
        file,
        this.retry,
        (attempt, message, willRetry) => {
          c.uploadFailures++;
          this.onEvent({ type: "upload-failed", ...ref, attempt, willRetry, error: message });
        },
        () => this.drainWaiters > 0,
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
      this.onEvent({ type: "file-uploaded", ...ref, attempts });
    } else {
      c.filesLost++;
      c.recordsLost += ref.records;
      this.onEvent({ type: "records-lost", ...ref, attempts, error });
    }
    stream.queue.shift();
    stream.uploading = false;
    this.inFlight--;
    this.bufferedBytes -= file.bytes;
    file.settle({ written, records: ref.records });
    this.pump();
  }

  private streamFor(id: CaptureStreamId): CaptureStream {
    if (typeof id !== "object" || id === null) throw new TypeError(`capture stream id must be {endpointName, variantName}, got ${String(id)}`);
    const key = `${id.endpointName}\u0000${id.variantName}`;
    let stream = this.streams.get(key);
    if (!stream) this.streams.set(key, (stream = new CaptureStream({ endpointName: id.endpointName, variantName: id.variantName })));
    return stream;
  }

  private *matching(endpointName?: string): Iterable<CaptureStream> {
    for (const s of this.streams.values()) if (endpointName === undefined || s.id.endpointName === endpointName) yield s;
  }
}

/** An accepted invocation waiting to be encoded. */
interface QueuedInvocation {
  stream: CaptureStream;
  settings: CaptureSettings;
  inv: CaptureInvocation;
}

/** A parsed `DestinationS3Uri` and the text it came from. */
interface S3Location {
  uri: string;
  bucket: string;
  key: string;
}

/**
 * Checks the parts of an invocation the record needs (so malformed input is an `error` at once,
 * not later in the batch) and returns the raw payload bytes it will hold until encoded.
 */
function checkedRawBytes(settings: CaptureSettings, inv: CaptureInvocation): number {
  if (!(inv.time instanceof Date) || !Number.isFinite(inv.time.getTime())) {
    throw new TypeError(`invocation time must be a valid Date, got ${String(inv.time)}`);
  }
  let n = 0;
  for (const [captured, side, name] of [
    [settings.captureInput, inv.request, "request"],
    [settings.captureOutput, inv.response, "response"],
  ] as const) {
    if (!captured) continue;
    if (!(side?.body instanceof Uint8Array)) throw new TypeError(`invocation ${name}.body must be bytes (Uint8Array), got ${typeof side?.body}`);
    n += side.body.byteLength;
  }
  return n;
}

function defaultLogger(e: CaptureWriterEvent): void {
  if (WARN_EVENTS.has(e.type)) console.warn(`[capture] ${e.type}: ${JSON.stringify(e)}`);
}
