/**
 * Hourly model-quality runs with label delay: one `runModelQualityMonitor` per processed hour,
 * its captures' window moved back by `StartTimeOffset` / `EndTimeOffset`, written under Model
 * Monitor's layout `{reports}/{endpoint}/{schedule}/yyyy/mm/dd/hh/`. Hours already reported are
 * skipped (resume). The plan is pure; each hour is one {@link runQualityHour} call, in this
 * thread or on worker threads (quality-hour-worker.ts, quality-hourly-workers.ts).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { HeadObjectCommand } from "@aws-sdk/client-s3";
import { formatS3Uri, joinS3Key, parseS3Uri } from "../../capture";
import type { CaptureSource } from "../../read/file-info";
import { listCaptureFiles } from "../../read/sources";
import type { OutputLocation } from "../files/output-location";
import { acquirePreprocessor } from "../preprocessor/record-preprocessor";
import { runQualityHoursInWorkers } from "./quality-hourly-workers";
import { ModelQualityError } from "./errors";
import { parseIsoDuration } from "./iso-duration";
import {
  loadQualityBaseline,
  runModelQualityMonitor,
  type QualityBaselineSource,
  type QualityMonitorOptions,
  type QualityMonitorResult,
} from "./quality-monitor-run";

const HOUR = 3_600_000;

/** Options of {@link runHourlyModelQuality}. */
export interface QualityHourlyOptions extends Omit<
  QualityMonitorOptions,
  "captures" | "baseline" | "from" | "to" | "groundTruthFrom" | "groundTruthTo" | "output"
> {
  /** The endpoint's captures (its folder / prefix, or the capture destination). */
  captures: CaptureSource;
  endpointName: string;
  /** The schedule's name in the report layout (default `capture-lab-model-quality`). */
  scheduleName?: string;
  baseline: QualityBaselineSource;
  /** Reports root: a folder or `{ s3, uri }`. */
  reports: OutputLocation;
  /**
   * AWS's `StartTimeOffset` / `EndTimeOffset` (ISO-8601 such as `-P8D`, or milliseconds), taken
   * from the end of the processed hour (the execution time). Defaults `-PT1H` and `PT0H`: the
   * processed hour itself.
   */
  startOffset?: string | number;
  endOffset?: string | number;
  /** Only processed hours starting at or after / before these times. */
  since?: Date;
  until?: Date;
  /** "Now": hours not ended by then are left for a later run (default: the clock). */
  now?: Date;
  /** Skip hours whose `constraint_violations.json` exists (default true). */
  resume?: boolean;
  /**
   * Hours run at once on worker threads (default `os.availableParallelism()`; 1 runs them one
   * after another in this thread), each hour's files the bytes of a one-thread run. Workers need
   * local captures, labels and reports and no already open `RecordPreprocessor`; otherwise the
   * hours run in this thread. Scripts work: one record preprocessor per worker.
   */
  parallel?: number;
  /** Called after each hour (run, skipped or failed), for a progress bar. */
  onProgress?: (progress: { done: number; total: number; run: QualityHourlyRun }) => void;
}

/** One processed hour of the plan: its captures' window and its label hours. */
export interface QualityHour {
  /** `yyyy/mm/dd/hh` of the processed hour (its report folder). */
  hour: string;
  /** Captures' window: `[end of hour + StartTimeOffset, end of hour + EndTimeOffset)`. */
  from: Date;
  to: Date;
  /** Label hours read: from the window's start to the end of the processed hour. */
  groundTruthFrom: Date;
  groundTruthTo: Date;
}

/** One hour's outcome. */
export interface QualityHourlyRun extends QualityHour {
  /** Already reported by an earlier run (resume). */
  skipped?: boolean;
  result?: QualityMonitorResult;
  error?: Error;
}

function hourStart(hour: string): number {
  const [y, m, d, h] = hour.split("/").map(Number);
  return Date.UTC(y!, m! - 1, d!, h!);
}

function hourName(ms: number): string {
  return new Date(ms).toISOString().slice(0, 13).replace(/-/g, "/").replace("T", "/");
}

function offsetMs(value: string | number | undefined, fallback: number, field: string): number {
  if (value === undefined) return fallback;
  return typeof value === "number" ? value : parseIsoDuration(value, field);
}

/**
 * The processed hours whose captures' window holds at least one of `captureHours`, oldest
 * first (pure). An hour is due once it has ended and so has its window.
 */
export function planQualityHours(
  captureHours: readonly string[],
  options: { startOffsetMs: number; endOffsetMs: number; now: Date; since?: Date; until?: Date },
): QualityHour[] {
  const { startOffsetMs: s, endOffsetMs: e } = options;
  const due = new Set<number>();
  for (const c of captureHours) {
    const cs = hourStart(c);
    // Window [h + 1h + s, h + 1h + e) overlaps [cs, cs + 1h) for h in (cs - e - 1h, cs - s).
    const first = Math.floor((cs - e - HOUR) / HOUR) * HOUR + HOUR;
    for (let h = first; h < cs - s; h += HOUR) due.add(h);
  }
  const now = options.now.getTime();
  return [...due]
    .sort((a, b) => a - b)
    .filter(
      (h) =>
        h + HOUR <= now &&
        h + HOUR + e <= now &&
        (!options.since || h >= options.since.getTime()) &&
        (!options.until || h < options.until.getTime()),
    )
    .map((h) => ({
      hour: hourName(h),
      from: new Date(h + HOUR + s),
      to: new Date(h + HOUR + e),
      groundTruthFrom: new Date(h + HOUR + s),
      groundTruthTo: new Date(h + HOUR),
    }));
}

