/**
 * Vega-Lite spec builders for the notebook charts. Binning and per-time counting are done
 * here (pure code) rather than in Vega transforms, so the numbers are testable and the
 * charts do not depend on the renderer's local time zone.
 */

/** A Vega-Lite top-level spec as a plain JSON object (kept loose so `.d.ts` output stays simple). */
export type ChartSpec = Record<string, unknown>;

const SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json";
const BASE = { $schema: SCHEMA, background: "white", width: 420, height: 200 } as const;

/** One histogram bin: `[start, end)`, the last bin closed on the right. */
export interface Bin {
  start: number;
  end: number;
  count: number;
}

/**
 * Smallest and largest of `values` (which must not be empty). A loop, not `Math.min(...values)`:
 * spreading over a few hundred thousand values overflows the call stack.
 */
function extentOf(values: readonly number[]): [number, number] {
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return [min, max];
}

/**
 * Counts finite `values` into `binCount` equal-width bins over `[min, max]` (the extent of
 * the values unless given). Non-finite values are ignored.
 */
export function histogram(values: readonly number[], binCount: number, extent?: [number, number]): Bin[] {
  const finite = values.filter((v) => Number.isFinite(v));
  if (binCount < 1) throw new RangeError(`binCount must be at least 1, got ${binCount}`);
  if (finite.length === 0 && !extent) return [];
  let [min, max] = extent ?? extentOf(finite);
  if (max === min) {
    min -= 0.5;
    max += 0.5;
  }
  const width = (max - min) / binCount;
  const bins: Bin[] = Array.from({ length: binCount }, (_, i) => ({
    start: min + i * width,
    end: min + (i + 1) * width,
    count: 0,
  }));
  for (const v of finite) {
    if (v < min || v > max) continue;
    const i = Math.min(binCount - 1, Math.floor((v - min) / width));
    bins[i].count += 1;
  }
  return bins;
}

/** Rounds bin edges for display so axis labels do not show floating-point noise. */
function tidy(n: number): number {
  return Number(n.toPrecision(6));
}

/** Options shared by the histogram builders. */
export interface HistogramOptions {
  /** Number of bins (default 20). */
  bins?: number;
  /** Chart title. */
  title?: string;
}

/** A histogram of model predictions (e.g. churn probabilities). */
export function predictionHistogramSpec(values: readonly number[], options: HistogramOptions = {}): ChartSpec {
  const finite = values.filter((v) => Number.isFinite(v));
  const inUnit = finite.length > 0 && finite.every((v) => v >= 0 && v <= 1);
  const bins = histogram(finite, options.bins ?? 20, inUnit ? [0, 1] : undefined);
  return {
    ...BASE,
    title: options.title ?? `Predictions (${finite.length} responses)`,
    data: { values: bins.map((b) => ({ start: tidy(b.start), end: tidy(b.end), count: b.count })) },
    mark: { type: "bar", color: "#4c78a8", binSpacing: 1 },
    encoding: {
      x: { field: "start", bin: { binned: true }, type: "quantitative", title: "prediction" },
      x2: { field: "end" },
      y: { field: "count", type: "quantitative", title: "responses" },
      tooltip: [{ field: "start" }, { field: "end" }, { field: "count" }],
    },
  };
}

/** The time bucket used by {@link requestsPerMinuteSpec}. */
export type TimeBucket = "minute" | "second" | "auto";

/** One bar of the request-rate chart. */
export interface TimeCount {
  /** Bucket start, ISO-8601 UTC. */
  time: string;
  requests: number;
}

/** Parses a time value (Date, ISO string or epoch milliseconds); `undefined` when invalid. */
function toMillis(value: Date | string | number): number | undefined {
  const ms = value instanceof Date ? value.getTime() : typeof value === "number" ? value : Date.parse(value);
  return Number.isFinite(ms) ? ms : undefined;
}

/**
 * Counts request times per UTC minute or second. `"auto"` picks seconds when every request
 * falls within two minutes (a quick demo run), minutes otherwise. Empty buckets between the
 * first and last request are included with a zero count.
 */
