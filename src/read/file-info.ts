/** Types and ordering rules for capture files, shared by the local and S3 listings. */
import type { SdkClient } from "../sdk-client";
import { CAPTURE_FILE_OVERHANG_MS } from "../capture";

/** An S3 prefix (or one object) holding capture files. */
export interface S3CaptureSource {
  /** The client to use (AWS or the local stack). */
  s3: SdkClient;
  /** `s3://bucket/prefix` (a folder: the destination, endpoint, variant or hour) or `s3://bucket/key.jsonl`. */
  uri: string;
  /** Only records captured at or after this time (files are skipped by their name time). */
  from?: Date;
  /** Only records captured before this time. */
  to?: Date;
  /** Only this endpoint's folder under `uri`; with `variantName` and `from`, only the hour folders of the range. */
  endpointName?: string;
  /** Only this variant's folder (with `endpointName`). */
  variantName?: string;
  /** Objects fetched in parallel (default 8); they are still read in order. */
  concurrency?: number;
}

/** A file or directory path, an S3 location, or several of these (read in the given order). */
export type CaptureSource = string | S3CaptureSource | CaptureSource[];

/** One capture file found by {@link listCaptureFiles}. */
export interface CaptureFileInfo {
  /** File path, or `s3://bucket/key`. */
  source: string;
  /** The S3 key (S3 sources only). */
  key?: string;
  /** Endpoint folder name, when the path follows the capture layout. */
  endpointName?: string;
  /** Variant folder name, when the path follows the capture layout. */
  variantName?: string;
  /** Time of the file's first record, from its name (layout files only). */
  start?: Date;
  /** `yyyy/MM/dd/HH` folder (UTC), when the path follows the capture layout. */
  hour?: string;
  /** Size in bytes. */
  size: number;
}

/** A listed file plus a way to stream its bytes. */
export interface CaptureFile extends CaptureFileInfo {
  /** Streams the file's bytes. */
  open(): AsyncIterable<Uint8Array>;
  /** The time range its records are filtered by (the source's own, else the read options'). */
  range?: TimeRange;
  /** Starts fetching ahead of time (S3, small local files); resolves to the chunks. Absent for large local files. */
  prefetch?: () => Promise<Uint8Array[]>;
}

/** A time range; either end may be open. */
export interface TimeRange {
  /** Inclusive start. */
  from?: Date;
  /** Exclusive end. */
  to?: Date;
}

/** True when a file starting at `start` may hold records in the range (a file spans up to 60 s). */
export function fileMayOverlap(start: Date | undefined, range: TimeRange): boolean {
  if (!start) return true;
  const t = start.getTime();
  if (range.to && t >= range.to.getTime()) return false;
  // +1 s: records are stamped at second precision, the name at millisecond precision.
  if (range.from && t + CAPTURE_FILE_OVERHANG_MS + 1000 < range.from.getTime()) return false;
  return true;
}

/** Sort order: files with a start time by time, then name; files without one after them, by name. */
export function compareCaptureFiles(a: CaptureFileInfo, b: CaptureFileInfo): number {
  if (a.start && b.start) {
    const d = a.start.getTime() - b.start.getTime();
    if (d !== 0) return d;
  } else if (a.start) return -1;
  else if (b.start) return 1;
  return a.source < b.source ? -1 : a.source > b.source ? 1 : 0;
}

/** `yyyy/MM/dd/HH` (UTC) of a time. */
export function hourOf(d: Date): string {
  return d.toISOString().slice(0, 13).replace(/-/g, "/").replace("T", "/");
}
