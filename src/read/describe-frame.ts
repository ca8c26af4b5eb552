/**
 * `describeFrame`: pandas' `DataFrame.describe()` for danfojs frames, including every frame
 * `loadCaptures` returns. danfojs 1.1.2's own `describe()` fails on a datetime column (mathjs
 * cannot average Dates), counts missing values into mean and std (so one NaN makes them NaN),
 * and takes about 30 s on 1e6 rows. This one skips missing values as pandas does, summarizes
 * datetimes and strings too, and reads each value once or twice (quartiles by selection, not
 * sorting), so its time is linear in rows. Pure: it reads the frame and builds plain objects.
 */
import { CaptureLabError } from "../errors";
import { quantilesInPlace } from "./quantiles";

/** How a column is summarized, from its danfojs dtype. */
export type ColumnKind = "number" | "datetime" | "string" | "boolean";

/** A `include`/`exclude` entry: a column kind, or pandas' names for them (`object` = strings, `bool`). */
export type KindName = ColumnKind | "object" | "bool";

/** What {@link describeFrame} reads from a danfojs DataFrame or Series (matched by shape). */
export interface DescribableFrame {
  /** Column names (a Series has one). */
  columns: string[];
  /** One dtype per column. */
  dtypes: string[];
  /** Row-major rows (DataFrame) or the values (Series). */
  values: unknown[];
  /** `[rows, columns]` or `[rows]`. */
  shape: number[];
}

/** Options of {@link describeFrame}. */
export interface DescribeOptions {
  /**
   * Which columns, by kind, as pandas' `include`: `"all"`, a kind or a list of kinds. By
   * default the numeric columns, or every column when there are none (as pandas).
   */
  include?: "all" | KindName | readonly KindName[];
  /** Kinds to leave out (pandas' `exclude`). */
  exclude?: KindName | readonly KindName[];
  /** Only these columns, in this order (before `include`/`exclude`). */
  columns?: readonly string[];
}

/** The summary of one column. Fields that do not apply to its kind are absent. */
export interface ColumnSummary {
  /** Column name. */
  column: string;
  /** danfojs dtype. */
  dtype: string;
  /** How it was summarized. */
  kind: ColumnKind;
  /** Values present (missing ones skipped, as in pandas). */
  count: number;
  /** Missing values: NaN, null, undefined, an invalid Date. */
  missing: number;
  /** Distinct values (strings, booleans). */
  unique?: number;
  /** The most frequent value (strings, booleans; the first seen on a tie). */
  top?: string | boolean | number;
  /** How often `top` occurs. */
  freq?: number;
  /** Earliest time (datetimes). */
  first?: Date;
  /** Latest time (datetimes). */
  last?: Date;
  /** Mean (numbers). */
  mean?: number;
  /** Sample standard deviation, n - 1 (numbers; NaN for one value). */
  std?: number;
  /** Smallest value (numbers). */
  min?: number;
  /** 25th percentile, linear interpolation (numbers). */
  "25%"?: number;
  /** Median (numbers). */
  "50%"?: number;
  /** 75th percentile (numbers). */
  "75%"?: number;
  /** Largest value (numbers). */
  max?: number;
}

/** The statistics a summary can have, in the order pandas shows them. */
export const SUMMARY_STATISTICS = [
  "count",
  "unique",
  "top",
  "freq",
  "first",
  "last",
  "mean",
  "std",
  "min",
  "25%",
  "50%",
  "75%",
  "max",
] as const;

/** One statistic's name. */
export type SummaryStatistic = (typeof SUMMARY_STATISTICS)[number];

const STATISTICS_OF: Record<ColumnKind, readonly SummaryStatistic[]> = {
  number: ["mean", "std", "min", "25%", "50%", "75%", "max"],
  datetime: ["first", "last"],
  string: ["unique", "top", "freq"],
  boolean: ["unique", "top", "freq"],
};

/** A frame's summary: shown by the kernel as pandas shows `describe()` (statistics down, columns across). */
export interface FrameSummary {
  /** Marks the value for the notebook display. */
  kind: "frame-summary";
  /** Rows in the frame. */
  rows: number;
  /** The statistics that apply to the columns described, in pandas' order. */
  statistics: SummaryStatistic[];
  /** One summary per described column, in frame order. */
  columns: ColumnSummary[];
}

/** Bad `describeFrame` options: an unknown column or kind. `field` names the option. */
export class DescribeOptionError extends CaptureLabError {}

