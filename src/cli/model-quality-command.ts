/**
 * `capture-lab baseline --problem-type ...` and `capture-lab monitor --problem-type ...`: Model
 * Monitor's model-quality baseline and monitoring run, offline. The data-quality commands hand
 * over to these when `--problem-type` is given.
 */
import * as fs from "node:fs";
import {
  PROBLEM_TYPES,
  renderQualityReport,
  runModelQualityMonitor,
  suggestModelQualityBaseline,
  type DatasetFormat,
  type MetricSet,
  type ProblemType,
  type QualityMonitorResult,
} from "../monitor";
import { isoDate, s3ForUris } from "./args";
import { parseIsoDuration } from "../monitor";
import { flags, numberValue } from "./flags";
import { runQualityHourlyCommand } from "./model-quality-hourly";

/** Help lines of the model-quality form of `baseline`. */
export const QUALITY_BASELINE_HELP = `Model quality (labels and predictions in the dataset):
  capture-lab baseline --problem-type TYPE --dataset P --output D
      --ground-truth-attribute NAME_OR_INDEX --inference-attribute NAME_OR_INDEX
      [--probability-attribute NAME_OR_INDEX] [--probability-threshold-attribute X] [--no-header]
  TYPE is BinaryClassification, MulticlassClassification or Regression; writes statistics.json
  (binary_classification_metrics, ...) and constraints.json as Model Monitor does.
`;

/** Help lines of the model-quality form of `monitor`. */
export const QUALITY_MONITOR_HELP = `Model quality (captures merged with ground truth):
  capture-lab monitor --problem-type TYPE --captures P --ground-truth P --baseline D --output D
      [--start ISO --end ISO] [--ground-truth-start ISO] [--ground-truth-end ISO]
      [--inference-attribute INDEX_OR_JSONPATH] [--probability-attribute INDEX_OR_JSONPATH]
      [--probability-threshold-attribute X]
  capture-lab monitor --problem-type TYPE --hourly --endpoint NAME --captures P --ground-truth P
      --baseline D --reports D [--start-offset -P1D --end-offset -PT1H] [--schedule NAME]
      [--start ISO --end ISO] [--report FILE] [attribute flags]
  --hourly writes each due hour into {reports}/{endpoint}/{schedule}/yyyy/mm/dd/hh/ (schedule
  default capture-lab-model-quality); hours already reported are skipped. The captures' window of
  a processed hour is [its end + start offset, its end + end offset) (AWS's StartTimeOffset and
  EndTimeOffset, ISO-8601; defaults -PT1H and PT0H: the hour itself); labels are read from the
  hours between the window's start and the end of the processed hour. --start/--end pick the
  processed hours. --report FILE writes an offline HTML report (charts as SVG).
  Labels are JSON lines under {ground-truth}/yyyy/mm/dd/hh/; each capture merges with the label
  whose eventId is its inferenceId (else its eventId). Ground-truth hours are read from the hour
  of --ground-truth-start (default --start) on. Attributes: a CSV index (0) or a JSONPath
  ($.predictions[0].score); with neither, the output's one value is the prediction.
`;

/** True when the arguments ask for the model-quality form. */
export function isModelQuality(argv: readonly string[]): boolean {
  return argv.some((a) => a === "--problem-type" || a.startsWith("--problem-type="));
}

function problemType(raw: string): ProblemType {
  const t = PROBLEM_TYPES.find((p) => p.toLowerCase() === raw.toLowerCase());
  if (!t) throw new Error(`--problem-type: expected ${PROBLEM_TYPES.join(", ")}, got "${raw}"`);
  return t;
}

/** Parsed model-quality `baseline` options. */
export interface QualityBaselineArgs {
  problemType: ProblemType;
  dataset: string;
  output: string;
  format: DatasetFormat;
  groundTruthAttribute: string;
  inferenceAttribute?: string;
  probabilityAttribute?: string;
  probabilityThreshold?: number;
}

