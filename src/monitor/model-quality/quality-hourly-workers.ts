/**
 * The hours of `runHourlyModelQuality` on worker threads (I/O): the plan's hours handed to
 * ../worker-pool.ts, run by quality-hour-worker.ts, each hour's files the bytes of a one-thread
 * run. Scripts are located once here (worker-scripts.ts); a worker dying fails its hour.
 */
import { runInWorkers, workerModule } from "../workers/worker-pool";
import type { ScriptLocation } from "../preprocessor/script-location";
import { scriptsForWorkers } from "../preprocessor/worker-scripts";
import type { QualityHourTask, QualityHourWorkerData } from "./quality-hour-worker";
import type { QualityHour, QualityHourlyOptions, QualityHourlyRun } from "./quality-hourly";
import type { QualityConstraintsFile, QualityStatisticsFile } from "./quality-files";

/** Runs `hours` on `parallel` workers (local captures, labels and reports), `onRun` as each ends. */
export async function runQualityHoursInWorkers(
  options: QualityHourlyOptions,
  baseline: { statistics: QualityStatisticsFile; constraints: QualityConstraintsFile },
  hours: QualityHour[],
  parallel: number,
  onRun: (index: number, run: QualityHourlyRun) => void,
): Promise<void> {
  const onOutput = options.onScriptOutput ?? ((t: string) => void process.stderr.write(t));
  const scripts = await scriptsForWorkers(
    options.recordPreprocessor as ScriptLocation | undefined,
    options.postAnalyticsProcessor,
    { featureNames: [], timeoutSeconds: options.preprocessorTimeoutSeconds, onOutput },
  );
  try {
    // Functions stay here; the rest is plain data.
    const {
      onProgress: _p,
      onScriptOutput: _o,
      recordPreprocessor: _r,
      postAnalyticsProcessor: _a,
      baseline: _b,
      ...plain
    } = options;
    const data: QualityHourWorkerData = {
      options: plain as QualityHourWorkerData["options"],
      baseline,
      recordPreprocessor: scripts.recordPreprocessor,
      postAnalyticsProcessor: scripts.postAnalyticsProcessor,
    };
    const tasks: QualityHourTask[] = hours.map((h) => ({
      hour: h.hour,
      from: h.from.getTime(),
      to: h.to.getTime(),
      groundTruthFrom: h.groundTruthFrom.getTime(),
      groundTruthTo: h.groundTruthTo.getTime(),
    }));
    await runInWorkers<QualityHourTask, QualityHourlyRun>(tasks, {
      module: workerModule(__dirname, "quality-hour-worker", __filename),
      workerData: data,
      parallel,
      endMessage: true,
      onOutput,
      onSettled: (i, o) => onRun(i, o.ok ? o.value : { ...hours[i]!, error: o.error }),
    });
  } finally {
    scripts.dispose();
  }
}
