/**
 * `runMonitor`: one Model Monitor schedule execution, offline. Reads the window's captures
 * once (read-window.ts; a large window's files split across threads, window-split.ts) into a
 * profile of the baseline's features (window-profile.ts), runs
 * the checks and the drift table, says what went wrong (monitor-errors.ts) and writes
 * statistics.json and constraint_violations.json (monitor-files.ts).
 */
import * as os from "node:os";
import type { CaptureSource } from "../read/file-info";
import type { ReadReport } from "../read/records";
import type { OutputColumnsPosition, RecordToRows } from "./profile/capture-rows";
import { runChecks, type FeatureCheck } from "./checks";
import { parseConstraints, type ConstraintsFile } from "./files/constraints-file";
import { summarizeDrift, type DriftSummary, type DriftThresholds } from "./drift/drift-summary";
import { describeSource, noCapturesError, NoProfiledRowsError, type MonitorIssue } from "./monitor-errors";
import { writeMonitorFiles } from "./files/monitor-files";
import { readLocationFile, type OutputLocation } from "./files/output-location";
import { readWindow } from "./read-window";
import { parseStatistics, type StatisticsFile } from "./files/statistics-file";
import type { Violation } from "./files/violations-file";
import { WindowProfile } from "./profile/window-profile";
import { profileWindowInWorkers, type WindowProgress } from "./workers/window-split";
import { acquirePreprocessor, type RecordPreprocessor } from "./preprocessor/record-preprocessor";
import { runPostAnalyticsProcessor, type PostAnalyticsResult } from "./preprocessor/post-analytics";
import type { ScriptLocation } from "./preprocessor/script-location";

export { NoCapturesError, NoProfiledRowsError, hoursOf, type MonitorIssue } from "./monitor-errors";
export type { WindowProgress } from "./workers/window-split";

/** A baseline: a folder / S3 prefix holding statistics.json and constraints.json, or the parsed files. */
export type BaselineSource = OutputLocation | { statistics: StatisticsFile; constraints: ConstraintsFile };

/** Options of {@link runMonitor}. */
export interface MonitorOptions {
  /** Captures: a file, a local capture tree, `{ s3, uri }`, ... (see `readCaptureRecords`). */
  captures: CaptureSource;
  baseline: BaselineSource;
  /** Window start (inclusive) and end (exclusive), on `inferenceTime`. */
  from?: Date;
  to?: Date;
  /** Where the output values sit in the baseline's rows (default `START`). */
  outputColumnsPosition?: OutputColumnsPosition;
  /** Where to write statistics.json and constraint_violations.json (and drift-report.html with `htmlReport`). */
  output?: OutputLocation;
  /** Also write the HTML drift report as this file name under `output` (e.g. `drift-report.html`). */
  htmlReport?: string;
  /** Thresholds of the drift verdicts. */
  drift?: DriftThresholds;
  /** Most bad rows listed (all are counted; default 1000). */
  maxIssues?: number;
  /**
   * Least share (0..1) of the window's records that must give a profiled row; below it the
   * run fails with `NoProfiledRowsError`. Default: at least one row.
   */
  minProfiledShare?: number;
  /** Record to rows, replacing `captureRows` (a record preprocessor; see capture-rows.ts). */
  recordToRows?: RecordToRows;
  /**
   * AWS's `RecordPreprocessorSourceUri`: a Python script with `preprocess_handler` or a
   * JavaScript module with `preprocessHandler` (path or `{ s3, uri }`), or one already open
   * (see preprocessor/README.md). It replaces the reading of each record.
   */
  recordPreprocessor?: ScriptLocation | RecordPreprocessor;
  /** AWS's `PostAnalyticsProcessorSourceUri`: `postprocess_handler()` run once after a successful run. */
  postAnalyticsProcessor?: ScriptLocation;
  /** Per-record time limit of the record preprocessor, in seconds (default 60). */
  preprocessorTimeoutSeconds?: number;
  /** Where scripts' prints go (default: stderr). */
  onScriptOutput?: (text: string) => void;
  /**
   * Threads a large window's files are split across (default `os.availableParallelism()`; 1 =
   * this thread only): this thread and `parallel - 1` worker threads each profile a contiguous
   * run of the files; the partial profiles are merged in file order. statistics.json is the same as
   * one thread's except the sketch-derived fields (each numeric feature's
   * `distribution.kll.buckets` and `sketch.data`, and what is computed from them: the drift
   * distances and PSI/KS/JS), which stay within the KLL sketch's rank error. Only local
   * captures without `recordToRows` or an already open `RecordPreprocessor` are split, and only
   * windows of more than one file and at least `splitMinBytes`. A record preprocessor script
   * (file or `{ s3, uri }`, fetched once here) is checked here before any record is read, then
   * runs once per thread (one Python process each); the post-analytics processor still runs
   * once, here, after the merged run. The default follows the machine's cores, so the sketch
   * fields can differ between machines; pass 1 for files that do not depend on the machine.
   */
  parallel?: number;
  /** Least bytes of capture files for a window to be split across workers (default 8 MiB). */
  splitMinBytes?: number;
  /** Files read so far, when the window is split across workers. */
  onProgress?: (progress: WindowProgress) => void;
}

