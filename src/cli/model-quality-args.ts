/**
 * The arguments of `capture-lab baseline --problem-type ...` and `capture-lab monitor
 * --problem-type ...`: help texts and parsers (a bad argument is an Error with a message for
 * the user).
 */
import {
  PROBLEM_TYPES,
  parseIsoDuration,
  type DatasetFormat,
  type OutputLocation,
  type ProblemType,
  type QualityMonitorOptions,
} from "../monitor";
import { isoDate } from "./args";
import { checkWindow, flags, hourlyFlag, numberValue, scriptFlag, windowFlag, type ScriptArgs } from "./flags";

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
      [--probability-threshold-attribute X] [script flags]
  capture-lab monitor --problem-type TYPE --hourly --endpoint NAME --captures P --ground-truth P
      --baseline D --reports D [--start-offset -P1D --end-offset -PT1H] [--schedule NAME]
      [--start ISO --end ISO] [--report FILE] [--parallel N] [attribute flags] [script flags]
  --hourly writes each due hour into {reports}/{endpoint}/{schedule}/yyyy/mm/dd/hh/ (schedule
  default capture-lab-model-quality); hours already reported are skipped. The captures' window of
  a processed hour is [its end + start offset, its end + end offset) (AWS's StartTimeOffset and
  EndTimeOffset, ISO-8601; defaults -PT1H and PT0H: the hour itself); labels are read from the
  hours between the window's start and the end of the processed hour. --start/--end pick the
  processed hours. --report FILE writes an offline HTML report (charts as SVG). --parallel N
  runs that many hours at once on worker threads (default: the number of cores; local
  captures, labels and reports; 1 = one after another), each hour's files as one thread writes.
  Labels are JSON lines under {ground-truth}/yyyy/mm/dd/hh/; each capture merges with the label
  whose eventId is its inferenceId (else its eventId). Ground-truth hours are read from the hour
  of --ground-truth-start (default --start) on. Attributes: a CSV index (0) or a JSONPath
  ($.predictions[0].score); with neither, the output's one value is the prediction.
  Script flags, as on AWS: --record-preprocessor FILE_OR_S3_URI runs on each capture merged
  with its label (Python: inference_record.ground_truth; JavaScript: record.groundTruthData);
  the attributes then name keys of the dict it returns (a key, or an index into its keys in
  sorted order), a groundTruthData_0 key replaces the label, [] drops the record.
  --post-analytics-processor FILE_OR_S3_URI runs once after each successful run (each hour);
  --preprocessor-timeout S (default 60).
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
export interface QualityMonitorArgs extends ScriptArgs {
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
  /** (hourly) Hours at once on worker threads. */
  parallel?: number;
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
      case "--ground-truth":
        a.groundTruth = value();
        break;
      case "--ground-truth-start":
        a.groundTruthStart = isoDate(flag, value());
        break;
      case "--ground-truth-end":
        a.groundTruthEnd = isoDate(flag, value());
        break;
      default:
        if (
          !windowFlag(a, flag, value) &&
          !predictionFlag(a, flag, value) &&
          !scriptFlag(a, flag, value) &&
          !hourlyFlag(a, flag, value)
        )
          throw new Error(`unknown option "${flag}"`);
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
    for (const f of ["endpoint", "reports", "startOffset", "endOffset", "schedule", "parallel"] as const)
      if (a[f]) throw new Error(`--${f.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} needs --hourly`);
  }
  checkWindow(a);
  return a as QualityMonitorArgs;
}

/** The script options of a run (prints and "running ..." lines to stderr, the summary to stdout). */
export function qualityScripts(
  args: ScriptArgs,
  loc: (p: string) => OutputLocation,
): Pick<
  QualityMonitorOptions,
  "recordPreprocessor" | "postAnalyticsProcessor" | "preprocessorTimeoutSeconds" | "onScriptOutput"
> {
  return {
    recordPreprocessor: args.recordPreprocessor === undefined ? undefined : loc(args.recordPreprocessor),
    postAnalyticsProcessor: args.postAnalyticsProcessor === undefined ? undefined : loc(args.postAnalyticsProcessor),
    preprocessorTimeoutSeconds: args.preprocessorTimeout,
    onScriptOutput: (t: string) => void process.stderr.write(t),
  };
}
