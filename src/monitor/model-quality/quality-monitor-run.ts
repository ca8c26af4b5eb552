/**
 * `runModelQualityMonitor`: one model-quality monitoring execution, offline. Reads the labels of
 * the ground-truth hours, streams the window's captures through the merge, computes the metrics
 * and checks them against the baseline's constraints (I/O around the pure modules).
 */
import type { CaptureSource } from "../../read/file-info";
// Not in the read index: the batched form of readCaptureRecords (same records, same report).
import { captureRecordBatches, newReadReport, type ReadReport, type SourcedRecord } from "../../read/records";
import type { CaptureRecord } from "../../capture";
import { runPostAnalyticsProcessor, type PostAnalyticsResult } from "../preprocessor/post-analytics";
import { acquirePreprocessor, type RecordPreprocessor } from "../preprocessor/record-preprocessor";
import type { ScriptLocation } from "../preprocessor/script-location";
import { readLocationFile, writeOutputFiles, type OutputLocation } from "../files/output-location";
import { ModelQualityError } from "./errors";
import {
  groundTruthBatches,
  newGroundTruthReport,
  type GroundTruthLocation,
  type GroundTruthReadReport,
} from "./ground-truth-reader";
import { GroundTruthMerger, type MergeReport } from "./merge";
import type { MetricSet, ProblemType } from "./metric-set";
import { checkAttributes, type QualityAttributes } from "./quality-baseline";
import {
  CONSTRAINTS_KEY,
  METRICS_KEY,
  formatQualityStatistics,
  formatQualityViolations,
  parseQualityConstraints,
  parseQualityStatistics,
  problemTypeOf,
  qualityStatistics,
  qualityViolations,
  type QualityConstraintsFile,
  type QualityStatisticsFile,
  type QualityViolation,
} from "./quality-files";
import type { QualityIssue } from "./quality-rows";
import { qualityMetrics, standardDeviations, type DeviationOptions } from "./standard-deviation";

/** A model-quality baseline: a folder / S3 prefix with its two files, or the parsed files. */
export type QualityBaselineSource =
  OutputLocation | { statistics: QualityStatisticsFile; constraints: QualityConstraintsFile };

/** Options of {@link runModelQualityMonitor}. */
export interface QualityMonitorOptions extends Omit<QualityAttributes, "problemType"> {
  /** The baseline's problem type when omitted; given, it must be the baseline's. */
  problemType?: ProblemType;
  /** Captures: a file, a local capture tree, `{ s3, uri }`, ... (see `readCaptureRecords`). */
  captures: CaptureSource;
  /** Labels: a folder laid out `yyyy/mm/dd/hh/*.jsonl`, a file, or `{ s3, uri }`. */
  groundTruth: GroundTruthLocation;
  baseline: QualityBaselineSource;
  /** Captures' window on `inferenceTime`: start (inclusive) and end (exclusive). */
  from?: Date;
  to?: Date;
  /** Ground-truth hours read: from the hour of this time (default `from`) ... */
  groundTruthFrom?: Date;
  /** ... to hours starting before this time (default: every later hour). */
  groundTruthTo?: Date;
  /** Where to write statistics.json and constraint_violations.json. */
  output?: OutputLocation;
  deviations?: DeviationOptions;
  /** Most refused rows listed (all are counted; default 1000). */
  maxIssues?: number;
  /**
   * AWS's `RecordPreprocessorSourceUri` (path, `{ s3, uri }`, or one already open): runs on each
   * capture merged with its label (`inference_record.ground_truth`); the attributes then name
   * keys of the dict it returns (see README.md, "Record preprocessor").
   */
  recordPreprocessor?: ScriptLocation | RecordPreprocessor;
  /** AWS's `PostAnalyticsProcessorSourceUri`: `postprocess_handler()` once after a successful run. */
  postAnalyticsProcessor?: ScriptLocation;
  /** Per-record time limit of the record preprocessor, in seconds (default 60). */
  preprocessorTimeoutSeconds?: number;
  /** Where scripts' prints go (default: stderr). */
  onScriptOutput?: (text: string) => void;
}

/** What a model-quality run found. */
export interface QualityMonitorResult {
  problemType: ProblemType;
  statistics: QualityStatisticsFile;
  violations: QualityViolation[];
  /** The window's metrics as data: values, confusion matrix, ROC and PR curves. */
  metrics: MetricSet;
  deviations: Record<string, number>;
  /** The baseline's files, for showing metrics against their thresholds. */
  baseline: { statistics: QualityStatisticsFile; constraints: QualityConstraintsFile };
  merge: MergeReport;
  /** Refused rows (label outside the classes, no prediction in the output, ...) with file and line. */
  issues: QualityIssue[];
  issueCount: number;
  read: ReadReport;
  groundTruth: GroundTruthReadReport;
  written: string[];
  /** The post-analytics processor's run, with what it printed. */
  postAnalytics?: PostAnalyticsResult;
}

