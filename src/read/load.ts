/** `loadCaptures`: capture records into a danfojs DataFrame plus a report of what was seen. */
import type { DataFrame } from "danfojs-node";
import { CaptureReadError, issueOf, type CaptureReadIssue } from "./errors";
import { readCsvHeader } from "./feature-names";
import { buildDataFrame, type FrameMemoryMode } from "./frame";
import { captureRecordBatches, newReadReport, type ReadOptions, type ReadReport, type SourcedRecord } from "./records";
import type { CaptureSource } from "./sources";
import { FrameSizeError } from "./column-limit";
import { matchWireLine } from "./wire-line";
import { CaptureTableBuilder, type RowMismatch, type TimeFormat } from "./table-builder";

/** Options of {@link loadCaptures}. */
export interface LoadOptions extends Omit<ReadOptions, "report"> {
  /** Names of the input features in payload order (CSV fields, `features` vectors). */
  featureNames?: string[];
  /** The inference CSV: its header row (when it has one) names the features. */
  inferenceCsv?: string;
  /** A CSV file whose first row is the header naming the features. */
  headerCsv?: string;
  /** Only build these columns, in this order; unrequested CSV fields are not even parsed. */
  columns?: string[];
  /** `inferenceTime` as Date (default, danfojs dtype `datetime`), ISO string or epoch ms. */
  timeAs?: TimeFormat;
  /** danfojs storage: `"auto"` (default) uses `lowMemoryMode` above 2e6 cells. */
  memoryMode?: FrameMemoryMode;
  /**
   * Bound on the frame's columns, counted without projection (default {@link DEFAULT_MAX_COLUMNS},
   * `Infinity` for none). A record that would pass it is a `CaptureReadError` naming its file,
   * line and the bound (in `report.errors` with `onError: "skip"`) and adds nothing.
   */
  maxColumns?: number;
  /**
   * Bound on the frame's cells (rows x built columns; default {@link DEFAULT_MAX_CELLS},
   * `Infinity` for none). A record that adds columns past it is refused like `maxColumns` (one
   * record with many new keys would add them to every row); a frame that passes it by rows
   * stops the load with a `FrameSizeError` (a `CaptureReadError`, thrown in skip mode too)
   * instead of running Node out of heap.
   */
  maxCells?: number;
}

/** Everything the load saw besides the data. */
export interface LoadReport extends ReadReport {
  /** Rows in the frame (one per instance). */
  rows: number;
  /** Records whose input/output instance counts or CSV widths did not match. */
  mismatches: RowMismatch[];
  /** Kept but noteworthy: unknown encodings (raw value in `inputRaw`/`outputRaw`). */
  warnings: CaptureReadIssue[];
  /** Plain-language notes (binary payloads, header detection, missing projected columns). */
  notes: string[];
}

/** A loaded frame and its report. */
export interface LoadResult {
  /** One row per instance; columns `eventId, inferenceId, inferenceTime, instanceIndex`, features, outputs, extras. */
  frame: DataFrame;
  /** Errors, counts, files read, mismatches. */
  report: LoadReport;
  /** The feature names used for positional inputs (empty when `f0..` were used). */
  featureNames: string[];
  /** Frame columns that came from the input side (features), in order. */
  inputColumns: string[];
  /** Frame columns that came from the output side, in order. */
  outputColumns: string[];
}

async function resolveFeatureNames(options: LoadOptions, notes: string[]): Promise<string[] | undefined> {
  if (options.featureNames) return options.featureNames;
  if (options.headerCsv) return readCsvHeader(options.headerCsv, true);
  if (options.inferenceCsv) {
    const header = await readCsvHeader(options.inferenceCsv);
    if (!header)
      notes.push(
        `${options.inferenceCsv} has no header row (its first row is numbers); features are named f0, f1, ...`,
      );
    return header;
  }
  return undefined;
}

