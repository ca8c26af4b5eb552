/**
 * The hourly schedule: one monitoring run per completed hour of an endpoint's captures,
 * reports written under Model Monitor's layout `{reports}/{endpoint}/{schedule}/yyyy/mm/dd/hh/`
 * (I/O). Hours are independent: with local captures and reports they run on worker threads
 * (worker-pool.ts, hour-worker.ts), each hour's files the same bytes as a sequential run's,
 * with one record preprocessor per worker.
 */
import * as os from "node:os";
import * as path from "node:path";
import type { CaptureSource } from "../read/file-info";
import { listCaptureFiles } from "../read/sources";
import { summarizeHour, type HourSummary } from "./hour-summary";
import type { HourTask, HourWorkerData } from "./workers/hour-worker";
import { loadBaseline, runMonitor, type BaselineSource, type MonitorOptions } from "./monitor-run";
import { readLocationFile, type OutputLocation } from "./files/output-location";
import type { ConstraintsFile } from "./files/constraints-file";
import { acquirePreprocessor } from "./preprocessor/record-preprocessor";
import type { ScriptLocation } from "./preprocessor/script-location";
import { scriptsForWorkers } from "./preprocessor/worker-scripts";
import type { StatisticsFile } from "./files/statistics-file";
import { runInWorkers, workerModule } from "./workers/worker-pool";

/** Options of {@link runHourlyMonitoring}. */
export interface HourlyOptions extends Pick<
  MonitorOptions,
  | "outputColumnsPosition"
  | "drift"
  | "htmlReport"
  | "maxIssues"
  | "minProfiledShare"
  | "recordToRows"
  | "recordPreprocessor"
  | "postAnalyticsProcessor"
  | "preprocessorTimeoutSeconds"
  | "onScriptOutput"
> {
  /** The endpoint's captures (its folder / prefix, or the capture destination with `endpointName`). */
  captures: CaptureSource;
  endpointName: string;
  /** The schedule's name in the report layout (default `capture-lab-hourly`). */
  scheduleName?: string;
  baseline: BaselineSource;
  /** Reports root: a folder or `{ s3, uri }`. */
  reports: OutputLocation;
  /** Only hours starting at or after / before these times. */
  since?: Date;
  until?: Date;
  /** "Now": hours not ended by then are not complete and are left for a later run (default: the clock). */
  now?: Date;
  /**
   * Hours run at once on worker threads (default `os.availableParallelism()`; 1 runs them one
   * after another in this thread). Workers need local captures and reports, no `recordToRows`
   * function and no already open `RecordPreprocessor` (neither a client nor a function crosses
   * to a thread): otherwise the hours run in this thread. Scripts work: each worker runs its
   * own record preprocessor (one Python process per worker).
   */
  parallel?: number;
  /** Skip hours whose report files are all there already (a rerun resumes a backfill). */
  resume?: boolean;
  /** Called as each hour ends (or is skipped): hours done and left. */
  onProgress?: (progress: HourlyProgress) => void;
}

/** Progress of a backfill, after one hour. */
export interface HourlyProgress {
  /** The hour just finished. */
  hour: string;
  /** Hours finished (failed and skipped ones included). */
  done: number;
  /** Hours left to run. */
  left: number;
  /** All hours of the backfill. */
  total: number;
  /** Hours failed so far. */
  failed: number;
}

/** One hour processed. */
export interface HourlyRun {
  /** `yyyy/mm/dd/hh`. */
  hour: string;
  from: Date;
  to: Date;
  /** The hour's counts, violations and drift verdict (its statistics are in its report files). */
  result?: HourSummary;
  error?: Error;
  /** Already reported by an earlier run (`resume`): not run again. */
  skipped?: boolean;
}

function hourStart(hour: string): Date {
  const [y, m, d, h] = hour.split("/").map(Number);
  return new Date(Date.UTC(y!, m! - 1, d!, h!));
}

function outputOf(options: HourlyOptions, hour: string): OutputLocation {
  const sub = `${options.endpointName}/${options.scheduleName ?? "capture-lab-hourly"}/${hour}`;
  return typeof options.reports === "string"
    ? `${options.reports}/${sub}`
    : { s3: options.reports.s3, uri: `${options.reports.uri.replace(/\/+$/, "")}/${sub}` };
}

/** True when the hour's last report file is there (the files are written in order). */
async function reported(output: OutputLocation, options: HourlyOptions): Promise<boolean> {
  try {
    await readLocationFile(output, options.htmlReport ?? "constraint_violations.json");
    return true;
  } catch {
    return false;
  }
}

/**
 * Runs every completed hour that has capture files, oldest first, up to `parallel` at once. A
 * failing hour (or a worker thread dying while it runs) is recorded in its entry with the
 * reason and does not stop the others. Only each hour's summary is kept, so memory does not
 * grow with the number of hours.
 * @example
 * const runs = await runHourlyMonitoring({ captures: "data/datacapture/my-endpoint", endpointName: "my-endpoint", baseline: "reports/baseline", reports: "reports/monitoring", parallel: 4, resume: true });
 */
