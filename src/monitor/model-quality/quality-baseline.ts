/**
 * `suggestModelQualityBaseline`: Model Monitor's model-quality baseline job, offline. Reads a
 * dataset holding the label and the model's predictions and writes statistics.json and
 * constraints.json (I/O around the pure metrics).
 */
import { readDataset, type DatasetFormat, type DatasetLocation, type DatasetReadResult } from "../dataset-source";
import { writeOutputFiles, type OutputLocation } from "../files/output-location";
import { ModelQualityError } from "./errors";
import type { MetricSet, ProblemType } from "./metric-set";
import {
  formatQualityConstraints,
  formatQualityStatistics,
  qualityStatistics,
  suggestQualityConstraints,
  type QualityConstraintsFile,
  type QualityStatisticsFile,
} from "./quality-files";
import { QualityRowCollector, type QualityIssue } from "./quality-rows";
import { qualityMetrics, standardDeviations, type DeviationOptions } from "./standard-deviation";

/** The attributes Model Monitor's jobs take (`inference_attribute`, ...). */
export interface QualityAttributes {
  problemType: ProblemType;
  /** The predicted label or value: a column name or index (baseline), a CSV index or JSONPath (captures). */
  inferenceAttribute?: string;
  /** Binary: the probability of class 1, same forms. */
  probabilityAttribute?: string;
  /** Binary: a probability above this is class 1 when there is no inference attribute (default 0.5). */
  probabilityThreshold?: number;
}

/** Options of {@link suggestModelQualityBaseline}. */
export interface QualityBaselineOptions extends QualityAttributes {
  /** The dataset with labels and predictions: a file, a folder, or `{ s3, uri }`. */
  dataset: DatasetLocation;
  /** AWS's `dataset_format` (default `{ csv: { header: true } }`). */
  datasetFormat?: DatasetFormat;
  /** The label column: name or 0-based index. */
  groundTruthAttribute: string;
  /** Where to write statistics.json and constraints.json (omit to only return them). */
  output?: OutputLocation;
  /** Sampling of the standard deviations (seeded). */
  deviations?: DeviationOptions;
}

/** What a baseline produced. */
export interface QualityBaselineResult {
  statistics: QualityStatisticsFile;
  constraints: QualityConstraintsFile;
  /** The metrics as data (matrix, curves), for display. */
  metrics: MetricSet;
  deviations: Record<string, number>;
  /** Rows refused (with file and line), and how many in all. */
  issues: QualityIssue[];
  issueCount: number;
  files: string[];
  written: string[];
}

function columnOf(names: string[], attribute: string, flag: string, where: string): number {
  const byName = names.indexOf(attribute);
  if (byName !== -1) return byName;
  if (/^\d+$/.test(attribute) && Number(attribute) < Math.max(names.length, 1)) return Number(attribute);
  throw new ModelQualityError(
    `${where}: ${flag} "${attribute}" is not a column (columns: ${names.slice(0, 20).join(", ")}${names.length > 20 ? ", ..." : ""})`,
    { source: where, field: flag },
  );
}

/** Checks the attributes a problem type needs. @throws ModelQualityError */
export function checkAttributes(a: QualityAttributes): void {
  if (a.problemType === "BinaryClassification") {
    if (!a.inferenceAttribute && !a.probabilityAttribute)
      throw new ModelQualityError(
        "BinaryClassification needs an inference attribute, a probability attribute or both",
        {
          field: "inferenceAttribute",
        },
      );
  } else if (!a.inferenceAttribute)
    throw new ModelQualityError(`${a.problemType} needs an inference attribute`, { field: "inferenceAttribute" });
  const t = a.probabilityThreshold;
  if (t !== undefined && !(t >= 0 && t <= 1))
    throw new ModelQualityError(`probability threshold: expected a number from 0 to 1, got ${t}`, {
      field: "probabilityThreshold",
    });
}

/**
 * Builds a model-quality baseline like `ModelQualityMonitor.suggest_baseline`.
 * @example
 * const { statistics, constraints, metrics } = await suggestModelQualityBaseline({
 *   dataset: "validation_with_predictions.csv",
 *   problemType: "BinaryClassification",
 *   inferenceAttribute: "prediction",
 *   probabilityAttribute: "probability",
 *   groundTruthAttribute: "label",
 *   output: "reports/model-quality-baseline",
 * });
 * metrics.values.auc; // 0.9395127993393898 on AWS's churn example
 * @throws ModelQualityError for a missing column or attribute, or a dataset with no usable row.
 */
export async function suggestModelQualityBaseline(options: QualityBaselineOptions): Promise<QualityBaselineResult> {
  checkAttributes(options);
  const where = typeof options.dataset === "string" ? options.dataset : options.dataset.uri;
  const read: DatasetReadResult = { names: [], files: [], issues: [] };
  const collector = new QualityRowCollector(options.problemType, { threshold: options.probabilityThreshold });
  let cols: { label: number; prediction?: number; probability?: number } | undefined;
  let rows = 0;
  for await (const row of readDataset(options.dataset, options.datasetFormat ?? { csv: { header: true } }, read)) {
    cols ??= {
      label: columnOf(read.names, options.groundTruthAttribute, "ground truth attribute", where),
      prediction:
        options.inferenceAttribute !== undefined
          ? columnOf(read.names, options.inferenceAttribute, "inference attribute", where)
          : undefined,
      probability:
        options.probabilityAttribute !== undefined
          ? columnOf(read.names, options.probabilityAttribute, "probability attribute", where)
          : undefined,
    };
    rows++;
    const v = row.values;
    const label = v[cols.label];
    if (label === null || label === undefined) {
      collector.refuse(row.source, row.line, "no label", read.names[cols.label]);
      continue;
    }
    const pick = (i: number | undefined) => (i === undefined ? undefined : (v[i] ?? ""));
    collector.add(label, pick(cols.prediction), pick(cols.probability), row.source, row.line);
  }
  if (collector.length === 0)
    throw new ModelQualityError(
      `${where}: no usable row in ${read.files.length} file(s) (${rows} read${collector.issues[0] ? `; first problem: ${collector.issues[0].source}:${collector.issues[0].line}: ${collector.issues[0].message}` : ""})`,
      { source: where },
    );
  const data = collector.rows();
  const metrics = qualityMetrics(data);
  const deviations = standardDeviations(data, metrics, options.deviations);
  const statistics = qualityStatistics(metrics, deviations);
  const constraints = suggestQualityConstraints(metrics);
  const written = options.output
    ? await writeOutputFiles(options.output, {
        "statistics.json": formatQualityStatistics(statistics),
        "constraints.json": formatQualityConstraints(constraints),
      })
    : [];
  return {
    statistics,
    constraints,
    metrics,
    deviations,
    issues: [...read.issues, ...collector.issues],
    issueCount: read.issues.length + collector.issueCount,
    files: read.files,
    written,
  };
}