/**
 * Loads capture records from a file, a local capture tree, an S3 prefix or a list of them
 * into a danfojs DataFrame, one row per instance (multi-row CSV, `instances` arrays and JSON
 * Lines bodies are split; `instanceIndex` is the position inside the record).
 *
 * Columns: `eventId`, `inferenceId` (null when not sent), `inferenceTime`, `instanceIndex`,
 * then input features (CSV fields as numbers, names from `featureNames`, the CSV header or
 * `f0..`; JSON objects flattened with `.`), then outputs (`prediction` for one CSV/array
 * value, `prediction_0..` for several, JSON objects flattened: `score`, `predicted_label`),
 * then `inputBytes`/`outputBytes` (byte length of binary BASE64 payloads, which are not
 * tabulated) and `inputRaw`/`outputRaw` (data of an unknown encoding, kept verbatim).
 * A record whose sides have different instance counts keeps all rows (missing values on
 * the short side) and is listed in `report.mismatches`. The frame has at most `maxColumns`
 * columns (default {@link DEFAULT_MAX_COLUMNS}), and a record that adds columns may not take it
 * past `maxCells` cells (default {@link DEFAULT_MAX_CELLS}): such a record is refused.
 * @throws CaptureReadError naming source, line and field (unless `onError: "skip"`).
 * @example
 * ```ts
 * const { frame, report } = await loadCaptures("data/capture/my-endpoint", {
 *   headerCsv: "data/churn/header.csv",
 *   onError: "skip",
 * });
 * frame.head().print();
 * console.log(`${report.recordsRead} records, ${report.errors.length} bad lines`);
 * ```
 */
export async function loadCaptures(source: CaptureSource, options: LoadOptions = {}): Promise<LoadResult> {
  const notes: string[] = [];
  const featureNames = await resolveFeatureNames(options, notes);
  const table = new CaptureTableBuilder({
    featureNames,
    columns: options.columns,
    timeAs: options.timeAs,
    maxColumns: options.maxColumns,
    maxCells: options.maxCells,
  });
  const read = newReadReport();
  const skip = options.onError === "skip";
  const readOptions = {
    onError: options.onError,
    from: options.from,
    to: options.to,
    maxRecords: options.maxRecords,
    report: read,
  };
  const add = (r: SourcedRecord) => {
    try {
      table.add(r);
    } catch (err) {
      // A frame too large is no bad record: skipping every later one would lose them all.
      if (!skip || !(err instanceof CaptureReadError) || err instanceof FrameSizeError) throw err;
      read.errors.push(issueOf(err));
      read.skippedRecords++;
      read.recordsRead--;
    }
  };
  // Records are added as their lines are parsed (`add` as onRecord): the batches stay empty.
  for await (const batch of captureRecordBatches(source, readOptions, matchWireLine, add)) batch.forEach(add);
  const { columns, missing } = table.finish(options.columns);
  if (missing.length > 0) notes.push(`requested column(s) not in the data: ${missing.join(", ")}`);
  const c = table.counts;
  if (c.binaryInputs)
    notes.push(
      `${c.binaryInputs} input payload(s) were binary (BASE64, not UTF-8 text): not tabulated, byte length in column inputBytes`,
    );
  if (c.binaryOutputs)
    notes.push(`${c.binaryOutputs} output payload(s) were binary: byte length in column outputBytes`);
  if (c.rawInputs || c.rawOutputs)
    notes.push(
      `${c.rawInputs + c.rawOutputs} payload(s) had an unknown encoding: kept verbatim in inputRaw/outputRaw (see warnings)`,
    );
  const rows = table.rows;
  const frame = buildDataFrame(table.store.rows, columns, table.store.columns.length, options.memoryMode);
  const report: LoadReport = { ...read, rows, mismatches: table.mismatches, warnings: table.warnings, notes };
  return {
    frame,
    report,
    featureNames: featureNames ?? [],
    inputColumns: table.inputNames(),
    outputColumns: table.outputNames(),
  };
}
