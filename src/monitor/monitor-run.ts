/**
 * `runMonitor`: one Model Monitor schedule execution, offline. Streams the window's captures
 * once (bounded memory: sketches and counters, no rows kept), maps each captured row to the
 * baseline's features by position, writes statistics.json and constraint_violations.json,
 * and computes the drift table. I/O around the pure modules.
 */
import type { CaptureRecord, CaptureSide } from "../capture";
import type { CaptureSource } from "../read/file-info";
// Not in the read index: the batched form of readCaptureRecords (same records, same report).
import { captureRecordBatches, newReadReport, type ReadReport, type SourcedRecord } from "../read/records";
import { captureRows, type OutputColumnsPosition } from "./capture-rows";
import { runChecks, type FeatureCheck } from "./checks";
import { parseConstraints, type ConstraintsFile } from "./constraints-file";
import type { InferredType } from "./data-type";
import { summarizeDrift, type DriftSummary, type DriftThresholds } from "./drift-summary";
import { FeatureProfiler, isNumericText } from "./feature-profiler";
import { readLocationFile, writeOutputFiles, type OutputLocation } from "./output-location";
import { formatStatistics, parseStatistics, type StatisticsFile } from "./statistics-file";
import { formatViolations, type Violation } from "./violations-file";
import { renderDriftReport } from "./drift-report-html";

/** A baseline: a folder / S3 prefix holding statistics.json and constraints.json, or the parsed files. */
export type BaselineSource = OutputLocation | { statistics: StatisticsFile; constraints: ConstraintsFile };

/** Options of {@link runMonitor}. */
export interface MonitorOptions {
  /** Captures: a file, a local capture tree, `{ s3, uri }`, ... (see `readCaptureRecords`). */
  captures: CaptureSource;
  baseline: BaselineSource;
  /** Window start (inclusive) and end (exclusive), on `inferenceTime`. */
  from?: Date;
  to?: Date;
  /** Where the output values sit in the baseline's rows (default `START`). */
  outputColumnsPosition?: OutputColumnsPosition;
  /** Where to write statistics.json and constraint_violations.json (and drift-report.html with `htmlReport`). */
  output?: OutputLocation;
  /** Also write the HTML drift report as this file name under `output` (e.g. `drift-report.html`). */
  htmlReport?: string;
  /** Thresholds of the drift verdicts. */
  drift?: DriftThresholds;
  /** Most bad rows listed (all are counted; default 1000). */
  maxIssues?: number;
}

/** A bad row or record, with where it is. */
export interface MonitorIssue {
  source: string;
  line: number;
  field?: string;
  message: string;
}

/** What {@link runMonitor} found. */
export interface MonitorResult {
  statistics: StatisticsFile;
  violations: Violation[];
  features: FeatureCheck[];
  drift: DriftSummary;
  /** Captured rows analysed, and how many columns they had (the most common width). */
  rows: number;
  columnCount: number;
  /** Records read (after the time filter), and the reader's report. */
  records: number;
  read: ReadReport;
  /** Bad rows: number of problems, and the first `maxIssues` of them with file and line. */
  issueCount: number;
  issues: MonitorIssue[];
  written: string[];
}

/** A window without captures. */
export class NoCapturesError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "NoCapturesError";
  }
}

const notANumber = (v: string) => `"${v.length > 40 ? v.slice(0, 40) + "..." : v}" is not a number`;

/** A side's CSV text and where its one line ends, when it is a plain one-line CSV payload. */
function plainCsvLine(side: CaptureSide | undefined): { text: string; end: number; fields: number } | undefined {
  if (!side || side.encoding !== "CSV") return undefined;
  const text = side.data;
  let end = text.length;
  if (end > 0 && text.charCodeAt(end - 1) === 10) end--;
  if (end > 0 && text.charCodeAt(end - 1) === 13) end--;
  if (end === 0) return undefined;
  const c = text.charCodeAt(0);
  if (c === 123 || c === 91) return undefined; // JSON: the general path reports it
  let fields = 1;
  for (let i = 0; i < end; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 44) fields++;
    else if (ch === 34 || ch === 10) return undefined; // quotes or several lines: general path
  }
  return { text, end, fields };
}