/** What {@link runMonitor} found. */
export interface MonitorResult {
  statistics: StatisticsFile;
  violations: Violation[];
  features: FeatureCheck[];
  drift: DriftSummary;
  /** Captured rows analysed, and how many columns they had (the most common width). */
  rows: number;
  columnCount: number;
  /** Threads the window's files were split across, this one included (1: this thread only). */
  threads: number;
  /** Records read (after the time filter), and the reader's report. */
  records: number;
  /** Records that gave at least one profiled row. */
  profiledRecords: number;
  read: ReadReport;
  /** Bad rows: number of problems, and the first `maxIssues` of them with file and line. */
  issueCount: number;
  issues: MonitorIssue[];
  written: string[];
  /** The post-analytics processor's run, with what it printed. */
  postAnalytics?: PostAnalyticsResult;
}

/** Reads a baseline folder's two files (or takes parsed ones). */
export async function loadBaseline(
  source: BaselineSource,
): Promise<{ statistics: StatisticsFile; constraints: ConstraintsFile }> {
  if (typeof source === "object" && "statistics" in source) return source;
  const s = await readLocationFile(source, "statistics.json");
  const c = await readLocationFile(source, "constraints.json");
  return { statistics: parseStatistics(s.text, s.where), constraints: parseConstraints(c.text, c.where) };
}

/**
 * Runs one monitoring execution over a window of captures.
 * @example
 * const r = await runMonitor({
 *   captures: "captures/my-endpoint",
 *   baseline: "reports/baseline",
 *   from: new Date("2024-01-19T19:00:00Z"), to: new Date("2024-01-19T20:00:00Z"),
 *   output: "reports/monitoring/2024/01/19/19",
 * });
 * r.violations; // [{ feature_name, constraint_check_type, description }]
 * @throws NoCapturesError when the window holds no capture record (naming the source and hours).
 * @throws NoProfiledRowsError when no record (or under `minProfiledShare` of them) gave a row,
 *   with the commonest reason and an example file:line; nothing is written then.
 */