/** Parses the model-quality `baseline` arguments; throws an Error with a message for the user. */
export function parseQualityBaselineArgs(argv: readonly string[]): QualityBaselineArgs {
  const a: Partial<QualityBaselineArgs> = {};
  let header = true;
  let kind = "csv";
  for (const { flag, value } of flags(argv)) {
    switch (flag) {
      case "--problem-type":
        a.problemType = problemType(value());
        break;
      case "--dataset":
        a.dataset = value();
        break;
      case "--output":
        a.output = value();
        break;
      case "--dataset-format":
        kind = value().toLowerCase();
        if (kind !== "csv" && kind !== "json") throw new Error(`--dataset-format: expected csv or json, got "${kind}"`);
        break;
      case "--header":
        header = true;
        break;
      case "--no-header":
        header = false;
        break;
      case "--ground-truth-attribute":
        a.groundTruthAttribute = value();
        break;
      default:
        if (!predictionFlag(a, flag, value)) throw new Error(`unknown option "${flag}"`);
    }
  }
  if (!a.dataset) throw new Error("--dataset is required");
  if (!a.output) throw new Error("--output is required");
  if (!a.groundTruthAttribute) throw new Error("--ground-truth-attribute is required with --problem-type");
  a.format = kind === "json" ? { json: { lines: true } } : { csv: { header } };
  return a as QualityBaselineArgs;
}

/** The prediction flags baseline and monitor share; false for any other flag. */
function predictionFlag(
  a: { inferenceAttribute?: string; probabilityAttribute?: string; probabilityThreshold?: number },
  flag: string,
  value: () => string,
): boolean {
  if (flag === "--inference-attribute") a.inferenceAttribute = value();
  else if (flag === "--probability-attribute") a.probabilityAttribute = value();
  else if (flag === "--probability-threshold-attribute") a.probabilityThreshold = numberValue(flag, value(), 0, 1);
  else return false;
  return true;
}

/** Parsed model-quality `monitor` options. */
export interface QualityMonitorArgs {
  problemType: ProblemType;
  captures: string;
  groundTruth: string;
  baseline: string;
  /** One run's output folder (not with --hourly). */
  output?: string;
  hourly: boolean;
  endpoint?: string;
  schedule?: string;
  reports?: string;
  startOffset?: string;
  endOffset?: string;
  /** An offline HTML report. */
  report?: string;
  start?: Date;
  end?: Date;
  groundTruthStart?: Date;
  groundTruthEnd?: Date;
  inferenceAttribute?: string;
  probabilityAttribute?: string;
  probabilityThreshold?: number;
}

/** Parses the model-quality `monitor` arguments; throws an Error with a message for the user. */
export function parseQualityMonitorArgs(argv: readonly string[]): QualityMonitorArgs {
  const a: Partial<QualityMonitorArgs> = { hourly: false };
  for (const { flag, value } of flags(argv)) {
    switch (flag) {
      case "--problem-type":
        a.problemType = problemType(value());
        break;
      case "--hourly":
        a.hourly = true;
        break;
      case "--endpoint":
        a.endpoint = value();
        break;
      case "--schedule":
        a.schedule = value();
        break;
      case "--reports":
        a.reports = value();
        break;
      case "--start-offset":
        a.startOffset = value();
        parseIsoDuration(a.startOffset, flag);
        break;
      case "--end-offset":
        a.endOffset = value();
        parseIsoDuration(a.endOffset, flag);
        break;
      case "--report":
        a.report = value();
        break;
      case "--captures":
        a.captures = value();
        break;
      case "--ground-truth":
        a.groundTruth = value();
        break;
      case "--baseline":
        a.baseline = value();
        break;
      case "--output":
        a.output = value();
        break;
      case "--start":
        a.start = isoDate(flag, value());
        break;
      case "--end":
        a.end = isoDate(flag, value());
        break;
      case "--ground-truth-start":
        a.groundTruthStart = isoDate(flag, value());
        break;
      case "--ground-truth-end":
        a.groundTruthEnd = isoDate(flag, value());
        break;
      default:
        if (!predictionFlag(a, flag, value)) throw new Error(`unknown option "${flag}"`);
    }
  }
  for (const [k, f] of [
    ["captures", "--captures"],
    ["groundTruth", "--ground-truth"],
    ["baseline", "--baseline"],
  ] as const)
    if (!a[k]) throw new Error(`${f} is required with --problem-type`);
  if (a.hourly) {
    if (!a.endpoint) throw new Error("--hourly needs --endpoint");
    if (!a.reports) throw new Error("--hourly needs --reports");
    if (a.output) throw new Error("--output is for one run; with --hourly, --reports is the root of the hours");
  } else {
    if (!a.output) throw new Error("--output is required with --problem-type (or use --hourly with --reports)");
    for (const f of ["endpoint", "reports", "startOffset", "endOffset", "schedule"] as const)
      if (a[f]) throw new Error(`--${f.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} needs --hourly`);
  }
  if (a.start && a.end && a.start >= a.end) throw new Error("--start must be before --end");
  return a as QualityMonitorArgs;
}

