/**
 * The record preprocessor (I/O): a Python script with AWS's `preprocess_handler`, or a
 * JavaScript module with `preprocessHandler`, as a `RecordToRows` plus a batch step that runs
 * the handler over each batch before the batch is profiled.
 */
import type { SourcedRecord } from "../../read/records";
import type { RecordRows, RecordToRows } from "../profile/capture-rows";
import { HandlerRows, jsResult, type HandlerResult } from "./handler-rows";
import { isJsScript, loadJsFunction } from "./js-module";
import { PythonRunner } from "./python-runner";
import { announceScript, localScript, type LocalScript, type ScriptLocation } from "./script-location";

/** An open record preprocessor: `prepareBatch` each batch, then `recordToRows` each record of it. */
export interface RecordPreprocessor {
  /** The script as given (path or `s3://` URI). */
  readonly label: string;
  /** Runs the handler over a batch (call before `recordToRows` on its records). */
  prepareBatch(batch: SourcedRecord[]): Promise<void>;
  /** The rows of a record of the last prepared batch. */
  readonly recordToRows: RecordToRows;
  /** Or the handler's dict itself, keys as returned (model quality picks its attributes from it). */
  recordDict(record: SourcedRecord): HandlerDict;
  /** Ends the Python process and removes a fetched copy. */
  close(): Promise<void>;
}

/** A handler's result for one record as key/value pairs, a dropped record, or why there is none. */
export type HandlerDict =
  { pairs: Array<[string, string | null]> } | { drop: true } | { problem: { field: string; message: string } };

/** Options of {@link openRecordPreprocessor}. */
export interface RecordPreprocessorOptions {
  /** The baseline's feature names (returned keys map by name when all are among them). */
  featureNames: readonly string[];
  /** Per-record time limit in seconds (default 60). */
  timeoutSeconds?: number;
  /** Where the script's prints and the "running ..." line go (default: stderr). */
  onOutput?: (text: string) => void;
}

function rowsOf(r: HandlerResult, rows: HandlerRows, timeout: number): RecordRows {
  if ("v" in r) return { rows: [rows.row(r.k, r.v)], problems: [] };
  if ("drop" in r) return { rows: [], problems: [] };
  if ("timeout" in r)
    return {
      rows: [],
      problems: [{ field: "preprocess_handler", message: `the record preprocessor took more than ${timeout} s` }],
    };
  return { rows: [], problems: [{ field: "preprocess_handler", message: r.error }] };
}

/**
 * Opens a record preprocessor: fetches an `s3://` script, starts Python (one process for all
 * batches) or imports the JavaScript module, and checks the handler exists, before any record
 * is read.
 * @example
 * const pre = await openRecordPreprocessor("preprocessor.py", { featureNames: ["Churn", "Account Length"] });
 * try { await runMonitor({ captures, baseline, recordPreprocessor: pre }); } finally { await pre.close(); }
 * @throws PreprocessorError when Python is missing, or the script cannot load or lacks the handler
 */
export async function openRecordPreprocessor(
  location: ScriptLocation,
  options: RecordPreprocessorOptions,
): Promise<RecordPreprocessor> {
  const onOutput = options.onOutput ?? ((t: string) => void process.stderr.write(t));
  const script = await localScript(location);
  onOutput(announceScript("record preprocessor", script));
  return openPreprocessorScript(script, { ...options, onOutput });
}

/**
 * Opens a record preprocessor from a script already on this machine (no fetch, no "running"
 * line): what a worker thread does with the copy its main thread fetched. `close` calls the
 * script's `dispose`.
 */
export async function openPreprocessorScript(
  script: LocalScript,
  options: RecordPreprocessorOptions,
): Promise<RecordPreprocessor> {
  const onOutput = options.onOutput ?? ((t: string) => void process.stderr.write(t));
  const timeout = options.timeoutSeconds ?? 60;
  const handlerRows = new HandlerRows(new Set(options.featureNames));
  const results = new Map<SourcedRecord, HandlerResult>();
  const take = (rec: SourcedRecord) => {
    const r = results.get(rec);
    results.delete(rec);
    return r;
  };
  const recordToRows: RecordToRows = (rec) => {
    const r = take(rec);
    if (!r) return { rows: [], problems: [{ field: "preprocess_handler", message: "record was not preprocessed" }] };
    return rowsOf(r, handlerRows, timeout);
  };
  const recordDict = (rec: SourcedRecord): HandlerDict => {
    const r = take(rec);
    if (!r) return { problem: { field: "preprocess_handler", message: "record was not preprocessed" } };
    if ("v" in r) return { pairs: r.k!.map((k, i) => [k, r.v[i]!]) };
    if ("drop" in r) return { drop: true };
    return { problem: rowsOf(r, handlerRows, timeout).problems[0]! };
  };
  // Python sends a row's keys only when they differ from the last row's: every stored result
  // gets its keys here, in the order they came, so results can be taken in any order.
  let lastKeys: string[] | undefined;
  const store = (rec: SourcedRecord, r: HandlerResult) => {
    if ("v" in r) {
      if (r.k) lastKeys = r.k;
      else r.k = lastKeys;
    }
    results.set(rec, r);
  };
  try {
    if (isJsScript(script.path)) {
      const fn = await loadJsFunction(script.path, script.label, "preprocessHandler");
      return {
        label: script.label,
        recordToRows,
        recordDict,
        async prepareBatch(batch) {
          for (const rec of batch) {
            let r: HandlerResult;
            try {
              r = jsResult(await withTimeout(fn(rec.record), timeout));
            } catch (e) {
              r = e === TIMED_OUT ? { timeout } : { error: (e as Error)?.stack ?? String(e) };
            }
            store(rec, r);
          }
        },
        async close() {
          script.dispose();
        },
      };
    }
    const py = await PythonRunner.start(script.path, script.label, { timeoutSeconds: timeout, onOutput });
    return {
      label: script.label,
      recordToRows,
      recordDict,
      async prepareBatch(batch) {
        const out = await py.run(
          batch.map((r) => r.record),
          (i) => `${batch[i]?.source}:${batch[i]?.line}`,
        );
        batch.forEach((rec, i) => store(rec, out[i]!));
      },
      async close() {
        await py.close();
        script.dispose();
      },
    };
  } catch (e) {
    script.dispose();
    throw e;
  }
}

const TIMED_OUT = Symbol("timed out");

/** Awaits a handler's promise with the time limit (a synchronous handler cannot be interrupted). */
function withTimeout(v: unknown, seconds: number): unknown {
  if (!(v instanceof Promise)) return v;
  let t: NodeJS.Timeout | undefined;
  return Promise.race([
    v,
    new Promise((_, reject) => {
      t = setTimeout(() => reject(TIMED_OUT), seconds * 1000);
    }),
  ]).finally(() => clearTimeout(t));
}

/**
 * The preprocessor of a run: `given` itself when already open (its opener closes it), else
 * opened from its location and closed by `release`.
 */
export async function acquirePreprocessor(
  given: ScriptLocation | RecordPreprocessor | undefined,
  options: RecordPreprocessorOptions,
): Promise<{ preprocessor?: RecordPreprocessor; release(): Promise<void> }> {
  if (given === undefined || (typeof given === "object" && "prepareBatch" in given))
    return { preprocessor: given, release: async () => {} };
  const opened = await openRecordPreprocessor(given, options);
  return { preprocessor: opened, release: () => opened.close() };
}
