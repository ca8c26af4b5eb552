/**
 * Vega-Lite specs for model quality: ROC and precision-recall curves, the confusion matrix,
 * metrics against the baseline's thresholds, metrics over hours. Inputs are plain numbers (no
 * monitor types), long curves are thinned in code so a chart of a million-row ROC stays small.
 * Pure.
 */
import type { ChartSpec } from "./charts";

const SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json";

/**
 * At most `maxPoints` points of a curve, first and last kept, the rest evenly by index. A curve
 * per distinct score has as many points as rows; a chart needs a few hundred.
 */
export function thinCurve(xs: readonly number[], ys: readonly number[], maxPoints = 400): { x: number[]; y: number[] } {
  const n = Math.min(xs.length, ys.length);
  if (n <= maxPoints) return { x: xs.slice(0, n), y: ys.slice(0, n) };
  const x: number[] = [];
  const y: number[] = [];
  const step = (n - 1) / (maxPoints - 1);
  let last = -1;
  for (let k = 0; k < maxPoints; k++) {
    const i = k === maxPoints - 1 ? n - 1 : Math.round(k * step);
    if (i === last) continue;
    x.push(xs[i]!);
    y.push(ys[i]!);
    last = i;
  }
  return { x, y };
}

/** One labelled curve. */
export interface CurveSeries {
  /** Legend name, e.g. `current (AUC 0.91)`. */
  name: string;
  x: readonly number[];
  y: readonly number[];
}

function curveSpec(
  series: readonly CurveSeries[],
  axes: { x: string; y: string; title: string; diagonal: boolean },
  maxPoints: number,
): ChartSpec {
  const values: Array<{ series: string; x: number; y: number; order: number }> = [];
  for (const s of series) {
    const t = thinCurve(s.x, s.y, maxPoints);
    t.x.forEach((x, i) => values.push({ series: s.name, x, y: t.y[i]!, order: i }));
  }
  const line = {
    mark: { type: "line", strokeWidth: 1.5, interpolate: "linear" },
    encoding: {
      x: { field: "x", type: "quantitative", title: axes.x, scale: { domain: [0, 1] } },
      y: { field: "y", type: "quantitative", title: axes.y, scale: { domain: [0, 1] } },
      order: { field: "order", type: "quantitative" },
      color: { field: "series", type: "nominal", legend: { orient: "bottom-right", title: null } },
      tooltip: [{ field: "series" }, { field: "x", format: ".3f" }, { field: "y", format: ".3f" }],
    },
  };
  const layers: ChartSpec[] = [line];
  if (axes.diagonal)
    layers.unshift({
      data: {
        values: [
          { x: 0, y: 0 },
          { x: 1, y: 1 },
        ],
      },
      mark: { type: "line", strokeDash: [4, 4], color: "#bbb", strokeWidth: 1 },
      encoding: { x: { field: "x", type: "quantitative" }, y: { field: "y", type: "quantitative" } },
    });
  return {
    $schema: SCHEMA,
    background: "white",
    width: 260,
    height: 260,
    title: axes.title,
    data: { values },
    layer: layers,
  };
}

/**
 * ROC curves (false positive rate, true positive rate), e.g. the window's beside the baseline's.
 * @example
 * await showChart(rocCurveSpec([{ name: "current", x: m.roc.false_positive_rates, y: m.roc.true_positive_rates }]));
 */
export function rocCurveSpec(
  series: readonly CurveSeries[],
  options: { maxPoints?: number; title?: string } = {},
): ChartSpec {
  return curveSpec(
    series,
    { x: "false positive rate", y: "true positive rate", title: options.title ?? "ROC curve", diagonal: true },
    options.maxPoints ?? 400,
  );
}

/** Precision-recall curves (recall on x, precision on y). */
export function precisionRecallSpec(
  series: readonly CurveSeries[],
  options: { maxPoints?: number; title?: string } = {},
): ChartSpec {
  return curveSpec(
    series,
    { x: "recall", y: "precision", title: options.title ?? "Precision-recall curve", diagonal: false },
    options.maxPoints ?? 400,
  );
}

/** A confusion matrix `{actual: {predicted: count}}` as a heat map with the counts written in. */
export function confusionMatrixSpec(
  matrix: Record<string, Record<string, number>>,
  options: { title?: string } = {},
): ChartSpec {
  const classes = Object.keys(matrix);
  const values: Array<{ actual: string; predicted: string; count: number; share: number }> = [];
  for (const a of classes) {
    const total = classes.reduce((s, p) => s + (matrix[a]![p] ?? 0), 0);
    for (const p of classes) {
      const count = matrix[a]![p] ?? 0;
      values.push({ actual: a, predicted: p, count: Math.round(count * 100) / 100, share: total ? count / total : 0 });
    }
  }
  const side = Math.max(120, Math.min(360, classes.length * 60));
  const enc = {
    x: { field: "predicted", type: "ordinal", sort: classes, title: "predicted" },
    y: { field: "actual", type: "ordinal", sort: classes, title: "actual" },
  };
  return {
    $schema: SCHEMA,
    background: "white",
    width: side,
    height: side,
    title: options.title ?? "Confusion matrix",
    data: { values },
    layer: [
      {
        mark: { type: "rect" },
        encoding: {
          ...enc,
          color: { field: "share", type: "quantitative", scale: { scheme: "blues", domain: [0, 1] }, legend: null },
          tooltip: [{ field: "actual" }, { field: "predicted" }, { field: "count" }, { field: "share", format: ".1%" }],
        },
      },
      {
        mark: { type: "text", fontSize: 13 },
        encoding: {
          ...enc,
          text: { field: "count", type: "quantitative" },
          color: { condition: { test: "datum.share > 0.5", value: "white" }, value: "#222" },
        },
      },
    ],
  };
}

