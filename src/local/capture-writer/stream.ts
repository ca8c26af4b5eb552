/**
 * State of one capture stream (endpoint, variant): the open in-memory file, the queue of rolled
 * files awaiting upload, and the stream's counters. No I/O here.
 */
import { PagedBytes } from "./paged-bytes";
import type { CaptureStreamId, CaptureWriterStats } from "./types";

/** Counters kept per stream; the gauges and `paused` of the public stats are derived. */
type StreamCounters = Omit<CaptureWriterStats, "pendingRecords" | "pendingBytes" | "paused">;

/** A fresh zeroed counter set. */
export function emptyCounters(): StreamCounters {
  return {
    captured: 0,
    sampledOut: 0,
    disabled: 0,
    pausedDisk: 0,
    droppedBufferFull: 0,
    captureErrors: 0,
    afterClose: 0,
    filesWritten: 0,
    recordsWritten: 0,
    bytesWritten: 0,
    uploadFailures: 0,
    filesLost: 0,
    recordsLost: 0,
  };
}

/** Where a file goes; fixed when the file opens so a config change never moves buffered records. */
interface FileDestination {
  /** `DestinationS3Uri` as configured, compared verbatim to detect changes. */
  destinationS3Uri: string;
  bucket: string;
  key: string;
  kmsKeyId?: string;
}

/** A capture file being filled (open) or waiting for upload (rolled). */
export interface CaptureFile extends FileDestination {
  /** Time of the first record: names the file and starts its roll window. */
  startMs: number;
  /** Serialized records, each ending in "\n", as UTF-8. */
  data: PagedBytes;
  /** How many records `data` holds. */
  records: number;
  bytes: number;
}

/** Outcome of one rolled file, resolved once it is written or given up. */
export interface FileOutcome {
  written: boolean;
  records: number;
}

/** A rolled file plus the promise flushers wait on. */
export interface RolledFile extends CaptureFile {
  done: Promise<FileOutcome>;
  settle: (outcome: FileOutcome) => void;
}

/** One (endpoint, variant) stream. */
export class CaptureStream {
  /** The file currently receiving records, or null when idle (idle periods make no files). */
  open: CaptureFile | null = null;
  /** Rolled files in roll order; `queue[0]` is the one uploading when `uploading` is true. */
  readonly queue: RolledFile[] = [];
  /** True while `queue[0]` is being uploaded; one upload per stream keeps files in order. */
  uploading = false;
  readonly counters = emptyCounters();
  /** Last capture error reported, so a misconfigured stream logs once, not per request. */
  lastError: string | null = null;

  constructor(readonly id: CaptureStreamId) {}

  /**
   * Moves the open file to the upload queue (a synchronous swap, so no record can fall between
   * two files). Returns the rolled file, or null when nothing was open.
   */
  roll(): RolledFile | null {
    const file = this.open;
    if (file === null) return null;
    this.open = null;
    return this.enqueue(file);
  }

  /** Queues a complete file for upload (a rolled one, or one recovered from the journal). */
  enqueue(file: CaptureFile): RolledFile {
    let settle!: (outcome: FileOutcome) => void;
    const done = new Promise<FileOutcome>((resolve) => (settle = resolve));
    const rolled: RolledFile = { ...file, done, settle };
    this.queue.push(rolled);
    return rolled;
  }

  /** Records and bytes buffered in this stream (open + queued). */
  pending(): { records: number; bytes: number } {
    let records = this.open?.records ?? 0;
    let bytes = this.open?.bytes ?? 0;
    for (const f of this.queue) {
      records += f.records;
      bytes += f.bytes;
    }
    return { records, bytes };
  }
}