function profileFields(
  line: { text: string; end: number },
  profilers: FeatureProfiler[],
  numeric: boolean[],
  from: number,
  onBad: (col: number, value: string) => void,
): void {
  const { text, end } = line;
  let col = from;
  let start = 0;
  for (;;) {
    // One scan per field: the profiler reads the number and finds the comma (plainCsvLine
    // counted the fields, so there is a profiler for each).
    const p = profilers[col]!;
    const i = p.addField(text, start, end);
    const cls = p.lastClass;
    if (
      numeric[col] &&
      cls !== "Integral" &&
      cls !== "Fractional" &&
      cls !== "Null" &&
      !isNumericText(text.slice(start, i))
    )
      onBad(col, text.slice(start, i));
    if (i >= end) return;
    col++;
    start = i + 1;
  }
}

/**
 * The hot path: a record whose request and response are one plain CSV line each and fill the
 * baseline's columns exactly is profiled in place, without building rows (values that are
 * not numbers in numeric features go to `onBad`). Anything else returns false, untouched.
 */
function profileInPlace(
  record: CaptureRecord,
  position: OutputColumnsPosition,
  profilers: FeatureProfiler[],
  width: number,
  numeric: boolean[],
  onBad: (col: number, value: string) => void,
): boolean {
  const input = plainCsvLine(record.captureData.endpointInput);
  const output = input && plainCsvLine(record.captureData.endpointOutput);
  if (!input || !output || input.fields + output.fields !== width) return false;
  const [a, b] = position === "START" ? [output, input] : [input, output];
  profileFields(a, profilers, numeric, 0, onBad);
  profileFields(b, profilers, numeric, a.fields, onBad);
  return true;
}

/** Reads a baseline folder's two files (or takes parsed ones). */
export async function loadBaseline(
  source: BaselineSource,
): Promise<{ statistics: StatisticsFile; constraints: ConstraintsFile }> {
  if (typeof source === "object" && "statistics" in source) return source;
  const s = await readLocationFile(source, "statistics.json");
  const c = await readLocationFile(source, "constraints.json");
  return { statistics: parseStatistics(s.text, s.where), constraints: parseConstraints(c.text, c.where) };
}

function describeSource(source: CaptureSource): string {
  if (Array.isArray(source)) return source.map(describeSource).join(", ");
  return typeof source === "string" ? source : source.uri;
}

/** `yyyy/mm/dd/hh` of each hour touched by [from, to). */
export function hoursOf(from: Date, to: Date): string[] {
  const out: string[] = [];
  const t = new Date(Math.floor(from.getTime() / 3_600_000) * 3_600_000);
  while (t < to && out.length < 24 * 366) {
    const p = (n: number) => String(n).padStart(2, "0");
    out.push(`${t.getUTCFullYear()}/${p(t.getUTCMonth() + 1)}/${p(t.getUTCDate())}/${p(t.getUTCHours())}`);
    t.setTime(t.getTime() + 3_600_000);
  }
  return out;
}

/**
 * Runs one monitoring execution over a window of captures.
 * @example
 * const r = await runMonitor({
 *   captures: "captures/my-endpoint",
 *   baseline: "reports/baseline",
 *   from: new Date("2024-01-19T19:00:00Z"), to: new Date("2024-01-19T20:00:00Z"),
 *   output: "reports/monitoring/2024/01/19/19",
 * });
 * r.violations; // [{ feature_name, constraint_check_type, description }]
 * @throws NoCapturesError when the window holds no capture record (naming the source and hours).
 */
