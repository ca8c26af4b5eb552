/**
 * Model-quality statistics.json, constraints.json and constraint_violations.json as Model
 * Monitor writes them (pure): Jackson pretty printing, doubles as Java prints them, `"NaN"`
 * standard deviations, AWS's key names and order.
 */
import { FieldReader, MonitorFileError } from "../files/file-error";
import { toJacksonJson, type DoublePredicate } from "../files/jackson-json";
import { javaDouble } from "../files/java-double";
import { camelMetricName, type MetricSet, type ProblemType } from "./metric-set";
import { ModelQualityError } from "./errors";

/** `{value, standard_deviation}` of one metric (`standard_deviation` NaN below 200 rows). */
export interface MetricValue {
  value: number;
  standard_deviation: number;
}

/** The `<kind>_metrics` section key of each problem type. */
export const METRICS_KEY: Record<ProblemType, string> = {
  BinaryClassification: "binary_classification_metrics",
  MulticlassClassification: "multiclass_classification_metrics",
  Regression: "regression_metrics",
};

/** The `<kind>_constraints` section key of each problem type. */
export const CONSTRAINTS_KEY: Record<ProblemType, string> = {
  BinaryClassification: "binary_classification_constraints",
  MulticlassClassification: "multiclass_classification_constraints",
  Regression: "regression_constraints",
};

/** A model-quality statistics.json. */
export interface QualityStatisticsFile {
  version: number;
  dataset: { item_count: number; [extra: string]: unknown };
  [section: string]: unknown;
}

/** One constraint: the baseline's value and the direction that is a violation. */
export interface QualityConstraint {
  threshold: number;
  comparison_operator: "LessThanThreshold" | "GreaterThanThreshold";
}

/** A model-quality constraints.json. */
export interface QualityConstraintsFile {
  version: number;
  [section: string]: unknown;
}

/** One model-quality violation, keys in AWS's order. */
export interface QualityViolation {
  constraint_check_type: "LessThanThreshold" | "GreaterThanThreshold";
  description: string;
  metric_name: string;
}

/** The problem type whose section a statistics or constraints object holds, if any. */
export function problemTypeOf(
  file: Record<string, unknown>,
  keys: Record<ProblemType, string>,
): ProblemType | undefined {
  return (Object.keys(keys) as ProblemType[]).find((p) => keys[p] in file);
}

/** statistics.json of a metric set: the matrix and curves where AWS puts them, every metric with its deviation. */
export function qualityStatistics(metrics: MetricSet, deviations: Record<string, number>): QualityStatisticsFile {
  const section: Record<string, unknown> = {};
  if (metrics.confusionMatrix) section.confusion_matrix = metrics.confusionMatrix;
  for (const [name, value] of Object.entries(metrics.values)) {
    if (name === "auc") {
      // The curves sit between the rates and the AUC in AWS's files.
      if (metrics.roc) section.receiver_operating_characteristic_curve = metrics.roc;
      if (metrics.precisionRecall) section.precision_recall_curve = metrics.precisionRecall;
    }
    section[name] = { value, standard_deviation: deviations[name] ?? NaN } satisfies MetricValue;
  }
  return { version: 0.0, dataset: { item_count: metrics.rows }, [METRICS_KEY[metrics.problemType]]: section };
}

/** Doubles of the model-quality files: everything but counts (`item_count`, matrix cells). */
const qualityDoubles: DoublePredicate = (path) => {
  const key = path[path.length - 1];
  if (key === "item_count") return false;
  if (path.includes("confusion_matrix")) return false;
  return true;
};

/** statistics.json text. */
export function formatQualityStatistics(file: QualityStatisticsFile): string {
  return toJacksonJson(file, qualityDoubles);
}

/** constraints.json text. */
export function formatQualityConstraints(file: QualityConstraintsFile): string {
  return toJacksonJson(file, qualityDoubles);
}

/** constraint_violations.json text. */
export function formatQualityViolations(violations: QualityViolation[]): string {
  return toJacksonJson({ violations }, qualityDoubles);
}

/** Metrics a baseline constrains, with the direction that is worse. */
const SUGGESTED: Record<ProblemType, Array<[string, QualityConstraint["comparison_operator"]]>> = {
  BinaryClassification: [
    ["recall", "LessThanThreshold"],
    ["precision", "LessThanThreshold"],
    ["accuracy", "LessThanThreshold"],
    ["true_positive_rate", "LessThanThreshold"],
    ["true_negative_rate", "LessThanThreshold"],
    ["false_positive_rate", "GreaterThanThreshold"],
    ["false_negative_rate", "GreaterThanThreshold"],
    ["auc", "LessThanThreshold"],
    ["f0_5", "LessThanThreshold"],
    ["f1", "LessThanThreshold"],
    ["f2", "LessThanThreshold"],
  ],
  MulticlassClassification: [
    ["accuracy", "LessThanThreshold"],
    ["weighted_recall", "LessThanThreshold"],
    ["weighted_precision", "LessThanThreshold"],
    ["weighted_f0_5", "LessThanThreshold"],
    ["weighted_f1", "LessThanThreshold"],
    ["weighted_f2", "LessThanThreshold"],
  ],
  Regression: [
    ["mae", "GreaterThanThreshold"],
    ["mse", "GreaterThanThreshold"],
    ["rmse", "GreaterThanThreshold"],
    ["r2", "LessThanThreshold"],
  ],
};

