/**
 * Reading a monitoring window (I/O): the captures of [from, to) streamed once, in batches,
 * into a `WindowProfile`. Any source `readCaptureRecords` takes (one file, a tree, an S3
 * prefix, a list), so a caller can give each file its own profile.
 */
import type { CaptureSource } from "../read/file-info";
// Not in the read index: the batched form of readCaptureRecords (same records, same report).
import { captureRecordBatches, newReadReport, type ReadReport, type SourcedRecord } from "../read/records";
// Not in the read index either: the plain-line fast path, slices only (no record is kept here).
import { matchWireLineSlices } from "../read/wire-line";
import type { WindowProfile } from "./profile/window-profile";

/**
 * Feeds every good record of the window to `profile` (bad lines are skipped and listed in the
 * report, and counted as the profile's issues).
 * @param prepareBatch awaited on each batch before its records are profiled (a record preprocessor)
 * @returns the reader's report (files read, records skipped, records outside the window)
 */
export async function readWindow(
  captures: CaptureSource,
  profile: WindowProfile,
  window: { from?: Date; to?: Date } = {},
  prepareBatch?: (batch: SourcedRecord[]) => Promise<void>,
): Promise<ReadReport> {
  const read = await streamWindow(captures, profile, window, prepareBatch);
  noteReadErrors(profile, read);
  return read;
}

/**
 * {@link readWindow} without its last step: the reader's skipped lines are left in the report
 * (a worker profiling part of a window; the main thread notes them all after the merge, so the
 * bad rows are listed in the same order as a one-thread run's).
 * @param onFiles called with the number of files opened so far as it grows, and at the end
 */
export async function streamWindow(
  captures: CaptureSource,
  profile: WindowProfile,
  window: { from?: Date; to?: Date } = {},
  prepareBatch?: (batch: SourcedRecord[]) => Promise<void>,
  onFiles?: (filesRead: number) => void,
): Promise<ReadReport> {
  const read = newReadReport();
  let file: string | undefined;
  // Batches (one per chunk read) rather than one promise per record: this loop is the hot path.
  // Lines of AWS's plain layout are matched rather than JSON-parsed (no record is kept).
  for await (const batch of captureRecordBatches(
    captures,
    { from: window.from, to: window.to, onError: "skip", report: read },
    matchWireLineSlices,
  )) {
    // A batch holds one file's records: a new source ends the previous file's numeric part.
    const source = batch[0]?.source;
    if (source !== file) {
      if (file !== undefined) profile.endFile();
      file = source;
      onFiles?.(read.filesRead.length);
    }
    // A record preprocessor runs over the whole batch first (one round trip to Python per batch).
    if (prepareBatch) await prepareBatch(batch);
    for (const rec of batch) profile.add(rec);
  }
  onFiles?.(read.filesRead.length);
  return read;
}

/** Counts the reader's skipped lines as the profile's bad rows and refused records. */
export function noteReadErrors(profile: WindowProfile, read: ReadReport): void {
  for (const e of read.errors) {
    profile.issue({ source: e.source, line: e.line, field: e.field, message: e.message });
    const prefix = `${e.source}:${e.line}: ${e.field ? `${e.field}: ` : ""}`;
    const message = e.message.startsWith(prefix) ? e.message.slice(prefix.length) : e.message;
    profile.refuse({ source: e.source, line: e.line, field: e.field, message });
  }
}