export async function runMonitor(options: MonitorOptions): Promise<MonitorResult> {
  const { statistics: baseStats, constraints } = await loadBaseline(options.baseline);
  const position = options.outputColumnsPosition ?? "START";
  const maxIssues = options.maxIssues ?? 1000;
  const names = constraints.features.map((f) => f.name);
  const types = new Map<string, InferredType>(constraints.features.map((f) => [f.name, f.inferred_type]));
  const numeric = constraints.features.map((f) => f.inferred_type === "Integral" || f.inferred_type === "Fractional");
  // Numeric features get numeric statistics whatever their values: no category table needed.
  const profilers = names.map((n, i) => new FeatureProfiler(n, { maxDistinct: numeric[i] ? 0 : 100_000 }));
  const extra: FeatureProfiler[] = [];
  const widths = new Map<number, number>();
  const issues: MonitorIssue[] = [];
  let issueCount = 0;
  const issue = (i: MonitorIssue) => {
    issueCount++;
    if (issues.length < maxIssues) issues.push(i);
  };
  const read = newReadReport();
  let records = 0;
  let rows = 0;
  const width = names.length;
  let rec: SourcedRecord | undefined;
  let fullRows = 0; // rows of exactly the baseline's width, profiled in place
  const bad = (col: number, v: string) =>
    issue({ source: rec!.source, line: rec!.line, field: names[col], message: notANumber(v) });
  // Batches (one per chunk read) rather than one promise per record: this loop is the hot path.
  for await (const batch of captureRecordBatches(options.captures, {
    from: options.from,
    to: options.to,
    onError: "skip",
    report: read,
  })) {
    for (rec of batch) {
      records++;
      if (profileInPlace(rec.record, position, profilers, width, numeric, bad)) {
        rows++;
        fullRows++;
        continue;
      }
      const r = captureRows(rec.record, position);
      for (const p of r.problems) issue({ source: rec.source, line: rec.line, field: p.field, message: p.message });
      for (const values of r.rows) {
        rows++;
        widths.set(values.length, (widths.get(values.length) ?? 0) + 1);
        if (values.length !== width)
          issue({
            source: rec.source,
            line: rec.line,
            message: `expected ${width} columns (baseline), found ${values.length}`,
          });
        for (let i = 0; i < width; i++) {
          const v = i < values.length ? values[i]! : null;
          const cls = profilers[i]!.add(v);
          if (numeric[i] && v !== null && cls !== "Integral" && cls !== "Fractional" && !isNumericText(v)) {
            issue({ source: rec.source, line: rec.line, field: names[i], message: notANumber(v) });
          }
        }
        for (let i = width; i < values.length; i++) {
          extra[i - width] ??= new FeatureProfiler(`_c${i}`, { maxDistinct: 1000 });
          const p = extra[i - width]!;
          if (p.total < rows - 1) p.types.Null += rows - 1 - p.total; // rows before it had no such column
          p.add(values[i]!);
        }
      }
    }
  }
  if (fullRows > 0) widths.set(width, (widths.get(width) ?? 0) + fullRows);
  for (const p of extra) if (p && p.total < rows) p.types.Null += rows - p.total;
  for (const e of read.errors) issue({ source: e.source, line: e.line, field: e.field, message: e.message });
  if (records === 0) {
    const where = describeSource(options.captures);
    const hours = options.from && options.to ? hoursOf(options.from, options.to) : [];
    const looked =
      hours.length > 0
        ? ` (hours looked at: ${hours.length > 6 ? `${hours.slice(0, 3).join(", ")}, ..., ${hours.slice(-2).join(", ")}` : hours.join(", ")})`
        : "";
    const window =
      options.from || options.to
        ? ` between ${options.from?.toISOString() ?? "the beginning"} and ${options.to?.toISOString() ?? "now"}`
        : "";
    const skipped =
      read.skippedRecords > 0
        ? `; ${read.skippedRecords} bad line(s) were skipped, first: ${read.errors[0]!.message}`
        : "";
    throw new NoCapturesError(
      `no capture records under ${where}${window}${looked}; ${read.filesRead.length} file(s) read, ${read.outOfRange} record(s) outside the window${skipped}. ` +
        `(Model Monitor reports this as "Job inputs had no data": the endpoint got no traffic in that hour, capture was off or sampled out, or the prefix/endpoint/variant does not match where captures land.)`,
    );
  }
  // The dataset's width is the most common row width (the rows that differ are listed).
  let columnCount = width;
  let best = -1;
  for (const [w, n] of widths) if (n > best || (n === best && w > columnCount)) [columnCount, best] = [w, n];
  const current = new Map<string, FeatureProfiler>(profilers.map((p) => [p.name, p]));
  for (const p of extra) if (p) current.set(p.name, p);
  const statistics: StatisticsFile = {
    version: 0.0,
    dataset: { item_count: rows },
    features: [
      ...profilers.map((p) => p.statistics(types.get(p.name))),
      ...extra.filter(Boolean).map((p) => p.statistics()),
    ],
  };
  const checks = runChecks({ constraints, baseline: baseStats, current, columnCount, itemCount: rows });
  const drift = summarizeDrift(baseStats, current, checks.features, options.drift);
  const result: MonitorResult = {
    statistics,
    violations: checks.violations,
    features: checks.features,
    drift,
    rows,
    columnCount,
    records,
    read,
    issueCount,
    issues,
    written: [],
  };
  if (options.output) {
    const files: Record<string, string> = {
      "statistics.json": formatStatistics(statistics),
      "constraint_violations.json": formatViolations({ violations: checks.violations }),
    };
    if (options.htmlReport)
      files[options.htmlReport] = renderDriftReport(result, {
        title: `Drift report: ${describeSource(options.captures)}`,
        from: options.from,
        to: options.to,
      });
    result.written = await writeOutputFiles(options.output, files);
  }
  return result;
}
