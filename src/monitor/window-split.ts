/**
 * One large monitoring window on worker threads (I/O): the window's files, in listing order,
 * cut into contiguous runs of about equal bytes, one per worker (window-worker.ts); each
 * worker profiles its run; the partial profiles are added up here in file order
 * (profile-partial.ts). A failed or dead worker fails the whole window with its reason.
 */
import type { CaptureFileInfo, CaptureSource } from "../read/file-info";
import { newReadReport, type ReadReport } from "../read/records";
import { listCaptureFiles } from "../read/sources";
import type { OutputColumnsPosition } from "./capture-rows";
import type { ConstraintsFile } from "./constraints-file";
import { noteReadErrors } from "./read-window";
import type { WindowPart, WindowTask, WindowWorkerData } from "./window-worker";
import { WindowProfile } from "./window-profile";
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
  /** Workers at most (at most one per file). */
  parallel: number;
  /** Least bytes worth splitting (default {@link SPLIT_MIN_BYTES}). */
  minBytes?: number;
  onProgress?: (progress: WindowProgress) => void;
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
    if (runsLeft > 0 && (bytes >= (total * (runs.length + 1)) / n || filesLeft === runsLeft)) {
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
): Promise<{ profile: WindowProfile; read: ReadReport; workers: number } | undefined> {
  const files = await listCaptureFiles(captures, { from: options.from, to: options.to });
  const bytes = files.reduce((s, f) => s + f.size, 0);
  if (files.length < 2 || options.parallel < 2 || bytes < (options.minBytes ?? SPLIT_MIN_BYTES)) return undefined;
  return profileFilesInWorkers(files, options);
}

/** {@link profileWindowInWorkers} over files already listed (in reading order). */
export async function profileFilesInWorkers(
  files: readonly CaptureFileInfo[],
  options: SplitWindowOptions,
): Promise<{ profile: WindowProfile; read: ReadReport; workers: number }> {
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
  };
  const opened = new Array<number>(tasks.length).fill(0);
  const outcomes = await runInWorkers<WindowTask, WindowPart>(tasks, {
    module: workerModule(__dirname, "window-worker", __filename),
    workerData: data,
    parallel: tasks.length,
    onProgress: (i, n) => {
      opened[i] = n as number;
      options.onProgress?.({ filesRead: opened.reduce((a, b) => a + b, 0), files: files.length });
    },
  });
  // One window is one report: any failed part fails it (no partial statistics).
  outcomes.forEach((o, i) => {
    if (o.ok) return;
    const t = tasks[i]!;
    throw new WorkerTaskError(
      `monitoring window split over ${tasks.length} worker threads: part ${i + 1} (${t.files.length} files from ${t.files[0]}) failed: ${o.error.name}: ${o.error.message}`,
      { cause: o.error },
    );
  });
  const profile = new WindowProfile(options.constraints, {
    outputColumnsPosition: options.outputColumnsPosition,
    maxIssues: options.maxIssues,
  });
  const parts = outcomes.map((o) => (o as { value: WindowPart }).value);
  for (const part of parts) profile.addPartial(part.partial);
  const read = mergeReadReports(parts.map((p) => p.read));
  noteReadErrors(profile, read);
  return { profile, read, workers: tasks.length };
}
