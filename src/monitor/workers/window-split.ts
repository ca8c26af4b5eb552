/**
 * One large monitoring window on several threads (I/O): the window's files, in listing order,
 * cut into contiguous runs of about equal bytes, one per thread: the first run in this thread,
 * the others on worker threads (window-worker.ts); the partial profiles are added up here in
 * file order (profile-partial.ts). A failed part or dead worker fails the whole window with its
 * reason. A record preprocessor script is checked here first (preprocessor/worker-scripts.ts),
 * then runs once per thread: this thread's part keeps the checked one, each worker opens its
 * own. (window-worker.ts is imported for its types only: loaded in a worker thread, it listens
 * to that thread's messages.)
 */
import type { CaptureFileInfo, CaptureSource } from "../../read/file-info";
import { newReadReport, type ReadReport, type SourcedRecord } from "../../read/records";
import { listCaptureFiles } from "../../read/sources";
import type { OutputColumnsPosition } from "../profile/capture-rows";
import type { ConstraintsFile } from "../files/constraints-file";
import { noteReadErrors, streamWindow } from "../read-window";
import type { RecordPreprocessor } from "../preprocessor/record-preprocessor";
import type { ScriptLocation } from "../preprocessor/script-location";
import { scriptsForWorkers } from "../preprocessor/worker-scripts";
import type { WindowPart, WindowTask, WindowWorkerData } from "./window-worker";
import { WindowProfile } from "../profile/window-profile";
import { runInWorkers, workerModule, WorkerTaskError } from "./worker-pool";

/** Below this many bytes of captures a window is profiled in one thread (starting workers costs more). */
export const SPLIT_MIN_BYTES = 8 * 1024 * 1024;

/** Files read so far of a window split across workers. */
export interface WindowProgress {
  /** Files opened so far (all workers). */
  filesRead: number;
  /** The window's files. */
  files: number;
}

/** What {@link profileWindowInWorkers} needs. */
export interface SplitWindowOptions {
  constraints: ConstraintsFile;
  from?: Date;
  to?: Date;
  outputColumnsPosition?: OutputColumnsPosition;
  maxIssues?: number;
  /** Threads at most, this one included (at most one per file). */
  parallel: number;
  /** Least bytes worth splitting (default {@link SPLIT_MIN_BYTES}). */
  minBytes?: number;
  onProgress?: (progress: WindowProgress) => void;
  /**
   * A record preprocessor script (path or `{ s3, uri }`): located and checked once here before
   * any record is read, then one per thread (one Python process each).
   */
  recordPreprocessor?: ScriptLocation;
  /** Per-record time limit of the record preprocessor, in seconds (default 60). */
  preprocessorTimeoutSeconds?: number;
  /** Where the script's prints go, the workers' included (default: stderr). */
  onScriptOutput?: (text: string) => void;
}

/**
 * Cuts files of these sizes into at most `parts` contiguous runs of about equal bytes (each
 * at least one file). Pure.
 * @returns each run's `[start, end)` file indexes, in order
 */
export function splitFiles(sizes: readonly number[], parts: number): Array<[number, number]> {
  const n = Math.max(1, Math.min(parts, sizes.length));
  const total = sizes.reduce((a, b) => a + b, 0);
  const runs: Array<[number, number]> = [];
  let start = 0;
  let bytes = 0;
  for (let i = 0; i < sizes.length; i++) {
    bytes += sizes[i]!;
    const runsLeft = n - runs.length - 1;
    const filesLeft = sizes.length - i - 1;
    // Close the run at its share of the bytes, leaving at least one file per run still to come.
    if (runsLeft > 0 && filesLeft >= runsLeft && (bytes >= (total * (runs.length + 1)) / n || filesLeft === runsLeft)) {
      runs.push([start, i + 1]);
      start = i + 1;
    }
  }
  runs.push([start, sizes.length]);
  return runs;
}

/** The reports of consecutive parts of a read, as one read's. */
export function mergeReadReports(reports: readonly ReadReport[]): ReadReport {
  const out = newReadReport();
  for (const r of reports) {
    out.errors.push(...r.errors);
    out.skippedRecords += r.skippedRecords;
    out.recordsRead += r.recordsRead;
    out.outOfRange += r.outOfRange;
    out.filesRead.push(...r.filesRead);
  }
  return out;
}

/**
 * Profiles the window's files on worker threads when it is worth it: more than one file and
 * at least `minBytes` of them, local captures.
 * @returns the merged profile and the reader's report, or undefined (nothing done) when the
 *   window is too small to split
 * @throws WorkerTaskError naming the part, its files and the reason when a worker fails or dies
 */
export async function profileWindowInWorkers(
  captures: CaptureSource,
  options: SplitWindowOptions,
): Promise<{ profile: WindowProfile; read: ReadReport; threads: number } | undefined> {
  const files = await listCaptureFiles(captures, { from: options.from, to: options.to });
  const bytes = files.reduce((s, f) => s + f.size, 0);
  if (files.length < 2 || options.parallel < 2 || bytes < (options.minBytes ?? SPLIT_MIN_BYTES)) return undefined;
  return profileFilesInWorkers(files, options);
}