const KEY_METRICS: Record<ProblemType, string[]> = {
  BinaryClassification: ["accuracy", "precision", "recall", "f1", "auc"],
  MulticlassClassification: ["accuracy", "weighted_precision", "weighted_recall", "weighted_f1"],
  Regression: ["mae", "mse", "rmse", "r2"],
};

function metricLine(m: MetricSet, deviations: Record<string, number>): string {
  const fmt = (x: number) => (Number.isFinite(x) ? x.toPrecision(6).replace(/\.?0+$/, "") : String(x));
  return KEY_METRICS[m.problemType]
    .map((k) => `${k} ${fmt(m.values[k]!)}${Number.isFinite(deviations[k]) ? ` +/- ${fmt(deviations[k]!)}` : ""}`)
    .join(", ");
}

function matrixLines(m: MetricSet, out: NodeJS.WritableStream): void {
  if (!m.confusionMatrix) return;
  const classes = Object.keys(m.confusionMatrix);
  if (classes.length > 10) return;
  out.write(`  confusion matrix (rows actual, columns predicted): ${classes.join(" | ")}\n`);
  for (const a of classes)
    out.write(`    ${a}: ${classes.map((p) => String(m.confusionMatrix![a]![p] ?? 0)).join(" ")}\n`);
}

/** Runs the model-quality `baseline`; returns the exit code. */
export async function runQualityBaselineCommand(argv: readonly string[], help: string): Promise<number> {
  let args: QualityBaselineArgs;
  try {
    args = parseQualityBaselineArgs(argv);
  } catch (e) {
    process.stderr.write(`capture-lab baseline: ${(e as Error).message}\n\n${help}`);
    return 2;
  }
  let client: Awaited<ReturnType<typeof s3ForUris>>;
  try {
    client = await s3ForUris([args.dataset, args.output]);
  } catch (e) {
    process.stderr.write(`capture-lab baseline: ${(e as Error).message}\n`);
    return 1;
  }
  const loc = (p: string) => (p.startsWith("s3://") ? { s3: client.s3!, uri: p } : p);
  try {
    const r = await suggestModelQualityBaseline({
      dataset: loc(args.dataset),
      datasetFormat: args.format,
      problemType: args.problemType,
      groundTruthAttribute: args.groundTruthAttribute,
      inferenceAttribute: args.inferenceAttribute,
      probabilityAttribute: args.probabilityAttribute,
      probabilityThreshold: args.probabilityThreshold,
      output: loc(args.output),
    });
    for (const i of r.issues.slice(0, 20))
      process.stderr.write(`warning: ${i.source}:${i.line}${i.field ? ` ${i.field}` : ""}: ${i.message}\n`);
    if (r.issueCount > 20) process.stderr.write(`warning: ... ${r.issueCount - 20} more rows with problems\n`);
    process.stdout.write(
      `model-quality baseline (${args.problemType}) of ${r.metrics.rows} rows from ${r.files.length} file(s): ${metricLine(r.metrics, r.deviations)}\n`,
    );
    matrixLines(r.metrics, process.stdout);
    for (const w of r.written) process.stdout.write(`wrote ${w}\n`);
    return 0;
  } catch (e) {
    process.stderr.write(`capture-lab baseline: ${(e as Error).message}\n`);
    return 1;
  } finally {
    await client.close();
  }
}