/** Reads a baseline folder's two model-quality files (or takes parsed ones). */
export async function loadQualityBaseline(
  source: QualityBaselineSource,
): Promise<{ statistics: QualityStatisticsFile; constraints: QualityConstraintsFile }> {
  if (typeof source === "object" && "statistics" in source) return source;
  const s = await readLocationFile(source, "statistics.json");
  const c = await readLocationFile(source, "constraints.json");
  return { statistics: parseQualityStatistics(s.text, s.where), constraints: parseQualityConstraints(c.text, c.where) };
}

function describe(source: CaptureSource | GroundTruthLocation): string {
  if (Array.isArray(source)) return source.map(describe).join(", ");
  return typeof source === "string" ? source : source.uri;
}

/** The baseline's problem type, checked against the one asked for. */
function baselineType(
  b: { statistics: QualityStatisticsFile; constraints: QualityConstraintsFile },
  asked?: ProblemType,
): ProblemType {
  const fromStats = problemTypeOf(b.statistics, METRICS_KEY);
  const fromConstraints = problemTypeOf(b.constraints, CONSTRAINTS_KEY);
  const type = fromConstraints ?? fromStats;
  if (!type) throw new ModelQualityError("the baseline has no model-quality section (is it a data-quality baseline?)");
  if (asked && asked !== type)
    throw new ModelQualityError(
      `the baseline is ${type} (its files hold ${CONSTRAINTS_KEY[type]}), not ${asked}: run with --problem-type ${type} or baseline again`,
      { field: "problemType" },
    );
  return type;
}

/**
 * Runs one model-quality monitoring execution over an explicit window.
 * @example
 * const r = await runModelQualityMonitor({
 *   captures: "captures/my-endpoint",
 *   groundTruth: "ground-truth",
 *   baseline: "reports/model-quality-baseline",
 *   probabilityAttribute: "0",
 *   from: new Date("2024-01-19T19:00:00Z"), to: new Date("2024-01-19T20:00:00Z"),
 *   output: "reports/model-quality/2024/01/19/19",
 * });
 * r.metrics.values.auc; r.violations; r.merge.unmatchedCaptures;
 * @throws ModelQualityError when nothing merged (saying which side was empty and where it
 *   looked), or the baseline is of another problem type.
 */
export async function runModelQualityMonitor(options: QualityMonitorOptions): Promise<QualityMonitorResult> {
  const baseline = await loadQualityBaseline(options.baseline);
  const problemType = baselineType(baseline, options.problemType);
  const attributes: QualityAttributes = { ...options, problemType };
  // No attribute: the output's one value. A binary model's 0/1 or probability both work as a
  // probability (above the threshold is class 1).
  if (!options.inferenceAttribute && !options.probabilityAttribute) {
    if (problemType === "BinaryClassification") attributes.probabilityAttribute = "0";
    else attributes.inferenceAttribute = "0";
  }
  checkAttributes(attributes);
  let classes: string[] | undefined;
  if (problemType === "MulticlassClassification") {
    const m = (baseline.statistics[METRICS_KEY[problemType]] ?? {}) as { confusion_matrix?: object };
    if (m.confusion_matrix) classes = Object.keys(m.confusion_matrix);
  }
  const merger = new GroundTruthMerger({ ...attributes, classes, maxIssues: options.maxIssues });
  // Opened (script loaded, handler found) before any record is read.
  const pre = await acquirePreprocessor(options.recordPreprocessor, {
    featureNames: [],
    timeoutSeconds: options.preprocessorTimeoutSeconds,
    onOutput: options.onScriptOutput,
  });
  const gt = newGroundTruthReport();
  const gtFrom = options.groundTruthFrom ?? options.from;
  const read = newReadReport();
  try {
    for await (const batch of groundTruthBatches(options.groundTruth, {
      from: gtFrom,
      to: options.groundTruthTo,
      report: gt,
    }))
      merger.addLabels(batch);
    for await (const batch of captureRecordBatches(options.captures, {
      from: options.from,
      to: options.to,
      onError: "skip",
      report: read,
    })) {
      const step = pre.preprocessor;
      if (!step) merger.addCaptures(batch);
      else await addPreprocessed(merger, batch, step);
    }
  } finally {
    await pre.release();
  }
  const merge = merger.result();
  if (merge.matched === 0) throw nothingMerged(options, merge, read, gt, gtFrom);
  const rows = merger.rows;
  const issues: QualityIssue[] = [...rows.issues];
  for (const e of read.errors) issues.push({ source: e.source, line: e.line, field: e.field, message: e.message });
  for (const w of merger.warnings) issues.push(w);
  const issueCount = rows.issueCount + read.errors.length + merger.warnings.length;
  if (rows.length === 0) {
    const first = rows.issues[0];
    throw new ModelQualityError(
      `${merge.matched} capture(s) matched a label but none gave a usable row (${rows.issueCount} refused${first ? `; first: ${first.source}:${first.line}: ${first.field ? `${first.field}: ` : ""}${first.message}` : ""})`,
    );
  }
  const data = rows.rows();
  const metrics = qualityMetrics(data);
  const deviations = standardDeviations(data, metrics, options.deviations);
  const statistics = qualityStatistics(metrics, deviations);
  const violations = qualityViolations(metrics, deviations, baseline.constraints);
  const files = {
    "statistics.json": formatQualityStatistics(statistics),
    "constraint_violations.json": formatQualityViolations(violations),
  };
  const written = options.output ? await writeOutputFiles(options.output, files) : [];
  const postAnalytics = options.postAnalyticsProcessor
    ? await runPostAnalyticsProcessor(options.postAnalyticsProcessor, {
        onOutput: options.onScriptOutput,
        files: { texts: files, from: options.from, to: options.to },
      })
    : undefined;
  return {
    problemType,
    statistics,
    violations,
    metrics,
    deviations,
    baseline,
    merge,
    issues,
    issueCount,
    read,
    groundTruth: gt,
    written,
    ...(postAnalytics ? { postAnalytics } : {}),
  };
}

