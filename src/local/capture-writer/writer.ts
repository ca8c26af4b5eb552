/**
 * The capture writer of the local stack: turns invocations into AWS-identical capture records,
 * buffers them per (endpoint, variant) in memory, rolls a file `rollIntervalMs` after its first
 * record and uploads each rolled file once, in order, through any S3 client.
 *
 * `capture()` only decides and queues (queue.ts); records are encoded in batches (encoder.ts)
 * and rolled files uploaded by the upload loop (upload-loop.ts). With a `journalDir`, what is
 * buffered is also appended to a local journal once per flush interval (journal.ts), so a crash
 * loses at most that interval.
 */
import { randomUUID } from "node:crypto";
import { captureFileKey, parseS3Uri, type CaptureSettings } from "../../capture";
import type { EncodedCaptureLine } from "../../capture/line-bytes";
import { PagedBytes } from "./paged-bytes";
import { DiskGate, statfsUsage } from "./disk";
import { RecordEncoder } from "./encoder";
import { checkedRawBytes, EncodeQueue, type QueuedInvocation } from "./queue";
import { sampleDraw } from "./random";
import { CaptureStream, emptyCounters, type CaptureFile, type FileOutcome } from "./stream";
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
import { describeError } from "./describe-error";
import { Uploader } from "./upload-loop";
import { CaptureJournal } from "./journal";

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
const WARN_EVENTS = new Set([
  "journal-failed",
  "journal-unreadable",
  "records-lost",
  "paused-disk",
  "resumed-disk",
  "disk-check-failed",
  "buffer-full",
  "capture-error",
  "internal-error",
]);

/**
 * Writes SageMaker data-capture files. `capture()` is synchronous and never throws or awaits;
 * uploads happen in a background loop (timers are unref'd) and on `flush()`/`close()`.
 */
export class CaptureWriter {
  private readonly rollIntervalMs: number;
  private readonly maxBufferedBytes: number;
  private readonly random: () => number;
  private readonly uuid: () => string;
  private readonly now: () => Date;
  private readonly disk?: DiskGate;
  private readonly journal?: CaptureJournal;
  private readonly onEvent: (e: CaptureWriterEvent) => void;

  private readonly streams = new Map<string, CaptureStream>();
  private readonly queue: EncodeQueue;
  private readonly encoder: RecordEncoder;
  private readonly uploader: Uploader;
  /** Buffered encoded bytes (open and rolled files). */
  private bufferedBytes = 0;
  /** flush()/close() calls currently waiting: while > 0, upload backoff keeps the process alive. */
  private drainWaiters = 0;
  private bufferFullReported = false;
  private closed = false;
  private closing: Promise<void> | null = null;
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly destinations = new WeakMap<CaptureSettings, S3Location>();

