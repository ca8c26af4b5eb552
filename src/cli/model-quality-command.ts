/**
 * `capture-lab baseline --problem-type ...` and `capture-lab monitor --problem-type ...`: Model
 * Monitor's model-quality baseline and monitoring run, offline. The data-quality commands hand
 * over to these when `--problem-type` is given (arguments: model-quality-args.ts).
 */
import * as fs from "node:fs";
import {
  renderQualityReport,
  runModelQualityMonitor,
  suggestModelQualityBaseline,
  type MetricSet,
  type ProblemType,
  type QualityMonitorResult,
} from "../monitor";
import { s3ForUris, writeRunTail } from "./args";
import {
  parseQualityBaselineArgs,
  parseQualityMonitorArgs,
  qualityScripts,
  type QualityBaselineArgs,
  type QualityMonitorArgs,
} from "./model-quality-args";
import { runQualityHourlyCommand } from "./model-quality-hourly";

export {
  isModelQuality,
  parseQualityBaselineArgs,
  parseQualityMonitorArgs,
  QUALITY_BASELINE_HELP,
  QUALITY_MONITOR_HELP,
  type QualityBaselineArgs,
  type QualityMonitorArgs,
} from "./model-quality-args";

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
  const loc = client.loc;
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
  writeRunTail(out, r, "refused row(s) or bad record(s)");
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
    client = await s3ForUris([
      args.captures,
      args.groundTruth,
      args.baseline,
      args.output,
      args.reports,
      args.recordPreprocessor,
      args.postAnalyticsProcessor,
    ]);
  } catch (e) {
    process.stderr.write(`capture-lab monitor: ${(e as Error).message}\n`);
    return 1;
  }
  const loc = client.loc;
  try {
    if (args.hourly) return await runQualityHourlyCommand(args, loc, client.s3);
    const r = await runModelQualityMonitor({
      ...qualityScripts(args, loc),
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
