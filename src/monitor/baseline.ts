/**
 * `suggestBaseline`: Model Monitor's baseline job, offline. Reads a dataset once and writes
 * statistics.json and constraints.json (I/O around the pure profilers).
 */
import { formatConstraints, type ConstraintsFile } from "./files/constraints-file";
import { DatasetProfiler } from "./profile/dataset-profile";
import {
  readDataset,
  type DatasetFormat,
  type DatasetLocation,
  type DatasetReadResult,
  type RowIssue,
  DatasetError,
} from "./dataset-source";
import { writeOutputFiles, type OutputLocation } from "./files/output-location";
import { formatStatistics, type StatisticsFile } from "./files/statistics-file";
import { suggestConstraints } from "./suggest-constraints";

/** Options of {@link suggestBaseline}. */
export interface BaselineOptions {
  /** The training data: a local file or tree, or `{ s3, uri }`. */
  dataset: DatasetLocation;
  /** AWS's `dataset_format` (default `{ csv: { header: true } }`). */
  datasetFormat?: DatasetFormat;
  /** Where to write statistics.json and constraints.json (omit to only return them). */
  output?: OutputLocation;
}

/** What {@link suggestBaseline} produced. */
export interface BaselineResult {
  statistics: StatisticsFile;
  constraints: ConstraintsFile;
  /** Files read, in order. */
  files: string[];
  /** Rows with another field count than the first (used, and listed here with file and line). */
  issues: RowIssue[];
  /** Paths or S3 URIs written. */
  written: string[];
}

/**
 * Builds a baseline like `DefaultModelMonitor.suggest_baseline`.
 * @example
 * const { statistics, constraints } = await suggestBaseline({
 *   dataset: "data/churn/train.csv",
 *   datasetFormat: { csv: { header: false } },
 *   output: "reports/baseline",
 * });
 */
export async function suggestBaseline(options: BaselineOptions): Promise<BaselineResult> {
  const format = options.datasetFormat ?? { csv: { header: true } };
  const read: DatasetReadResult = { names: [], files: [], issues: [] };
  let profiler: DatasetProfiler | undefined;
  for await (const row of readDataset(options.dataset, format, read)) {
    profiler ??= new DatasetProfiler(read.names);
    if (read.names.length > profiler.names.length) profiler.ensureColumns(read.names);
    profiler.addRow(row.values);
  }
  const where = typeof options.dataset === "string" ? options.dataset : options.dataset.uri;
  if (!profiler)
    throw new DatasetError(
      `${where}: no data rows in ${read.files.length} file(s): ${read.files.slice(0, 5).join(", ")}`,
    );
  const statistics = profiler.statistics();
  const constraints = suggestConstraints(statistics);
  const written = options.output
    ? await writeOutputFiles(options.output, {
        "statistics.json": formatStatistics(statistics),
        "constraints.json": formatConstraints(constraints),
      })
    : [];
  return { statistics, constraints, files: read.files, issues: read.issues, written };
}