  /** Starts the background roll/upload loop and, when a disk probe is available, the disk poll. */
  constructor(options: CaptureWriterOptions) {
    this.rollIntervalMs = options.rollIntervalMs ?? DEFAULTS.rollIntervalMs;
    this.maxBufferedBytes = options.maxBufferedBytes ?? DEFAULTS.maxBufferedBytes;
    this.random = options.random ?? Math.random;
    this.uuid = options.uuid ?? randomUUID;
    this.now = options.now ?? (() => new Date());
    const hook = options.onEvent ?? defaultLogger;
    this.onEvent = (e) => {
      try {
        hook(e);
      } catch {
        // A broken log hook must never break serving or uploading.
      }
    };
    this.encoder = new RecordEncoder(this.uuid);
    this.queue = new EncodeQueue(
      (batch) => this.encodeBatch(batch),
      (err) => this.onEvent({ type: "internal-error", error: describeError(err) }),
    );
    this.uploader = new Uploader({
      s3: options.s3,
      retry: options.retry ?? DEFAULTS.retry,
      concurrency: Math.max(1, options.uploadConcurrency ?? DEFAULTS.uploadConcurrency),
      streams: () => this.streams.values(),
      onEvent: this.onEvent,
      holdProcess: () => this.drainWaiters > 0,
      onStart: (stream, file) => this.journal?.append(stream.id, file),
      onSettled: (file, written) => {
        this.bufferedBytes -= file.bytes;
        if (written) this.journal?.remove(file);
        else this.journal?.keep(file);
      },
    });
    if (options.journalDir !== undefined) {
      // The claim outlives a few missed renewals (a busy event loop), never a crash by much.
      const leaseMs = Math.max(5_000, 5 * (options.flushIntervalMs ?? DEFAULTS.flushIntervalMs));
      try {
        this.journal = new CaptureJournal(options.journalDir, this.onEvent, leaseMs);
      } catch (err) {
        // Serving and capturing go on, in memory only, as without a journal.
        this.onEvent({
          type: "journal-failed",
          file: options.journalDir,
          error: `${describeError(err)}; captures are kept in memory only`,
        });
      }
      if (this.journal) this.replayJournal(this.journal);
    }
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
   * `settings` is treated as immutable (choices derived from it are cached per object).
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
      if (this.bufferedBytes + this.queue.bytes + rawBytes > this.maxBufferedBytes) return this.dropBufferFull(stream);
      this.queue.push({ stream, settings, inv }, rawBytes);
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
    this.queue.drain();
    const waits: Promise<FileOutcome>[] = [];
    for (const stream of this.matching(filter.endpointName)) {
      stream.roll();
      for (const f of stream.queue) waits.push(f.done);
    }
    this.drainWaiters++;
    try {
      this.uploader.pump();
      const outcomes = await Promise.all(waits);
      const result: FlushResult = { filesWritten: 0, recordsWritten: 0, filesLost: 0, recordsLost: 0 };
      for (const o of outcomes) {
        if (o.written) {
          result.filesWritten++;
          result.recordsWritten += o.records;
        } else {
          result.filesLost++;
          result.recordsLost += o.records;
        }
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
    this.queue.drain();
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

  /**
   * Stops accepting captures, stops the timers, and flushes everything. Journals of files that
   * could not be uploaded stay on disk for the next start. Idempotent.
   */
  close(): Promise<void> {
    if (!this.closing) {
      this.closed = true;
      for (const t of this.timers) clearInterval(t);
      this.timers.length = 0;
      this.closing = this.flush().then(async () => void (await this.journal?.close()));
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
      this.queue.drain();
      const nowMs = this.now().getTime();
      for (const stream of this.streams.values()) {
        if (stream.open && nowMs - stream.open.startMs >= this.rollIntervalMs) stream.roll();
      }
      this.journalPending();
    } catch (err) {
      // An exception in a timer callback would crash the process; report it and keep going.
      this.onEvent({ type: "internal-error", error: describeError(err) });
    }
    this.uploader.pump();
  }

  /** Appends what was encoded since the last tick to the journals, then starts their fsyncs. */
  private journalPending(): void {
    const journal = this.journal;
    if (!journal) return;
    for (const stream of this.streams.values()) {
      if (stream.open) journal.append(stream.id, stream.open);
      // Rolled files waiting for an upload slot; the one uploading was completed when it started.
      for (const f of stream.queue) journal.append(stream.id, f);
    }
    journal.sync();
  }

  /** Queues the files of journals left by an earlier run for upload under their own keys. */
  private replayJournal(journal: CaptureJournal): void {
    for (const { path: journalFile, header, body, records } of journal.recover()) {
      const stream = this.streamFor(header);
      const data = new PagedBytes();
      data.append({ byteLength: body.length, writeTo: (target, offset) => offset + body.copy(target, offset) });
      const file = stream.enqueue({
        destinationS3Uri: header.destinationS3Uri,
        bucket: header.bucket,
        key: header.key,
        ...(header.kmsKeyId !== undefined ? { kmsKeyId: header.kmsKeyId } : {}),
        startMs: header.startMs,
        data,
        records,
        bytes: body.length,
      });
      this.bufferedBytes += file.bytes;
      this.onEvent({
        type: "journal-replayed",
        file: journalFile,
        ...stream.id,
        bucket: file.bucket,
        key: file.key,
        records,
        bytes: file.bytes,
      });
    }
    this.uploader.pump();
  }

  /** Encodes a batch of queued invocations into their streams' open files, in arrival order. */
  private encodeBatch(batch: QueuedInvocation[]): void {
    for (const q of batch) this.encode(q);
  }

  private encode({ stream, settings, inv }: QueuedInvocation): void {
    try {
      const line = this.encoder.encode(settings, inv);
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
    const key = captureFileKey({
      prefix,
      endpointName: id.endpointName,
      variantName: id.variantName,
      start,
      uuid: this.uuid(),
    });
    return {
      destinationS3Uri: settings.destinationS3Uri,
      bucket,
      key,
      ...(settings.kmsKeyId !== undefined ? { kmsKeyId: settings.kmsKeyId } : {}),
      startMs: start.getTime(),
      data: new PagedBytes(),
      records: 0,
      bytes: 0,
    };
  }

  private streamFor(id: CaptureStreamId): CaptureStream {
    if (typeof id !== "object" || id === null)
      throw new TypeError(`capture stream id must be {endpointName, variantName}, got ${String(id)}`);
    const key = `${id.endpointName}\u0000${id.variantName}`;
    let stream = this.streams.get(key);
    if (!stream)
      this.streams.set(
        key,
        (stream = new CaptureStream({ endpointName: id.endpointName, variantName: id.variantName })),
      );
    return stream;
  }

  private *matching(endpointName?: string): Iterable<CaptureStream> {
    for (const s of this.streams.values())
      if (endpointName === undefined || s.id.endpointName === endpointName) yield s;
  }
}

/** A parsed `DestinationS3Uri` and the text it came from. */
interface S3Location {
  uri: string;
  bucket: string;
  key: string;
}

function defaultLogger(e: CaptureWriterEvent): void {
  if (WARN_EVENTS.has(e.type)) console.warn(`[capture] ${e.type}: ${JSON.stringify(e)}`);
}
