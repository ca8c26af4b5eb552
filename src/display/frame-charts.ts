/**
 * Vega-Lite specs for one column of a frame: a histogram, value counts, and the column over
 * time. Counting, binning and time bucketing are done here (pure code, testable, time-zone
 * free: times are UTC), so a million-row column becomes a few hundred data points.
 */
import { CaptureLabError } from "../errors";
import { histogram, type ChartSpec } from "./charts";

const SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json";
const BASE = { $schema: SCHEMA, background: "white", width: 420, height: 200 } as const;

/** A chart that cannot be drawn from the given data (no numbers, no times, unknown column). */
export class ChartDataError extends CaptureLabError {}

function tidy(n: number): number {
  return Number(n.toPrecision(6));
}

function isMissing(v: unknown): boolean {
  return v === null || v === undefined || (typeof v === "number" && Number.isNaN(v));
}

/** Options of {@link columnHistogramSpec}. */
export interface ColumnHistogramOptions {
  /** Number of bins (default 20). */
  bins?: number;
  /** Axis title: the column's name. */
  column?: string;
  title?: string;
}

/** A histogram of a numeric column; missing values are left out and counted in the title. */
export function columnHistogramSpec(values: readonly unknown[], options: ColumnHistogramOptions = {}): ChartSpec {
  const numbers: number[] = [];
  for (const v of values) if (typeof v === "number" && Number.isFinite(v)) numbers.push(v);
  const column = options.column ?? "value";
  if (numbers.length === 0 && values.some((v) => !isMissing(v)))
    throw new ChartDataError(`histogram: column "${column}" has no numbers (use valueCounts for text)`, {
      field: column,
    });
  const bins = histogram(numbers, options.bins ?? 20);
  const missing = values.length - numbers.length;
  return {
    ...BASE,
    title: options.title ?? `${column}: ${numbers.length} values${missing > 0 ? `, ${missing} missing` : ""}`,
    data: { values: bins.map((b) => ({ start: tidy(b.start), end: tidy(b.end), count: b.count })) },
    mark: { type: "bar", color: "#4c78a8", binSpacing: 1 },
    encoding: {
      x: { field: "start", bin: { binned: true }, type: "quantitative", title: column },
      x2: { field: "end" },
      y: { field: "count", type: "quantitative", title: "rows" },
      tooltip: [{ field: "start" }, { field: "end" }, { field: "count" }],
    },
  };
}

/** One bar of a value-counts chart. */
export interface ValueCount {
  value: string;
  count: number;
}

/**
 * Counts of each value, most frequent first (ties in first-seen order), missing values left
 * out as pandas' `value_counts()` does. Dates count by their ISO text.
 */