const KIND_ALIASES: Record<KindName, ColumnKind> = {
  number: "number",
  datetime: "datetime",
  string: "string",
  boolean: "boolean",
  object: "string",
  bool: "boolean",
};

/** The kind a danfojs dtype is summarized as. */
export function kindOfDtype(dtype: string): ColumnKind {
  if (/^(float|int)/.test(dtype)) return "number";
  if (dtype === "datetime") return "datetime";
  if (dtype === "boolean" || dtype === "bool") return "boolean";
  return "string";
}

/** Reads cell `(r, c)`; a Series' values are the cells of its one column. */
type CellReader = (r: number, c: number) => unknown;

function isSeriesLike(frame: DescribableFrame): boolean {
  return frame.shape.length === 1 || frame.constructor?.name === "Series";
}

function cellReader(frame: DescribableFrame): CellReader {
  const values = frame.values;
  return isSeriesLike(frame) ? (r) => values[r] : (r, c) => (values[r] as unknown[])[c];
}

/**
 * The column's kind: from its dtype, except that Dates under another dtype (danfojs infers
 * `float32` for a column of Dates built by hand) are datetimes, not missing numbers.
 */
export function kindOfColumn(frame: DescribableFrame, c: number): ColumnKind {
  const kind = kindOfDtype(String(frame.dtypes[c]));
  if (kind === "datetime") return kind;
  const cell = cellReader(frame);
  const rows = frame.values.length;
  for (let r = 0; r < rows; r++) {
    const v = cell(r, c);
    if (v === null || v === undefined || (typeof v === "number" && v !== v)) continue;
    return v instanceof Date ? "datetime" : kind;
  }
  return kind;
}

function kinds(option: KindName | readonly KindName[], field: string): Set<ColumnKind> {
  const list: readonly string[] = typeof option === "string" ? [option] : option;
  return new Set(
    list.map((k) => {
      const kind = KIND_ALIASES[k as KindName];
      if (!kind)
        throw new DescribeOptionError(
          `describeFrame: unknown ${field} kind "${k}"; expected ${Object.keys(KIND_ALIASES).join(", ")} or "all"`,
          { field },
        );
      return kind;
    }),
  );
}

/** Column positions to describe, from the options. */
function selectColumns(frame: DescribableFrame, options: DescribeOptions): number[] {
  let positions = frame.columns.map((_, i) => i);
  if (options.columns) {
    positions = options.columns.map((name) => {
      const i = frame.columns.indexOf(name);
      if (i < 0) throw new DescribeOptionError(`describeFrame: no column "${name}" in the frame`, { field: "columns" });
      return i;
    });
  }
  const kindAt = (i: number) => kindOfColumn(frame, i);
  const include = options.include;
  if (include === undefined) {
    const numeric = positions.filter((i) => kindAt(i) === "number");
    if (numeric.length > 0 && options.exclude === undefined) return numeric;
  } else if (include !== "all") {
    const wanted = kinds(include, "include");
    positions = positions.filter((i) => wanted.has(kindAt(i)));
  }
  if (options.exclude !== undefined) {
    const unwanted = kinds(options.exclude, "exclude");
    positions = positions.filter((i) => !unwanted.has(kindAt(i)));
  }
  return positions;
}

/** Columns summarized per pass over the rows: bounds the buffers to about 64 MB. */
function columnsPerPass(rows: number): number {
  return Math.max(1, Math.min(16, Math.floor(8_000_000 / Math.max(1, rows))));
}

