/**
 * The model-quality report as HTML that works offline (inline CSS, charts as embedded SVG, no
 * scripts): the verdict, Model Monitor's violations, the metrics against the baseline (with
 * CBPE's estimate when given), the confusion matrix, ROC and precision-recall curves, and the
 * metrics over hours of an hourly run. Rendering the charts is the only asynchronous step.
 */
import {
  confusionMatrixSpec,
  escapeHtml,
  metricsOverTimeSpec,
  metricsVsBaselineSpec,
  precisionRecallSpec,
  rocCurveSpec,
  vegaLiteToSvg,
  type CurveSeries,
  type MetricPoint,
} from "../display";
import {
  baselineCurves,
  qualityComparison,
  type PerformanceEstimate,
  type QualityComparisonInput,
  type QualityComparisonRow,
  type QualityHourlyRun,
} from "./model-quality";

/** What the report shows (a `QualityMonitorResult` fits). */
export interface QualityReportInput extends QualityComparisonInput {
  merge?: { captures: number; matched: number; labels: number; unmatchedCaptures: number; unmatchedLabels: number };
}

/** Report options. */
export interface QualityReportOptions {
  title?: string;
  from?: Date;
  to?: Date;
  /** CBPE's estimate of the same window, shown beside the realized values. */
  estimate?: PerformanceEstimate;
  /** An hourly run's hours, for the metrics-over-hours chart and the hours table. */
  runs?: readonly QualityHourlyRun[];
  /** Metrics drawn over hours (default accuracy, f1, auc for binary; the key ones otherwise). */
  overHours?: readonly string[];
}

const OVER_HOURS: Record<string, string[]> = {
  BinaryClassification: ["accuracy", "f1", "auc"],
  MulticlassClassification: ["accuracy", "weighted_f1"],
  Regression: ["mae", "rmse", "r2"],
};

const num = (x: number | undefined, digits = 4): string =>
  x === undefined || !Number.isFinite(x) ? "–" : x.toFixed(digits);

/** The hours' metrics as chart points (hours that failed or were skipped have none). */
export function qualityOverHours(runs: readonly QualityHourlyRun[], metrics: readonly string[]): MetricPoint[] {
  const points: MetricPoint[] = [];
  for (const r of runs) {
    if (!r.result) continue;
    const [y, m, d, h] = r.hour.split("/");
    const time = `${y}-${m}-${d}T${h}:00:00.000Z`;
    for (const metric of metrics) {
      const value = r.result.metrics.values[metric];
      if (value !== undefined && Number.isFinite(value)) points.push({ time, metric, value });
    }
  }
  return points;
}

function metricsTable(rows: readonly QualityComparisonRow[], estimate: boolean): string {
  const head = `<tr><th>metric</th><th>value</th><th>± deviation</th><th>baseline</th><th>constraint</th><th>status</th>${estimate ? "<th>CBPE estimate ± error</th>" : ""}</tr>`;
  const body = rows
    .map((r) => {
      const op = r.operator === "LessThanThreshold" ? "≥" : r.operator === "GreaterThanThreshold" ? "≤" : "";
      const status = r.operator
        ? r.violated
          ? `<span class="bad">violation</span>`
          : `<span class="ok">ok</span>`
        : "";
      const est = estimate
        ? `<td>${r.estimate !== undefined ? `${num(r.estimate)} ± ${num(r.estimateError)}` : "–"}</td>`
        : "";
      return `<tr${r.violated ? ' class="violated"' : ""}><td>${escapeHtml(r.metric)}</td><td>${num(r.value)}</td><td>${num(r.deviation)}</td><td>${num(r.baseline)}</td><td>${r.threshold !== undefined ? `${op} ${num(r.threshold)}` : ""}</td><td>${status}</td>${est}</tr>`;
    })
    .join("");
  return `<table>${head}${body}</table>`;
}

function hoursTable(runs: readonly QualityHourlyRun[]): string {
  const rows = runs
    .map((r) => {
      const status = r.skipped
        ? `<span class="dim">reported earlier</span>`
        : r.error
          ? `<span class="bad">${escapeHtml(r.error.message.slice(0, 200))}</span>`
          : r.result!.violations.length
            ? `<span class="bad">${r.result!.violations.length} violation(s)</span>`
            : `<span class="ok">ok</span>`;
      return `<tr><td>${escapeHtml(r.hour)}</td><td>${escapeHtml(r.from.toISOString())} – ${escapeHtml(r.to.toISOString())}</td><td>${r.result ? r.result.merge.matched : "–"}</td><td>${status}</td></tr>`;
    })
    .join("");
  return `<details><summary>Hours (${runs.length})</summary><table><tr><th>hour</th><th>captures' window</th><th>merged</th><th>result</th></tr>${rows}</table></details>`;
}