/** The summary lines of one model-quality run. */
export function monitorSummary(r: QualityMonitorResult, out: NodeJS.WritableStream): void {
  const m = r.merge;
  out.write(
    `${m.captures} captures, ${m.matched} merged with ${m.labels} labels (unmatched: ${m.unmatchedCaptures} captures, ${m.unmatchedLabels} labels` +
      `${m.duplicateLabels > 0 ? `; ${m.duplicateLabels} duplicate label(s), the latest collection hour kept` : ""}); ` +
      `${r.metrics.rows} rows; ${r.violations.length} violation(s)\n`,
  );
  out.write(`  ${metricLine(r.metrics, r.deviations)}\n`);
  matrixLines(r.metrics, out);
  for (const v of r.violations) out.write(`  ${v.constraint_check_type} ${v.metric_name}: ${v.description}\n`);
  if (r.issueCount > 0) {
    out.write(`  ${r.issueCount} refused row(s) or bad record(s):\n`);
    for (const i of r.issues.slice(0, 10))
      out.write(`    ${i.source}:${i.line}${i.field ? ` ${i.field}` : ""}: ${i.message}\n`);
    if (r.issueCount > 10) out.write(`    ... ${r.issueCount - 10} more\n`);
  }
  for (const w of r.written) out.write(`  wrote ${w}\n`);
}

/** Runs the model-quality `monitor`; returns the exit code (3 with violations). */
export async function runQualityMonitorCommand(argv: readonly string[], help: string): Promise<number> {
  let args: QualityMonitorArgs;
  try {
    args = parseQualityMonitorArgs(argv);
  } catch (e) {
    process.stderr.write(`capture-lab monitor: ${(e as Error).message}\n\n${help}`);
    return 2;
  }
  let client: Awaited<ReturnType<typeof s3ForUris>>;
  try {
    client = await s3ForUris([args.captures, args.groundTruth, args.baseline, args.output, args.reports]);
  } catch (e) {
    process.stderr.write(`capture-lab monitor: ${(e as Error).message}\n`);
    return 1;
  }
  const loc = (p: string) => (p.startsWith("s3://") ? { s3: client.s3!, uri: p } : p);
  try {
    if (args.hourly) return await runQualityHourlyCommand(args, loc, client.s3);
    const r = await runModelQualityMonitor({
      problemType: args.problemType,
      captures: loc(args.captures),
      groundTruth: loc(args.groundTruth),
      baseline: loc(args.baseline),
      output: loc(args.output!),
      from: args.start,
      to: args.end,
      groundTruthFrom: args.groundTruthStart,
      groundTruthTo: args.groundTruthEnd,
      inferenceAttribute: args.inferenceAttribute,
      probabilityAttribute: args.probabilityAttribute,
      probabilityThreshold: args.probabilityThreshold,
    });
    if (args.report) {
      fs.writeFileSync(
        args.report,
        await renderQualityReport(r, { title: `Model quality: ${args.captures}`, from: args.start, to: args.end }),
      );
      r.written.push(args.report);
    }
    monitorSummary(r, process.stdout);
    return r.violations.length > 0 ? 3 : 0;
  } catch (e) {
    process.stderr.write(`capture-lab monitor: ${(e as Error).message}\n`);
    return 1;
  } finally {
    await client.close();
  }
}