/**
 * Profiles one run of files into a partial (a worker's job; the first run is done in the
 * calling thread, which would otherwise wait idle).
 * @param onFiles called with the files opened so far
 * @param preprocessor this thread's open record preprocessor, if the run has one
 */
export async function profileRun(
  data: WindowWorkerData,
  task: WindowTask,
  onFiles?: (filesRead: number) => void,
  preprocessor?: RecordPreprocessor,
): Promise<WindowPart> {
  const profile = new WindowProfile(data.constraints, {
    outputColumnsPosition: data.outputColumnsPosition,
    maxIssues: data.maxIssues,
    keepFileParts: true,
    recordToRows: preprocessor?.recordToRows,
  });
  const window = {
    from: task.from === undefined ? undefined : new Date(task.from),
    to: task.to === undefined ? undefined : new Date(task.to),
  };
  const prepare = preprocessor && ((b: SourcedRecord[]) => preprocessor.prepareBatch(b));
  const read = await streamWindow(task.files, profile, window, prepare, onFiles);
  return { partial: profile.toPartial(), read };
}

/**
 * {@link profileWindowInWorkers} over files already listed (in reading order).
 * @throws PreprocessorError, before any record is read, when the record preprocessor is
 *   missing, cannot load or lacks its handler
 */
export async function profileFilesInWorkers(
  files: readonly CaptureFileInfo[],
  options: SplitWindowOptions,
): Promise<{ profile: WindowProfile; read: ReadReport; threads: number }> {
  const onOutput = options.onScriptOutput ?? ((t: string) => void process.stderr.write(t));
  const scripts = await scriptsForWorkers(options.recordPreprocessor, undefined, {
    featureNames: options.constraints.features.map((f) => f.name),
    timeoutSeconds: options.preprocessorTimeoutSeconds,
    onOutput,
    keepOpen: true,
  });
  try {
    return await profileSplit(
      files,
      options,
      scripts.opened,
      {
        recordPreprocessor: scripts.recordPreprocessor,
        preprocessorTimeoutSeconds: options.preprocessorTimeoutSeconds,
      },
      onOutput,
    );
  } finally {
    await scripts.opened?.close();
    scripts.dispose();
  }
}

async function profileSplit(
  files: readonly CaptureFileInfo[],
  options: SplitWindowOptions,
  here: RecordPreprocessor | undefined,
  scripts: Pick<WindowWorkerData, "recordPreprocessor" | "preprocessorTimeoutSeconds">,
  onOutput: (text: string) => void,
): Promise<{ profile: WindowProfile; read: ReadReport; threads: number }> {
  const runs = splitFiles(
    files.map((f) => f.size),
    options.parallel,
  );
  const tasks: WindowTask[] = runs.map(([s, e]) => ({
    files: files.slice(s, e).map((f) => f.source),
    from: options.from?.getTime(),
    to: options.to?.getTime(),
  }));
  const data: WindowWorkerData = {
    constraints: options.constraints,
    outputColumnsPosition: options.outputColumnsPosition,
    maxIssues: options.maxIssues,
    ...scripts,
  };
  const opened = new Array<number>(tasks.length).fill(0);
  const progress = (i: number, n: number) => {
    opened[i] = n;
    options.onProgress?.({ filesRead: opened.reduce((a, b) => a + b, 0), files: files.length });
  };
  // The first run here while the workers start and take the others.
  const [mine, ...there] = tasks;
  const [first, outcomes] = await Promise.all([
    profileRun(data, mine!, (n) => progress(0, n), here).then(
      (value) => ({ ok: true as const, value }),
      (error: Error) => ({ ok: false as const, error }),
    ),
    runInWorkers<WindowTask, WindowPart>(there, {
      module: workerModule(__dirname, "window-worker", __filename),
      workerData: data,
      parallel: there.length,
      // Each worker closes its preprocessor (ends its Python process) before it exits.
      endMessage: true,
      onOutput,
      onProgress: (i, n) => progress(i + 1, n as number),
    }),
  ]);
  // One window is one report: any failed part fails it (no partial statistics).
  [first, ...outcomes].forEach((o, i) => {
    if (o.ok) return;
    const t = tasks[i]!;
    throw new WorkerTaskError(
      `monitoring window split over ${tasks.length} threads: part ${i + 1} (${t.files.length} files from ${t.files[0]}) failed: ${o.error.name}: ${o.error.message}`,
      { cause: o.error },
    );
  });
  const profile = new WindowProfile(options.constraints, {
    outputColumnsPosition: options.outputColumnsPosition,
    maxIssues: options.maxIssues,
  });
  const parts = [first, ...outcomes].map((o) => (o as { value: WindowPart }).value);
  for (const part of parts) profile.addPartial(part.partial);
  const read = mergeReadReports(parts.map((p) => p.read));
  noteReadErrors(profile, read);
  return { profile, read, threads: tasks.length };
}