export function countByTime(
  times: ReadonlyArray<Date | string | number>,
  bucket: TimeBucket = "auto",
): { unit: "minute" | "second"; counts: TimeCount[] } {
  const ms = times.map(toMillis).filter((t): t is number => t !== undefined);
  if (ms.length === 0) return { unit: bucket === "second" ? "second" : "minute", counts: [] };
  const [first, last] = extentOf(ms);
  const unit = bucket === "auto" ? (last - first <= 120_000 ? "second" : "minute") : bucket;
  const size = unit === "second" ? 1000 : 60_000;
  const start = Math.floor(first / size) * size;
  const n = Math.floor((last - start) / size) + 1;
  const counts = new Array<number>(n).fill(0);
  for (const t of ms) counts[Math.floor((t - start) / size)] += 1;
  return { unit, counts: counts.map((requests, i) => ({ time: new Date(start + i * size).toISOString(), requests })) };
}

/** Options for {@link requestsPerMinuteSpec}. */
export interface RequestRateOptions {
  /** Bucket size (default `"auto"`: seconds for runs shorter than two minutes). */
  bucket?: TimeBucket;
  title?: string;
}

/** A bar chart of captured requests per minute (or per second for short runs), in UTC. */
export function requestsPerMinuteSpec(
  times: ReadonlyArray<Date | string | number>,
  options: RequestRateOptions = {},
): ChartSpec {
  const { unit, counts } = countByTime(times, options.bucket ?? "auto");
  const timeUnit = unit === "second" ? "utcyearmonthdatehoursminutesseconds" : "utcyearmonthdatehoursminutes";
  return {
    ...BASE,
    // A band per bucket: keep bars slim when a quick run fits in a few buckets.
    width: Math.max(160, Math.min(BASE.width, counts.length * 36)),
    title: options.title ?? `Captured requests per ${unit} (UTC)`,
    data: { values: counts },
    mark: { type: "bar", color: "#54a24b" },
    encoding: {
      x: { field: "time", type: "ordinal", timeUnit, title: `${unit} (UTC)`, axis: { labelAngle: -40 } },
      y: { field: "requests", type: "quantitative", title: "requests" },
      tooltip: [{ field: "time", type: "temporal", timeUnit }, { field: "requests" }],
    },
  };
}

/** Input for {@link featureComparisonSpec}. */
export interface FeatureComparisonInput {
  /** Feature name, used in the title and axis. */
  feature: string;
  /** Values seen in captured requests. */
  captured: readonly number[];
  /** Values of the same feature in the training data. */
  training: readonly number[];
  /** Number of bins (default 20). */
  bins?: number;
}

/**
 * Overlaid histograms of one input feature: captured traffic against the training data,
 * each normalised to a share of its own rows so different sample sizes compare fairly.
 */
export function featureComparisonSpec(input: FeatureComparisonInput): ChartSpec {
  const captured = input.captured.filter((v) => Number.isFinite(v));
  const training = input.training.filter((v) => Number.isFinite(v));
  const all = [...captured, ...training];
  const binCount = input.bins ?? 20;
  const rows: Array<{ source: string; start: number; end: number; share: number }> = [];
  if (all.length > 0) {
    const extent = extentOf(all);
    for (const [source, values] of [
      [`captured (${captured.length})`, captured],
      [`training (${training.length})`, training],
    ] as const) {
      for (const b of histogram(values, binCount, extent)) {
        rows.push({
          source,
          start: tidy(b.start),
          end: tidy(b.end),
          share: values.length ? b.count / values.length : 0,
        });
      }
    }
  }
  return {
    ...BASE,
    title: `${input.feature}: captured requests vs training data`,
    data: { values: rows },
    mark: { type: "bar", opacity: 0.55, binSpacing: 0 },
    encoding: {
      x: { field: "start", bin: { binned: true }, type: "quantitative", title: input.feature },
      x2: { field: "end" },
      y: { field: "share", type: "quantitative", stack: null, title: "share of rows", axis: { format: "%" } },
      color: {
        field: "source",
        type: "nominal",
        scale: { range: ["#e45756", "#4c78a8"] },
        legend: { orient: "top", title: null },
      },
      tooltip: [{ field: "source" }, { field: "start" }, { field: "end" }, { field: "share", format: ".1%" }],
    },
  };
}