/** Numeric columns, a group at a time: one row-major pass fills a buffer per column. */
function describeNumbers(
  positions: number[],
  frame: DescribableFrame,
  isSeries: boolean,
  out: Map<number, ColumnSummary>,
): void {
  const values = frame.values;
  const rows = values.length;
  const group = columnsPerPass(rows);
  const buffers = Array.from({ length: Math.min(group, positions.length) }, () => new Float64Array(rows));
  for (let g = 0; g < positions.length; g += group) {
    const cols = positions.slice(g, g + group);
    const counts = new Array<number>(cols.length).fill(0);
    const sums = new Array<number>(cols.length).fill(0);
    // The hot loop: one row array at a time (rows are separate arrays), no per-cell calls.
    for (let r = 0; r < rows; r++) {
      const row = values[r];
      for (let j = 0; j < cols.length; j++) {
        const v = isSeries ? row : (row as unknown[])[cols[j]];
        // NaN fails v === v; null, undefined and non-numbers are missing too.
        if (typeof v === "number" && v === v) {
          buffers[j][counts[j]++] = v;
          sums[j] += v;
        }
      }
    }
    for (let j = 0; j < cols.length; j++) {
      const s = out.get(cols[j])!;
      const n = counts[j];
      const buf = buffers[j];
      s.count = n;
      s.missing = rows - n;
      const mean = n > 0 ? sums[j] / n : NaN;
      // Two passes (mean, then squared deviations) as pandas' nanvar; the correction term
      // removes most of the rounding left in the mean.
      let sq = 0;
      let dev = 0;
      for (let i = 0; i < n; i++) {
        const d = buf[i] - mean;
        sq += d * d;
        dev += d;
      }
      let min = Infinity;
      let max = -Infinity;
      for (let i = 0; i < n; i++) {
        const v = buf[i];
        if (v < min) min = v;
        if (v > max) max = v;
      }
      const [q25, q50, q75] = quantilesInPlace(buf, n, [0.25, 0.5, 0.75]);
      Object.assign(s, {
        mean,
        std: n > 1 ? Math.sqrt((sq - (dev * dev) / n) / (n - 1)) : NaN,
        min: n > 0 ? min : NaN,
        "25%": q25,
        "50%": q50,
        "75%": q75,
        max: n > 0 ? max : NaN,
      });
    }
  }
}

function describeDates(c: number, rows: number, cell: CellReader, s: ColumnSummary): void {
  let n = 0;
  let first = Infinity;
  let last = -Infinity;
  for (let r = 0; r < rows; r++) {
    const v = cell(r, c);
    const t = v instanceof Date ? v.getTime() : NaN;
    if (t === t) {
      n++;
      if (t < first) first = t;
      if (t > last) last = t;
    }
  }
  s.count = n;
  s.missing = rows - n;
  if (n > 0) {
    s.first = new Date(first);
    s.last = new Date(last);
  }
}

function describeValues(c: number, rows: number, cell: CellReader, s: ColumnSummary): void {
  const counts = new Map<unknown, number>();
  let n = 0;
  for (let r = 0; r < rows; r++) {
    const v = cell(r, c);
    if (v === null || v === undefined || (typeof v === "number" && v !== v)) continue;
    n++;
    counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  let top: unknown;
  let freq = 0;
  // Map order is first-seen order, and only a larger count replaces: ties keep the first seen.
  for (const [v, k] of counts) {
    if (k > freq) {
      top = v;
      freq = k;
    }
  }
  s.count = n;
  s.missing = rows - n;
  s.unique = counts.size;
  if (n > 0) {
    s.top = top instanceof Date ? top.toISOString() : (top as string | number | boolean);
    s.freq = freq;
  }
}

/**
 * Summarizes a danfojs DataFrame or Series the way pandas' `describe()` does. Numeric columns:
 * count, mean, std, min, 25/50/75 %, max, with missing values skipped; datetime columns (such as
 * `inferenceTime`): count, first, last; strings and booleans: count, unique, top, freq. Linear in
 * rows. The kernel shows the result as a table; `summary.columns` is one row per column (pandas'
 * `describe().T`).
 *
 * @example
 * ```ts
 * const { frame } = await loadCaptures("captures/");
 * describeFrame(frame);                                 // numeric columns
 * describeFrame(frame, { include: "all" });             // every column
 * describeFrame(frame, { include: ["datetime", "string"] });
 * ```
 */
export function describeFrame(frame: DescribableFrame, options: DescribeOptions = {}): FrameSummary {
  const rows = frame.values.length;
  const cell = cellReader(frame);
  const positions = selectColumns(frame, options);
  const summaries = new Map<number, ColumnSummary>();
  for (const c of positions) {
    const dtype = String(frame.dtypes[c]);
    summaries.set(c, { column: String(frame.columns[c]), dtype, kind: kindOfColumn(frame, c), count: 0, missing: 0 });
  }
  const byKind = (kind: ColumnKind) => positions.filter((c) => summaries.get(c)!.kind === kind);
  describeNumbers(byKind("number"), frame, isSeriesLike(frame), summaries);
  for (const c of byKind("datetime")) describeDates(c, rows, cell, summaries.get(c)!);
  for (const c of [...byKind("string"), ...byKind("boolean")]) describeValues(c, rows, cell, summaries.get(c)!);
  const columns = positions.map((c) => summaries.get(c)!);
  const present = new Set<string>(["count"]);
  for (const s of columns) for (const name of STATISTICS_OF[s.kind]) present.add(name);
  return {
    kind: "frame-summary",
    rows,
    statistics: SUMMARY_STATISTICS.filter((name) => present.has(name)),
    columns,
  };
}