export async function runMonitor(options: MonitorOptions): Promise<MonitorResult> {
  const { statistics: baseStats, constraints } = await loadBaseline(options.baseline);
  const window = { from: options.from, to: options.to };
  const { profile, read, threads } = (await profileOnWorkers(options, constraints)) ?? {
    ...(await profileHere(options, constraints)),
    threads: 1,
  };
  if (profile.records === 0 && read.skippedRecords === 0)
    throw noCapturesError(options.captures, read, window.from, window.to);
  const seen = profile.records + read.skippedRecords;
  const minShare = options.minProfiledShare;
  if (profile.profiledRecords === 0 || (minShare !== undefined && profile.profiledRecords < minShare * seen)) {
    throw new NoProfiledRowsError({
      records: seen,
      profiledRecords: profile.profiledRecords,
      reasons: profile.refusalReasons(),
      minShare,
    });
  }
  const { columnCount, current, features } = profile.finish();
  const rows = profile.rows;
  const statistics: StatisticsFile = { version: 0.0, dataset: { item_count: rows }, features };
  const checks = runChecks({ constraints, baseline: baseStats, current, columnCount, itemCount: rows });
  const drift = summarizeDrift(baseStats, current, checks.features, options.drift);
  const result: MonitorResult = {
    statistics,
    violations: checks.violations,
    features: checks.features,
    drift,
    rows,
    columnCount,
    records: profile.records,
    profiledRecords: profile.profiledRecords,
    threads,
    read,
    issueCount: profile.issueCount,
    issues: profile.issues,
    written: [],
  };
  if (options.output) {
    result.written = await writeMonitorFiles(options.output, {
      statistics,
      violations: checks.violations,
      html: options.htmlReport
        ? {
            name: options.htmlReport,
            report: result,
            title: `Drift report: ${describeSource(options.captures)}`,
            from: options.from,
            to: options.to,
          }
        : undefined,
    });
  }
  if (options.postAnalyticsProcessor)
    result.postAnalytics = await runPostAnalyticsProcessor(options.postAnalyticsProcessor, {
      onOutput: options.onScriptOutput,
      files: { statistics, violations: checks.violations, from: options.from, to: options.to },
    });
  return result;
}

// The window in this thread: one profile fed file after file (with a record preprocessor, if any).
async function profileHere(
  options: MonitorOptions,
  constraints: ConstraintsFile,
): Promise<{ profile: WindowProfile; read: ReadReport }> {
  // Opened (script loaded, handler found) before any record is read.
  const pre = await acquirePreprocessor(options.recordPreprocessor, {
    featureNames: constraints.features.map((f) => f.name),
    timeoutSeconds: options.preprocessorTimeoutSeconds,
    onOutput: options.onScriptOutput,
  });
  const step = pre.preprocessor;
  const profile = new WindowProfile(constraints, {
    outputColumnsPosition: options.outputColumnsPosition,
    maxIssues: options.maxIssues,
    recordToRows: step?.recordToRows ?? options.recordToRows,
  });
  try {
    const window = { from: options.from, to: options.to };
    return {
      profile,
      read: await readWindow(options.captures, profile, window, step && ((b) => step.prepareBatch(b))),
    };
  } finally {
    await pre.release();
  }
}

function localFiles(c: CaptureSource): boolean {
  return Array.isArray(c) ? c.every(localFiles) : typeof c === "string" && !c.startsWith("s3://");
}

// A large window's files on worker threads, when they can go there (plain data only: no S3
// client, no function, no open script process; a script's location is fetched and checked
// in this thread, then each worker opens its own); undefined when it runs in this thread.
async function profileOnWorkers(options: MonitorOptions, constraints: ConstraintsFile) {
  const parallel = Math.max(1, Math.floor(options.parallel ?? os.availableParallelism()));
  const pre = options.recordPreprocessor;
  const open = typeof pre === "object" && "prepareBatch" in pre;
  if (parallel < 2 || !localFiles(options.captures) || options.recordToRows || open) return undefined;
  return profileWindowInWorkers(options.captures, {
    constraints,
    from: options.from,
    to: options.to,
    outputColumnsPosition: options.outputColumnsPosition,
    maxIssues: options.maxIssues,
    parallel,
    minBytes: options.splitMinBytes,
    onProgress: options.onProgress,
    recordPreprocessor: pre,
    preprocessorTimeoutSeconds: options.preprocessorTimeoutSeconds,
    onScriptOutput: options.onScriptOutput,
  });
}