/** The report's body with its style (a fragment: for notebooks). */
export async function qualityReportFragment(
  input: QualityReportInput | undefined,
  options: QualityReportOptions = {},
): Promise<string> {
  const parts: string[] = [];
  if (options.title) parts.push(`<h2>${escapeHtml(options.title)}</h2>`);
  if (options.from || options.to)
    parts.push(
      `<p class="dim">Window ${escapeHtml(options.from?.toISOString() ?? "…")} – ${escapeHtml(options.to?.toISOString() ?? "…")}</p>`,
    );
  if (options.runs?.length) {
    const metrics = options.overHours ?? OVER_HOURS[input?.problemType ?? "BinaryClassification"]!;
    const points = qualityOverHours(options.runs, metrics);
    if (points.length) {
      const thresholds = input
        ? qualityComparison(input)
            .filter((r) => metrics.includes(r.metric) && r.threshold !== undefined)
            .map((r) => ({ metric: r.metric, threshold: r.threshold! }))
        : [];
      parts.push(`<div class="chart">${await vegaLiteToSvg(metricsOverTimeSpec(points, { thresholds }))}</div>`);
    }
    parts.push(hoursTable(options.runs));
  }
  if (input) {
    const rows = qualityComparison(input, options.estimate);
    const m = input.merge;
    const verdict = input.violations.length
      ? `<span class="bad">${input.violations.length} violation(s)</span>`
      : `<span class="ok">no violations</span>`;
    parts.push(
      `<p class="verdict">${verdict}: ${input.metrics.rows} rows${m ? ` (${m.matched} of ${m.captures} captures merged with ${m.labels} labels; unmatched ${m.unmatchedCaptures} captures, ${m.unmatchedLabels} labels)` : ""}.</p>`,
    );
    if (input.violations.length)
      parts.push(
        `<table><tr><th>metric</th><th>check</th><th>description</th></tr>${input.violations
          .map(
            (v) =>
              `<tr><td>${escapeHtml(v.metric_name)}</td><td>${escapeHtml(v.constraint_check_type)}</td><td>${escapeHtml(v.description)}</td></tr>`,
          )
          .join("")}</table>`,
      );
    parts.push(metricsTable(rows, options.estimate !== undefined));
    const charts: string[] = [];
    const constrained = rows.filter((r) => r.threshold !== undefined && Math.abs(r.value) <= 1.5);
    if (constrained.length) charts.push(await vegaLiteToSvg(metricsVsBaselineSpec(constrained)));
    if (input.metrics.confusionMatrix && Object.keys(input.metrics.confusionMatrix).length <= 12)
      charts.push(await vegaLiteToSvg(confusionMatrixSpec(input.metrics.confusionMatrix)));
    const base = baselineCurves(input);
    const auc = input.metrics.values.auc;
    if (input.metrics.roc) {
      const series: CurveSeries[] = [
        {
          name: `current${auc !== undefined ? ` (AUC ${num(auc, 3)})` : ""}`,
          x: input.metrics.roc.false_positive_rates,
          y: input.metrics.roc.true_positive_rates,
        },
      ];
      if (base.roc)
        series.push({ name: "baseline", x: base.roc.false_positive_rates, y: base.roc.true_positive_rates });
      charts.push(await vegaLiteToSvg(rocCurveSpec(series)));
    }
    if (input.metrics.precisionRecall) {
      const series: CurveSeries[] = [
        { name: "current", x: input.metrics.precisionRecall.recalls, y: input.metrics.precisionRecall.precisions },
      ];
      if (base.precisionRecall)
        series.push({ name: "baseline", x: base.precisionRecall.recalls, y: base.precisionRecall.precisions });
      charts.push(await vegaLiteToSvg(precisionRecallSpec(series)));
    }
    parts.push(`<div class="charts">${charts.map((c) => `<div class="chart">${c}</div>`).join("")}</div>`);
    if (options.estimate)
      parts.push(
        `<p class="dim">CBPE estimate: the metrics expected from the model's calibrated probabilities alone (no labels), ± the standard deviation of the realized value if the calibration holds.</p>`,
      );
  }
  return `<style>${STYLE}</style><div class="cl-quality">${parts.join("\n")}</div>`;
}

const STYLE = `.cl-quality{font-family:system-ui,sans-serif;font-size:13px}.cl-quality table{border-collapse:collapse;margin:6px 0}.cl-quality td,.cl-quality th{border:1px solid #ddd;padding:3px 6px;text-align:left}.cl-quality tr.violated{background:#fff4f2}.cl-quality .bad{color:#b3261e;font-weight:600}.cl-quality .ok{color:#1e7b34;font-weight:600}.cl-quality .dim{color:#666}.cl-quality .charts{display:flex;flex-wrap:wrap;gap:12px;align-items:flex-start}`;

/**
 * A standalone HTML page of the model-quality report (no scripts, no fetches).
 * @example
 * fs.writeFileSync("model-quality.html", await renderQualityReport(result, { title: "Model quality" }));
 */
export async function renderQualityReport(
  input: QualityReportInput | undefined,
  options: QualityReportOptions = {},
): Promise<string> {
  return `<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(options.title ?? "Model quality report")}</title></head><body>${await qualityReportFragment(input, options)}</body></html>\n`;
}