export function valueCounts(values: readonly unknown[]): ValueCount[] {
  const counts = new Map<unknown, number>();
  for (const v of values) {
    if (isMissing(v)) continue;
    const key = v instanceof Date ? v.toISOString() : v;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  // Array.prototype.sort is stable: equal counts keep first-seen order.
  return [...counts].map(([value, count]) => ({ value: String(value), count })).sort((a, b) => b.count - a.count);
}

/** Options of {@link valueCountsSpec}. */
export interface ValueCountsOptions {
  /** Bars shown, most frequent first (default 20); the rest are counted in the title. */
  top?: number;
  column?: string;
  title?: string;
}

/** A horizontal bar chart of the most frequent values of a column. */
export function valueCountsSpec(values: readonly unknown[], options: ValueCountsOptions = {}): ChartSpec {
  const all = valueCounts(values);
  const top = all.slice(0, Math.max(1, options.top ?? 20));
  const column = options.column ?? "value";
  const rest = all.length - top.length;
  return {
    ...BASE,
    height: Math.max(60, top.length * 18),
    title: options.title ?? `${column}: ${all.length} distinct values${rest > 0 ? ` (top ${top.length} shown)` : ""}`,
    data: { values: top },
    mark: { type: "bar", color: "#f58518" },
    encoding: {
      y: { field: "value", type: "nominal", sort: null, title: column },
      x: { field: "count", type: "quantitative", title: "rows" },
      tooltip: [{ field: "value" }, { field: "count" }],
    },
  };
}

/** Bucket sizes for {@link overTimeSpec}, smallest first (milliseconds). */
const BUCKETS: ReadonlyArray<[number, string]> = [
  [1000, "second"],
  [10_000, "10 seconds"],
  [60_000, "minute"],
  [5 * 60_000, "5 minutes"],
  [15 * 60_000, "15 minutes"],
  [3_600_000, "hour"],
  [6 * 3_600_000, "6 hours"],
  [86_400_000, "day"],
  [7 * 86_400_000, "week"],
];

function toMillis(v: unknown): number {
  if (v instanceof Date) return v.getTime();
  if (typeof v === "number") return v;
  if (typeof v === "string") return Date.parse(v);
  return NaN;
}

/** Options of {@link overTimeSpec}. */
export interface OverTimeOptions {
  /** Up to this many rows are drawn one point each; more are averaged per time bucket (default 2,000). */
  maxPoints?: number;
  /** Most buckets when averaging (default 300). */
  maxBuckets?: number;
  column?: string;
  /** Name of the time axis (default `inferenceTime`). */
  timeColumn?: string;
  title?: string;
}

/**
 * A numeric column against time (Date, ISO text or epoch ms), in UTC. Up to `maxPoints` rows
 * are drawn as they are; more are averaged per time bucket (a second up to a week, picked so
 * there are at most `maxBuckets`), the tooltip giving each bucket's row count.
 */
export function overTimeSpec(
  times: readonly unknown[],
  values: readonly unknown[],
  options: OverTimeOptions = {},
): ChartSpec {
  const column = options.column ?? "value";
  const timeColumn = options.timeColumn ?? "inferenceTime";
  const points: Array<[number, number]> = [];
  for (let i = 0; i < times.length; i++) {
    const t = toMillis(times[i]);
    const v = values[i];
    if (Number.isFinite(t) && typeof v === "number" && Number.isFinite(v)) points.push([t, v]);
  }
  if (points.length === 0 && values.some((v) => !isMissing(v)))
    throw new ChartDataError(`overTime: column "${column}" has no numbers with a valid ${timeColumn}`, {
      field: column,
    });
  points.sort((a, b) => a[0] - b[0]);
  let rows: Array<{ time: string; value: number; rows: number }>;
  let unit = "row";
  if (points.length <= (options.maxPoints ?? 2000)) {
    rows = points.map(([t, v]) => ({ time: new Date(t).toISOString(), value: v, rows: 1 }));
  } else {
    const span = points[points.length - 1][0] - points[0][0];
    const maxBuckets = options.maxBuckets ?? 300;
    const [size, name] = BUCKETS.find(([ms]) => span / ms < maxBuckets) ?? BUCKETS[BUCKETS.length - 1];
    unit = name;
    rows = [];
    let start = NaN;
    let sum = 0;
    let n = 0;
    const flush = () => {
      if (n > 0) rows.push({ time: new Date(start).toISOString(), value: sum / n, rows: n });
    };
    for (const [t, v] of points) {
      const bucket = Math.floor(t / size) * size;
      if (bucket !== start) {
        flush();
        start = bucket;
        sum = 0;
        n = 0;
      }
      sum += v;
      n++;
    }
    flush();
  }
  const averaged = unit !== "row";
  return {
    ...BASE,
    title: options.title ?? `${column} over ${timeColumn} (UTC${averaged ? `, mean per ${unit}` : ""})`,
    data: { values: rows },
    mark: { type: "line", point: rows.length <= 200, color: "#4c78a8" },
    encoding: {
      x: { field: "time", type: "temporal", scale: { type: "utc" }, title: `${timeColumn} (UTC)` },
      y: { field: "value", type: "quantitative", title: averaged ? `mean ${column}` : column, scale: { zero: false } },
      tooltip: [
        { field: "time", type: "nominal", title: "time (UTC)" },
        { field: "value", type: "quantitative" },
        { field: "rows", type: "quantitative" },
      ],
    },
  };
}