/** One metric of a window against the baseline. */
export interface MetricComparison {
  metric: string;
  value: number;
  baseline?: number;
  threshold?: number;
  /** The constraint's operator: a violation is below a `LessThanThreshold` threshold, above a `GreaterThanThreshold` one. */
  operator?: "LessThanThreshold" | "GreaterThanThreshold";
  violated?: boolean;
}

/** The window's metrics as bars (red when violated), the baseline's as grey ticks, thresholds as black ticks. */
export function metricsVsBaselineSpec(rows: readonly MetricComparison[], options: { title?: string } = {}): ChartSpec {
  const values = rows.map((r) => ({
    metric: r.metric,
    value: r.value,
    baseline: r.baseline ?? null,
    threshold: r.threshold ?? null,
    status: r.violated ? "violation" : "ok",
  }));
  const y = { field: "metric", type: "nominal", sort: null, title: null };
  return {
    $schema: SCHEMA,
    background: "white",
    width: 360,
    height: Math.max(60, rows.length * 22),
    title: options.title ?? "Metrics against the baseline",
    data: { values },
    layer: [
      {
        mark: { type: "bar", height: 12 },
        encoding: {
          y,
          x: { field: "value", type: "quantitative", title: "value", scale: { zero: true } },
          color: {
            field: "status",
            type: "nominal",
            scale: { domain: ["ok", "violation"], range: ["#4c78a8", "#e45756"] },
            legend: { orient: "bottom", title: null },
          },
          tooltip: [
            { field: "metric" },
            { field: "value", format: ".4f" },
            { field: "baseline", format: ".4f" },
            { field: "threshold", format: ".4f" },
          ],
        },
      },
      {
        transform: [{ filter: "datum.baseline != null" }],
        mark: { type: "tick", color: "#9aa4b1", thickness: 3, size: 16 },
        encoding: { y, x: { field: "baseline", type: "quantitative" } },
      },
      {
        transform: [{ filter: "datum.threshold != null" }],
        mark: { type: "tick", color: "#222", thickness: 1.5, size: 18 },
        encoding: { y, x: { field: "threshold", type: "quantitative" } },
      },
    ],
  };
}

/** One point of a metric over time. */
export interface MetricPoint {
  /** Hour start, ISO-8601. */
  time: string;
  metric: string;
  value: number;
  /** Series kind: realized (labels merged) or estimated (CBPE); default realized. */
  kind?: string;
}

/** Metrics over hours: a line per metric (and kind), thresholds as dashed rules. */
export function metricsOverTimeSpec(
  points: readonly MetricPoint[],
  options: { title?: string; thresholds?: ReadonlyArray<{ metric: string; threshold: number }> } = {},
): ChartSpec {
  const values = points.map((p) => ({
    ...p,
    kind: p.kind ?? "realized",
    series: `${p.metric}${p.kind && p.kind !== "realized" ? ` (${p.kind})` : ""}`,
  }));
  const layers: ChartSpec[] = [
    {
      mark: { type: "line", point: { size: 25 }, strokeWidth: 1.5 },
      encoding: {
        x: { field: "time", type: "temporal", timeUnit: "utcyearmonthdatehours", title: "hour (UTC)" },
        y: { field: "value", type: "quantitative", title: null, scale: { zero: false } },
        color: { field: "metric", type: "nominal", legend: { orient: "bottom", title: null } },
        strokeDash: { field: "kind", type: "nominal", legend: { orient: "bottom", title: null } },
        detail: { field: "series" },
        tooltip: [
          { field: "time", type: "temporal", timeUnit: "utcyearmonthdatehours" },
          { field: "series" },
          { field: "value", format: ".4f" },
        ],
      },
    },
  ];
  if (options.thresholds?.length)
    layers.push({
      data: { values: options.thresholds.map((t) => ({ ...t })) },
      mark: { type: "rule", strokeDash: [2, 3], strokeWidth: 1 },
      encoding: { y: { field: "threshold", type: "quantitative" }, color: { field: "metric", type: "nominal" } },
    });
  return {
    $schema: SCHEMA,
    background: "white",
    width: 420,
    height: 200,
    title: options.title ?? "Metrics over hours",
    data: { values },
    layer: layers,
  };
}