/** constraints.json suggested from a baseline: each metric's baseline value as its threshold. */
export function suggestQualityConstraints(metrics: MetricSet): QualityConstraintsFile {
  const section: Record<string, QualityConstraint> = {};
  for (const [name, op] of SUGGESTED[metrics.problemType])
    section[name] = { threshold: metrics.values[name]!, comparison_operator: op };
  return { version: 0.0, [CONSTRAINTS_KEY[metrics.problemType]]: section };
}

/** Runs a reader, turning the shared FieldReader's errors into {@link ModelQualityError}s (file, field). */
function reading<T>(read: () => T): T {
  try {
    return read();
  } catch (e) {
    if (e instanceof MonitorFileError)
      throw new ModelQualityError(e.message, { source: e.source, field: e.field || undefined, cause: e });
    throw e;
  }
}

/** Reads a model-quality statistics.json (any of the three sections). @throws ModelQualityError naming file and field */
export function parseQualityStatistics(text: string, file = "statistics.json"): QualityStatisticsFile {
  return reading(() => readStatistics(text, file));
}

function readStatistics(text: string, file: string): QualityStatisticsFile {
  const r = new FieldReader(file);
  const root = r.object(r.json(text), "");
  r.object(root.dataset, "dataset");
  const type = problemTypeOf(root, METRICS_KEY);
  if (!type)
    throw new ModelQualityError(
      `${file}: expected one of ${Object.values(METRICS_KEY).join(", ")} (a model-quality statistics.json)`,
      { source: file },
    );
  const section = r.object(root[METRICS_KEY[type]], METRICS_KEY[type]);
  for (const [k, v] of Object.entries(section)) {
    if (k === "confusion_matrix" || k.endsWith("_curve")) continue;
    const m = r.object(v, `${METRICS_KEY[type]}.${k}`);
    r.number(m.value, `${METRICS_KEY[type]}.${k}.value`);
  }
  return root as QualityStatisticsFile;
}

/** Reads a model-quality constraints.json. @throws ModelQualityError naming file and field */
export function parseQualityConstraints(text: string, file = "constraints.json"): QualityConstraintsFile {
  return reading(() => readConstraints(text, file));
}

function readConstraints(text: string, file: string): QualityConstraintsFile {
  const r = new FieldReader(file);
  const root = r.object(r.json(text), "");
  const type = problemTypeOf(root, CONSTRAINTS_KEY);
  if (!type)
    throw new ModelQualityError(
      `${file}: expected one of ${Object.values(CONSTRAINTS_KEY).join(", ")} (a model-quality constraints.json)`,
      { source: file },
    );
  const key = CONSTRAINTS_KEY[type];
  for (const [k, v] of Object.entries(r.object(root[key], key))) {
    const c = r.object(v, `${key}.${k}`);
    r.number(c.threshold, `${key}.${k}.threshold`);
    const op = r.string(c.comparison_operator, `${key}.${k}.comparison_operator`);
    if (op !== "LessThanThreshold" && op !== "GreaterThanThreshold")
      throw new ModelQualityError(
        `${file}: ${key}.${k}.comparison_operator: expected LessThanThreshold or GreaterThanThreshold, got "${op}"`,
        { source: file, field: `${key}.${k}.comparison_operator` },
      );
  }
  return root as QualityConstraintsFile;
}

/** The order AWS's binary runs list violations in (two published runs agree); others follow in file order. */
const BINARY_ORDER = [
  "auc",
  "precision",
  "true_positive_rate",
  "f1",
  "accuracy",
  "false_positive_rate",
  "true_negative_rate",
  "false_negative_rate",
  "recall",
  "f2",
];

/**
 * The violations of the current metrics against constraints: strictly below a
 * `LessThanThreshold` threshold, strictly above a `GreaterThanThreshold` one. Texts as AWS's:
 * `Metric auc with 0.515363047795135 +/- 0.012887520442626008 was LessThanThreshold '0.9395127993393898'`.
 * A constrained metric the run did not compute is skipped.
 */
export function qualityViolations(
  metrics: MetricSet,
  deviations: Record<string, number>,
  constraints: QualityConstraintsFile,
): QualityViolation[] {
  const section = (constraints[CONSTRAINTS_KEY[metrics.problemType]] ?? {}) as Record<string, QualityConstraint>;
  const names = Object.keys(section);
  if (metrics.problemType === "BinaryClassification") names.sort((a, b) => rank(a, names) - rank(b, names));
  const out: QualityViolation[] = [];
  for (const name of names) {
    const c = section[name]!;
    const value = metrics.values[name];
    if (value === undefined) continue;
    const broken = c.comparison_operator === "LessThanThreshold" ? value < c.threshold : value > c.threshold;
    if (!broken) continue;
    out.push({
      constraint_check_type: c.comparison_operator,
      description: `Metric ${camelMetricName(name)} with ${javaDouble(value)} +/- ${javaDouble(deviations[name] ?? NaN)} was ${c.comparison_operator} '${javaDouble(c.threshold)}'`,
      metric_name: camelMetricName(name),
    });
  }
  return out;
}

function rank(name: string, names: string[]): number {
  const i = BINARY_ORDER.indexOf(name);
  return i === -1 ? BINARY_ORDER.length + names.indexOf(name) : i;
}