export async function runHourlyMonitoring(options: HourlyOptions): Promise<HourlyRun[]> {
  const now = options.now ?? new Date();
  const baseline = await loadBaseline(options.baseline);
  const files = await listCaptureFiles(options.captures, { from: options.since, to: options.until ?? now });
  const hours = [
    ...new Set(
      files.filter((f) => f.hour && (!f.endpointName || f.endpointName === options.endpointName)).map((f) => f.hour!),
    ),
  ].sort();
  const runs: HourlyRun[] = [];
  for (const hour of hours) {
    const from = hourStart(hour);
    const to = new Date(from.getTime() + 3_600_000);
    if (to > now || (options.since && from < options.since)) continue;
    runs.push({ hour, from, to });
  }
  let done = 0;
  let failed = 0;
  const progress = (run: HourlyRun) => {
    done++;
    if (run.error) failed++;
    options.onProgress?.({ hour: run.hour, done, left: runs.length - done, total: runs.length, failed });
  };
  const todo: HourlyRun[] = [];
  for (const run of runs) {
    if (options.resume && (await reported(outputOf(options, run.hour), options))) {
      run.skipped = true;
      progress(run);
    } else todo.push(run);
  }
  const parallel = Math.max(1, Math.floor(options.parallel ?? os.availableParallelism()));
  // Workers get plain data only: S3 clients, functions and an already open preprocessor stay
  // in this thread (scripts are fetched here and given to the workers as local files).
  const pre = options.recordPreprocessor;
  const threadable =
    typeof options.captures === "string" &&
    typeof options.reports === "string" &&
    !options.recordToRows &&
    !(typeof pre === "object" && "prepareBatch" in pre);
  if (parallel > 1 && threadable && todo.length > 1) {
    await runHoursInWorkers(options, baseline, todo, parallel, progress);
    return runs;
  }
  // One preprocessor (one Python process) for all hours; the post-analytics processor runs per hour.
  const opened = await acquirePreprocessor(todo.length > 0 ? pre : undefined, {
    featureNames: baseline.constraints.features.map((f) => f.name),
    timeoutSeconds: options.preprocessorTimeoutSeconds,
    onOutput: options.onScriptOutput,
  });
  for (const run of todo) {
    try {
      const r = await runMonitor({
        ...options,
        captures: options.captures,
        baseline,
        from: run.from,
        to: run.to,
        output: outputOf(options, run.hour),
        recordPreprocessor: opened.preprocessor,
        onProgress: undefined, // hours' progress, not files'
      });
      run.result = summarizeHour(r);
    } catch (e) {
      run.error = e as Error;
    }
    progress(run);
  }
  // Each hour's failure is kept in its entry, so nothing above throws past this.
  await opened.release();
  return runs;
}

/**
 * The hours on worker threads. Scripts are located (fetched from S3) once here; the record
 * preprocessor is opened and closed once here first, so a script that cannot load or lacks its
 * handler stops the run before any record is read, as in one thread; then each worker opens
 * its own (one Python process per worker).
 */
async function runHoursInWorkers(
  options: HourlyOptions,
  baseline: { statistics: StatisticsFile; constraints: ConstraintsFile },
  todo: HourlyRun[],
  parallel: number,
  progress: (run: HourlyRun) => void,
): Promise<void> {
  const onOutput = options.onScriptOutput ?? ((t: string) => void process.stderr.write(t));
  const scripts = await scriptsForWorkers(
    options.recordPreprocessor as ScriptLocation | undefined,
    options.postAnalyticsProcessor,
    {
      featureNames: baseline.constraints.features.map((f) => f.name),
      timeoutSeconds: options.preprocessorTimeoutSeconds,
      onOutput,
    },
  );
  try {
    const tasks: HourTask[] = todo.map((r) => ({
      hour: r.hour,
      from: r.from.getTime(),
      to: r.to.getTime(),
      output: outputOf(options, r.hour) as string,
    }));
    const data: HourWorkerData = {
      captures: options.captures as string,
      baseline,
      options: {
        outputColumnsPosition: options.outputColumnsPosition,
        drift: options.drift,
        htmlReport: options.htmlReport,
        maxIssues: options.maxIssues,
        minProfiledShare: options.minProfiledShare,
      },
      recordPreprocessor: scripts.recordPreprocessor,
      postAnalyticsProcessor: scripts.postAnalyticsProcessor,
      preprocessorTimeoutSeconds: options.preprocessorTimeoutSeconds,
    };
    await runInWorkers<HourTask, HourSummary>(tasks, {
      module: workerModule(path.join(__dirname, "workers"), "hour-worker", __filename),
      workerData: data,
      parallel,
      endMessage: true,
      onOutput,
      onSettled: (i, o) => {
        const run = todo[i]!;
        if (o.ok) run.result = o.value;
        else run.error = o.error;
        progress(run);
      },
    });
  } finally {
    scripts.dispose();
  }
}