/** The report folder of a processed hour. */
export function qualityHourOutput(
  options: Pick<QualityHourlyOptions, "reports" | "endpointName" | "scheduleName">,
  hour: string,
): OutputLocation {
  const sub = `${options.endpointName}/${options.scheduleName ?? "capture-lab-model-quality"}/${hour}`;
  return typeof options.reports === "string"
    ? path.join(options.reports, sub)
    : { s3: options.reports.s3, uri: `${options.reports.uri.replace(/\/+$/, "")}/${sub}` };
}

async function hasFile(location: OutputLocation, name: string): Promise<boolean> {
  if (typeof location === "string") return fs.existsSync(path.join(location, name));
  const { bucket, key } = parseS3Uri(location.uri);
  try {
    await location.s3.send(new HeadObjectCommand({ Bucket: bucket, Key: joinS3Key(key, name) }));
    return true;
  } catch (e) {
    const status = (e as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
    if (status === 404 || (e as Error).name === "NotFound") return false;
    throw new Error(`${formatS3Uri(bucket, joinS3Key(key, name))}: cannot check (${(e as Error).message})`, {
      cause: e,
    });
  }
}

/** True when `resume` is on (the default) and the hour's `constraint_violations.json` is there. */
export async function reportedEarlier(hour: QualityHour, options: QualityHourlyOptions): Promise<boolean> {
  return (
    options.resume !== false && (await hasFile(qualityHourOutput(options, hour.hour), "constraint_violations.json"))
  );
}

/**
 * Runs (or skips, when reported and `resume`) one processed hour. A failing hour is returned
 * with its error; the plan's other hours do not depend on it.
 */
export async function runQualityHour(hour: QualityHour, options: QualityHourlyOptions): Promise<QualityHourlyRun> {
  const output = qualityHourOutput(options, hour.hour);
  if (await reportedEarlier(hour, options)) return { ...hour, skipped: true };
  try {
    const result = await runModelQualityMonitor({
      ...options,
      from: hour.from,
      to: hour.to,
      groundTruthFrom: hour.groundTruthFrom,
      groundTruthTo: hour.groundTruthTo,
      output,
    });
    return { ...hour, result };
  } catch (e) {
    return { ...hour, error: e as Error };
  }
}

/**
 * Runs every due hour of an endpoint's captures, oldest first, as a Model Monitor model-quality
 * schedule would: the captures' window moved back by the offsets so labels have time to arrive.
 * @example
 * const runs = await runHourlyModelQuality({
 *   captures: "data/datacapture/my-endpoint", endpointName: "my-endpoint",
 *   groundTruth: "ground-truth", baseline: "reports/model-quality-baseline",
 *   reports: "reports/monitoring", startOffset: "-P1D", endOffset: "-PT1H",
 * });
 */
export async function runHourlyModelQuality(options: QualityHourlyOptions): Promise<QualityHourlyRun[]> {
  const now = options.now ?? new Date();
  const startOffsetMs = offsetMs(options.startOffset, -HOUR, "startOffset");
  const endOffsetMs = offsetMs(options.endOffset, 0, "endOffset");
  if (startOffsetMs >= endOffsetMs)
    throw new ModelQualityError(
      `the start offset (${startOffsetMs / HOUR} h) must come before the end offset (${endOffsetMs / HOUR} h): the window would be empty`,
      { field: "startOffset" },
    );
  const baseline = await loadQualityBaseline(options.baseline);
  const files = await listCaptureFiles(options.captures, {});
  const captureHours = [
    ...new Set(
      files.filter((f) => f.hour && (!f.endpointName || f.endpointName === options.endpointName)).map((f) => f.hour!),
    ),
  ];
  const plan = planQualityHours(captureHours, {
    startOffsetMs,
    endOffsetMs,
    now,
    since: options.since,
    until: options.until,
  });
  const parallel = Math.max(1, Math.floor(options.parallel ?? os.availableParallelism()));
  const given = options.recordPreprocessor;
  const threadable =
    typeof options.captures === "string" &&
    typeof options.groundTruth === "string" &&
    typeof options.reports === "string" &&
    !(typeof given === "object" && "prepareBatch" in given);
  if (parallel > 1 && threadable && plan.length > 1) {
    const runs: QualityHourlyRun[] = new Array(plan.length);
    let done = 0;
    const settle = (i: number, run: QualityHourlyRun) => {
      runs[i] = run;
      options.onProgress?.({ done: ++done, total: plan.length, run });
    };
    // Hours reported earlier are skipped here, in the plan's order, before any worker starts.
    const todo: number[] = [];
    for (let i = 0; i < plan.length; i++)
      if (await reportedEarlier(plan[i]!, options)) settle(i, { ...plan[i]!, skipped: true });
      else todo.push(i);
    if (todo.length > 0)
      await runQualityHoursInWorkers(
        options,
        baseline,
        todo.map((i) => plan[i]!),
        parallel,
        (t, run) => settle(todo[t]!, run),
      );
    return runs;
  }
  // One record preprocessor (one Python process) for every hour; post-analytics per hour.
  const pre = await acquirePreprocessor(plan.length > 0 ? given : undefined, {
    featureNames: [],
    timeoutSeconds: options.preprocessorTimeoutSeconds,
    onOutput: options.onScriptOutput,
  });
  const runs: QualityHourlyRun[] = [];
  try {
    for (const hour of plan) {
      const run = await runQualityHour(hour, { ...options, baseline, recordPreprocessor: pre.preprocessor });
      runs.push(run);
      options.onProgress?.({ done: runs.length, total: plan.length, run });
    }
  } finally {
    await pre.release();
  }
  return runs;
}
