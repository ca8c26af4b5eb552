/**
 * The worker-thread side of a parallel hourly backfill (I/O): takes hours from the pool
 * (worker-pool.ts) and runs each as `runMonitor` would in the main thread, posting back the
 * hour's summary. Everything it needs arrives as plain data (`HourWorkerData`), so each worker
 * builds its own per-run resources: one record preprocessor (one Python process, or the
 * JavaScript module loaded here) for all the hours it runs, closed when the pool says `end`.
 */
import { workerData } from "node:worker_threads";
import { summarizeHour } from "../hour-summary";
import { runMonitor, type MonitorOptions } from "../monitor-run";
import type { ConstraintsFile } from "../files/constraints-file";
import type { StatisticsFile } from "../files/statistics-file";
import { runPostAnalyticsScript } from "../preprocessor/post-analytics";
import { asLocal, WorkerPreprocessor, type WorkerScript } from "../preprocessor/worker-scripts";
import { postOutput, serveTasks } from "./serve-tasks";

/**
 * What every worker of a backfill gets (structured-clone data only: no clients, no functions).
 * Scripts come as local files; their prints are posted back as `{ output }` notes.
 */
export interface HourWorkerData {
  /** The captures folder. */
  captures: string;
  baseline: { statistics: StatisticsFile; constraints: ConstraintsFile };
  options: Pick<MonitorOptions, "outputColumnsPosition" | "drift" | "htmlReport" | "maxIssues" | "minProfiledShare">;
  recordPreprocessor?: WorkerScript;
  postAnalyticsProcessor?: WorkerScript;
  preprocessorTimeoutSeconds?: number;
}

/** One hour to run: its window (epoch ms) and its report folder. */
export interface HourTask {
  hour: string;
  from: number;
  to: number;
  output: string;
}

const data = workerData as HourWorkerData;
const onOutput = postOutput;
const preprocessor = new WorkerPreprocessor(data.recordPreprocessor, {
  featureNames: data.baseline.constraints.features.map((f) => f.name),
  timeoutSeconds: data.preprocessorTimeoutSeconds,
  onOutput,
});

async function runHour(task: HourTask) {
  const from = new Date(task.from);
  const to = new Date(task.to);
  const r = await runMonitor({
    ...data.options,
    captures: data.captures,
    baseline: data.baseline,
    from,
    to,
    output: task.output,
    recordPreprocessor: await preprocessor.get(),
    parallel: 1, // the hours are what runs in parallel
  });
  // As runMonitor does after a successful run (its option takes a location, not a local copy).
  if (data.postAnalyticsProcessor)
    r.postAnalytics = await runPostAnalyticsScript(asLocal(data.postAnalyticsProcessor), {
      onOutput,
      files: { statistics: r.statistics, violations: r.violations, from, to },
    });
  return summarizeHour(r);
}

serveTasks(runHour, () => preprocessor.close());
