/**
 * The worker-thread side of a parallel hourly backfill (I/O): takes hours from the pool
 * (worker-pool.ts) and runs each as `runMonitor` would in the main thread, posting back the
 * hour's summary. Everything it needs arrives as plain data (`HourWorkerData`), so each worker
 * builds its own per-run resources.
 */
import { parentPort, workerData } from "node:worker_threads";
import { summarizeHour } from "./hour-summary";
import { runMonitor, type MonitorOptions } from "./monitor-run";
import type { ConstraintsFile } from "./constraints-file";
import type { StatisticsFile } from "./statistics-file";

/**
 * What every worker of a backfill gets (structured-clone data only: no clients, no functions).
 * Per-run resources that are not plain data (a record preprocessor's child process, an S3
 * client) are to be built here from options like these, one per worker.
 */
export interface HourWorkerData {
  /** The captures folder. */
  captures: string;
  baseline: { statistics: StatisticsFile; constraints: ConstraintsFile };
  options: Pick<MonitorOptions, "outputColumnsPosition" | "drift" | "htmlReport" | "maxIssues" | "minProfiledShare">;
}

/** One hour to run: its window (epoch ms) and its report folder. */
export interface HourTask {
  hour: string;
  from: number;
  to: number;
  output: string;
}

const data = workerData as HourWorkerData;

// Not loaded as a worker (a bundler or test importing it): nothing to listen to.
parentPort?.on("message", (m: { id: number; task: HourTask }) => {
  const { id, task } = m;
  runMonitor({
    ...data.options,
    captures: data.captures,
    baseline: data.baseline,
    from: new Date(task.from),
    to: new Date(task.to),
    output: task.output,
    parallel: 1, // the hours are what runs in parallel
  }).then(
    (r) => parentPort!.postMessage({ id, ok: true, value: summarizeHour(r) }),
    (e: unknown) => {
      const err = e instanceof Error ? e : new Error(String(e));
      parentPort!.postMessage({ id, ok: false, name: err.name, message: err.message });
    },
  );
});