/**
 * Merges a batch through the record preprocessor: the matched captures, each with its label
 * as `groundTruthData` (Python's `inference_record.ground_truth`), go to the handler, and the
 * rows come from the dicts it returns.
 */
async function addPreprocessed(
  merger: GroundTruthMerger,
  batch: SourcedRecord[],
  step: RecordPreprocessor,
): Promise<void> {
  const matched = merger.matchCaptures(batch);
  if (matched.length === 0) return;
  const withLabels: SourcedRecord[] = matched.map((m) => ({
    ...m.record,
    record: { ...m.record.record, groundTruthData: { data: m.label, encoding: "CSV" } } as CaptureRecord,
  }));
  await step.prepareBatch(withLabels);
  matched.forEach((m, i) => merger.addPreprocessed(m, step.recordDict(withLabels[i]!)));
}

function nothingMerged(
  options: QualityMonitorOptions,
  merge: MergeReport,
  read: ReadReport,
  gt: GroundTruthReadReport,
  gtFrom: Date | undefined,
): ModelQualityError {
  const window =
    options.from || options.to
      ? ` between ${options.from?.toISOString() ?? "the beginning"} and ${options.to?.toISOString() ?? "now"}`
      : "";
  const gtWindow =
    gtFrom || options.groundTruthTo
      ? ` (hours from ${gtFrom?.toISOString().slice(0, 13) ?? "the first"} to ${options.groundTruthTo?.toISOString().slice(0, 13) ?? "the last"})`
      : "";
  const capturesWhere = `${describe(options.captures)}${window}: ${read.filesRead.length} file(s) read, ${read.outOfRange} record(s) outside the window`;
  const labelsWhere = `${describe(options.groundTruth)}${gtWindow}: ${gt.files.length} file(s) read`;
  if (merge.captures === 0)
    return new ModelQualityError(`nothing to merge: no capture records under ${capturesWhere}`, {
      source: describe(options.captures),
    });
  if (merge.labels === 0)
    return new ModelQualityError(`nothing to merge: no ground-truth labels under ${labelsWhere}`, {
      source: describe(options.groundTruth),
    });
  const c = merge.examples.unmatchedCaptures[0];
  const l = merge.examples.unmatchedLabels[0];
  return new ModelQualityError(
    `nothing merged: none of the ${merge.captures} captures' ids (inferenceId, else eventId; e.g. "${c?.id}" at ${c?.source}:${c?.line}) ` +
      `equals the eventId of one of the ${merge.labels} labels (e.g. "${l?.id}" at ${l?.source}:${l?.line}). ` +
      `Captures: ${capturesWhere}; labels: ${labelsWhere}`,
  );
}
