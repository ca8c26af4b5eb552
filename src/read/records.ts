/** Streaming reader of capture records from any source, with error reporting. */
import { parseCaptureLine, type CaptureRecord } from "../capture";
import { CaptureReadError, issueOf, toReadError, type CaptureReadIssue } from "./errors";
import { fastParseCaptureLine } from "./fast-record";
import { LineSplitter } from "./lines";
import { readAhead } from "./s3-source";
import { resolveCaptureFiles, type CaptureSource } from "./sources";
import { InferenceTimeMemo } from "./time-memo";

/** What to do with a bad line: stop with the error, or note it in the report and go on. */
export type OnError = "throw" | "skip";

/** Options of {@link readCaptureRecords}. */
export interface ReadOptions {
  /** `"throw"` (default) stops at the first bad line; `"skip"` records it in `report.errors`. */
  onError?: OnError;
  /** Only records with `inferenceTime >= from`. */
  from?: Date;
  /** Only records with `inferenceTime < to`. */
  to?: Date;
  /** Stop after this many records (counted after the time filter). */
  maxRecords?: number;
  /** Filled while reading: pass an object from {@link newReadReport} to see skipped lines. */
  report?: ReadReport;
}

/** What the reader saw. Nothing is skipped without an entry in `errors`. */
export interface ReadReport {
  /** Bad lines skipped in `"skip"` mode. */
  errors: CaptureReadIssue[];
  /** Number of lines skipped because of an error (= `errors.length`). */
  skippedRecords: number;
  /** Records delivered. */
  recordsRead: number;
  /** Valid records left out by the `from`/`to` filter. */
  outOfRange: number;
  /** Files (paths or `s3://` URIs) read, in order. */
  filesRead: string[];
}

/** An empty report. */
export function newReadReport(): ReadReport {
  return { errors: [], skippedRecords: 0, recordsRead: 0, outOfRange: 0, filesRead: [] };
}

/** A record with where it came from. */
export interface SourcedRecord {
  /** The parsed record (JSON as written; see `parseCaptureLine`). */
  record: CaptureRecord;
  /** File path or `s3://bucket/key`. */
  source: string;
  /** 1-based line number. */
  line: number;
  /** `inferenceTime` as a Date (UTC). */
  time: Date;
}

/** Distinguishes a cut-off last line from a complete line that fails validation. */
function isIncompleteJson(text: string): boolean {
  try {
    JSON.parse(text);
    return false;
  } catch {
    return true;
  }
}

/**
 * Local files read ahead of the one being parsed (its own read included): one more overlaps the
 * disk with the parsing. More costs CPU, not time: with 8, loading 2,000 small files (`bench:load`
 * hours) took 9.4-10.8 CPU-s against 7.9-8.1 with 2, in alternation (2 cores, shared).
 */
const LOCAL_READ_AHEAD = 2;

function concurrencyOf(source: CaptureSource): number {
  if (Array.isArray(source)) return Math.max(1, ...source.map(concurrencyOf));
  if (typeof source === "string") return LOCAL_READ_AHEAD;
  // S3: a GET waits mostly on the network, so many are in flight.
  return source.concurrency || 8;
}

/** Carries an error of `onRecord` through the reader unchanged (it is no read error of the file). */
class ConsumerError {
  constructor(readonly error: unknown) {}
}

/**
 * The engine behind {@link readCaptureRecords} and `loadCaptures`: yields the good records
 * of each chunk read (about 1 MiB) as one batch, so a hot loop pays one promise per chunk,
 * not per line, and memory holds one chunk's records at a time. `matchLine`, when given, is
 * tried first on each line: a record exactly as the parser would give it, or `undefined` to
 * parse the line the usual way (`wire-line.ts`).
 * `onRecord`, when given, receives each record as its line is parsed, and the batches stay
 * empty: a batch keeps all of a chunk's records alive until the chunk is parsed (3,000 in a
 * minute's file), so the garbage collector copies them instead of dropping them young. Its
 * errors pass unchanged.
 * @throws CaptureReadError (mode `"throw"`) naming the source, line and field.
 */
export async function* captureRecordBatches(
  source: CaptureSource,
  options: ReadOptions = {},
  matchLine?: (text: string) => CaptureRecord | undefined,
  onRecord?: (r: SourcedRecord) => void,
): AsyncGenerator<SourcedRecord[]> {
  const report = options.report ?? newReadReport();
  const skip = options.onError === "skip";
  const max = options.maxRecords ?? Infinity;
  if (max <= 0) return;
  const files = await resolveCaptureFiles(source, { from: options.from, to: options.to });
  // Records of one second share the time string, records of one minute all but the seconds.
  const times = new InferenceTimeMemo();
  const fail = (err: CaptureReadError) => {
    if (!skip) throw err;
    report.errors.push(issueOf(err));
    report.skippedRecords++;
  };
  let batch: SourcedRecord[] = [];
  for await (const { file, chunks } of readAhead(files, concurrencyOf(source))) {
    report.filesRead.push(file.source);
    const src = file.source;
    const from = (file.range ?? options).from?.getTime() ?? -Infinity;
    const to = (file.range ?? options).to?.getTime() ?? Infinity;
    const splitter = new LineSplitter((text, line, terminated) => {
      if (report.recordsRead >= max) return;
      let record: CaptureRecord;
      let time: Date;
      try {
        record = matchLine?.(text) ?? fastParseCaptureLine(text) ?? parseCaptureLine(text, { source: src, line });
        time = times.parse(record.eventMetadata.inferenceTime, src, line);
      } catch (err) {
        if (!terminated && isIncompleteJson(text)) {
          fail(
            new CaptureReadError(
              `truncated final line: the file ends without a newline inside an incomplete JSON record (${text.length} characters read)`,
              { source: src, line },
            ),
          );
        } else fail(toReadError(err, src, line));
        return;
      }
      const ms = time.getTime();
      if (ms < from || ms >= to) {
        report.outOfRange++;
        return;
      }
      report.recordsRead++;
      const r: SourcedRecord = { record, source: src, line, time };
      if (!onRecord) batch.push(r);
      else
        try {
          onRecord(r);
        } catch (err) {
          throw new ConsumerError(err);
        }
    });
    try {
      for await (const chunk of chunks) {
        splitter.push(chunk);
        if (batch.length > 0) {
          const out = batch;
          batch = [];
          yield out;
        }
        if (report.recordsRead >= max) break;
      }
      if (report.recordsRead < max) splitter.end();
    } catch (err) {
      if (err instanceof ConsumerError) throw err.error;
      if (err instanceof CaptureReadError) throw err;
      // An I/O failure (file vanished, S3 error) concerns the whole file.
      const e = new CaptureReadError(`cannot read: ${err instanceof Error ? err.message : String(err)}`, {
        source: src,
        line: 0,
      });
      if (!skip) throw e;
      report.errors.push(issueOf(e));
    }
    if (batch.length > 0) {
      const out = batch;
      batch = [];
      yield out;
    }
    if (report.recordsRead >= max) break;
  }
}

/**
 * Streams the records of a file, directory tree or S3 prefix (or a list of them), files in
 * time order, each with its source and 1-based line number. Lines may be several MB;
 * nothing is slurped. Tolerates `\r\n`, empty lines and a missing final newline; a last line
 * that is not complete JSON is reported as a truncated final line.
 * @throws CaptureReadError (unless `onError: "skip"`) naming source, line and field.
 */
export async function* readCaptureRecords(
  source: CaptureSource,
  options: ReadOptions = {},
): AsyncGenerator<SourcedRecord> {
  for await (const batch of captureRecordBatches(source, options)) for (const r of batch) yield r;
}
