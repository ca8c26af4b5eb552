/**
 * The hourly schedule: one monitoring run per completed hour of an endpoint's captures,
 * reports written under Model Monitor's layout `{reports}/{endpoint}/{schedule}/yyyy/mm/dd/hh/`
 * (I/O).
 */
import type { CaptureSource } from "../read/file-info";
import { listCaptureFiles } from "../read/sources";
import { loadBaseline, runMonitor, type BaselineSource, type MonitorOptions, type MonitorResult } from "./monitor-run";
import type { OutputLocation } from "./output-location";
import { acquirePreprocessor } from "./preprocessor/record-preprocessor";

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
}

/** One hour processed. */
export interface HourlyRun {
  /** `yyyy/mm/dd/hh`. */
  hour: string;
  from: Date;
  to: Date;
  result?: MonitorResult;
  error?: Error;
}

function hourStart(hour: string): Date {
  const [y, m, d, h] = hour.split("/").map(Number);
  return new Date(Date.UTC(y!, m! - 1, d!, h!));
}

/**
 * Runs every completed hour that has capture files, oldest first. A failing hour is
 * recorded in its entry and does not stop the others.
 * @example
 * const runs = await runHourlyMonitoring({ captures: "data/datacapture/my-endpoint", endpointName: "my-endpoint", baseline: "reports/baseline", reports: "reports/monitoring" });
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
  // One preprocessor (one Python process) for all hours; the post-analytics processor runs per hour.
  const pre = await acquirePreprocessor(hours.length > 0 ? options.recordPreprocessor : undefined, {
    featureNames: baseline.constraints.features.map((f) => f.name),
    timeoutSeconds: options.preprocessorTimeoutSeconds,
    onOutput: options.onScriptOutput,
  });
  for (const hour of hours) {
    const from = hourStart(hour);
    const to = new Date(from.getTime() + 3_600_000);
    if (to > now || (options.since && from < options.since)) continue;
    const run: HourlyRun = { hour, from, to };
    const sub = `${options.endpointName}/${options.scheduleName ?? "capture-lab-hourly"}/${hour}`;
    const output: OutputLocation =
      typeof options.reports === "string"
        ? `${options.reports}/${sub}`
        : { s3: options.reports.s3, uri: `${options.reports.uri.replace(/\/+$/, "")}/${sub}` };
    try {
      run.result = await runMonitor({
        ...options,
        captures: options.captures,
        baseline,
        from,
        to,
        output,
        recordPreprocessor: pre.preprocessor,
      });
    } catch (e) {
      run.error = e as Error;
    }
    runs.push(run);
  }
  // Each hour's failure is kept in its entry, so nothing above throws past this.
  await pre.release();
  return runs;
}
