/**
 * The worker-thread side of parallel hourly model-quality runs (I/O): takes processed hours from
 * the pool (../worker-pool.ts) and runs each as `runQualityHour` does in the main thread,
 * posting back the hour's run. Everything arrives as plain data; each worker opens its own
 * record preprocessor (one Python process per worker) for all its hours, closed on `end`.
 */
import { workerData } from "node:worker_threads";
import { runPostAnalyticsScript } from "../preprocessor/post-analytics";
import { asLocal, WorkerPreprocessor, type WorkerScript } from "../preprocessor/worker-scripts";
import { postOutput, serveTasks } from "../workers/serve-tasks";
import { formatQualityStatistics, formatQualityViolations } from "./quality-files";
import type { QualityBaselineSource } from "./quality-monitor-run";
import { runQualityHour, type QualityHourlyOptions, type QualityHourlyRun } from "./quality-hourly";

/** What every worker gets (structured-clone data only: no clients, no functions). */
export interface QualityHourWorkerData {
  /** The run's options with local captures, labels and reports, and no functions. */
  options: Omit<
    QualityHourlyOptions,
    "onProgress" | "onScriptOutput" | "recordPreprocessor" | "postAnalyticsProcessor" | "baseline"
  > & { captures: string; groundTruth: string; reports: string };
  baseline: Exclude<QualityBaselineSource, string | { uri: string }>;
  recordPreprocessor?: WorkerScript;
  postAnalyticsProcessor?: WorkerScript;
}

/** One processed hour: its name and windows (epoch ms). */
export interface QualityHourTask {
  hour: string;
  from: number;
  to: number;
  groundTruthFrom: number;
  groundTruthTo: number;
}

const data = workerData as QualityHourWorkerData;
const onOutput = postOutput;
const preprocessor = new WorkerPreprocessor(data.recordPreprocessor, {
  featureNames: [],
  timeoutSeconds: data.options.preprocessorTimeoutSeconds,
  onOutput,
});

async function runHour(task: QualityHourTask): Promise<QualityHourlyRun> {
  const run = await runQualityHour(
    {
      hour: task.hour,
      from: new Date(task.from),
      to: new Date(task.to),
      groundTruthFrom: new Date(task.groundTruthFrom),
      groundTruthTo: new Date(task.groundTruthTo),
    },
    {
      ...data.options,
      baseline: data.baseline,
      recordPreprocessor: await preprocessor.get(),
      onScriptOutput: onOutput,
    },
  );
  // A failed hour fails its task, so the main thread gets the error's name and message.
  if (run.error) throw run.error;
  const r = run.result;
  // As runModelQualityMonitor does after a successful run (its option takes a location, not a local copy).
  if (r && data.postAnalyticsProcessor)
    r.postAnalytics = await runPostAnalyticsScript(asLocal(data.postAnalyticsProcessor), {
      onOutput,
      files: {
        texts: {
          "statistics.json": formatQualityStatistics(r.statistics),
          "constraint_violations.json": formatQualityViolations(r.violations),
        },
        from: run.from,
        to: run.to,
      },
    });
  return run;
}

serveTasks(runHour, () => preprocessor.close());
