/**
 * The drift report as HTML that works offline (inline CSS and SVG, no scripts, no fetches):
 * the dataset verdict, Model Monitor's violations, then one row per feature, drifted first,
 * with the metrics, small baseline-vs-current histograms and the missing share. Pure.
 */
import { escapeHtml } from "../../display";
import type { DriftSummary, FeatureDrift } from "./drift-summary";
import type { Violation } from "../files/violations-file";

/** What the report shows (a {@link MonitorResult} fits). */
export interface DriftReportInput {
  drift: DriftSummary;
  violations: readonly Violation[];
  rows: number;
  issueCount?: number;
}

/** Report options. */
export interface DriftReportOptions {
  title?: string;
  from?: Date;
  to?: Date;
}

const num = (x: number | undefined, digits = 4): string =>
  x === undefined || Number.isNaN(x) ? "–" : Math.abs(x) < 1e-4 && x !== 0 ? x.toExponential(2) : x.toFixed(digits);
const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;

/** Two overlaid bar series as a small inline SVG: baseline grey, current blue. */
export function miniHistogramSvg(
  labels: readonly string[],
  baseline: readonly number[],
  current: readonly number[],
  maxBars = 12,
): string {
  const n = Math.min(labels.length, maxBars);
  const w = 180;
  const h = 48;
  const bw = w / Math.max(n, 1);
  const top = Math.max(1e-9, ...baseline.slice(0, n), ...current.slice(0, n));
  let bars = "";
  for (let i = 0; i < n; i++) {
    const b = (baseline[i]! / top) * (h - 2);
    const c = (current[i]! / top) * (h - 2);
    const tip = `${labels[i]}: baseline ${pct(baseline[i]!)}, current ${pct(current[i]!)}`;
    bars += `<g><title>${escapeHtml(tip)}</title><rect x="${(i * bw + 1).toFixed(1)}" y="${(h - b).toFixed(1)}" width="${(bw / 2 - 1).toFixed(1)}" height="${b.toFixed(1)}" fill="#9aa4b1"/><rect x="${(i * bw + bw / 2).toFixed(1)}" y="${(h - c).toFixed(1)}" width="${(bw / 2 - 1).toFixed(1)}" height="${c.toFixed(1)}" fill="#2f6fde"/></g>`;
  }
  const more =
    labels.length > n
      ? `<text x="${w - 2}" y="10" font-size="9" text-anchor="end" fill="#555">+${labels.length - n}</text>`
      : "";
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" role="img">${bars}${more}<line x1="0" y1="${h - 0.5}" x2="${w}" y2="${h - 0.5}" stroke="#ccc"/></svg>`;
}

/** Model Monitor's drift check of a feature: the statistic by name, its value against the threshold, the outcome. */
function checkCell(f: FeatureDrift): string {
  const c = f.check;
  if (!c) return "–";
  // A distance drifts above its threshold, a p-value below it (both strictly).
  const op = c.kind === "p-value" ? (c.drifted ? "&lt;" : "≥") : c.drifted ? "&gt;" : "≤";
  const mark = c.drifted ? ` <span class="bad">violation</span>` : "";
  return `${escapeHtml(c.statistic ?? c.kind ?? "")}<br>${num(c.value)} ${op} ${num(c.threshold, 2)}${mark}`;
}

function featureRow(f: FeatureDrift): string {
  const metrics =
    f.kind === "numeric"
      ? `PSI ${num(f.psi)}<br>KS ${num(f.ks)} (p ${num(f.ksPValue)})<br>JS ${num(f.jensenShannon)}`
      : `χ² ${num(f.chiSquared, 2)} (p ${num(f.chiSquaredPValue)})<br>JS ${num(f.jensenShannon)}`;
  const verdict = f.drifted ? `<span class="bad">drift</span>` : `<span class="ok">ok</span>`;
  return `<tr${f.drifted ? ' class="drifted"' : ""}><td>${escapeHtml(f.name)}</td><td>${verdict}</td><td>${f.kind}</td><td>${checkCell(f)}</td><td>${metrics}</td><td>${miniHistogramSvg(f.labels, f.baselineShares, f.currentShares)}</td><td>${pct(f.missingShare)} <span class="dim">(baseline ${pct(f.baselineMissingShare)})</span></td></tr>`;
}

/** The report's body (a fragment: for notebooks). */
export function driftReportFragment(input: DriftReportInput, options: DriftReportOptions = {}): string {
  const d = input.drift;
  const window =
    options.from || options.to
      ? `<p class="dim">Window ${escapeHtml(options.from?.toISOString() ?? "…")} – ${escapeHtml(options.to?.toISOString() ?? "…")}</p>`
      : "";
  const verdict = `<p class="verdict ${d.datasetDrifted ? "bad" : "ok"}">${d.datasetDrifted ? "Dataset drift" : "No dataset drift"}: ${d.driftedCount} of ${d.features.length} features drifted (${pct(d.share)}; threshold ${pct(d.thresholds.datasetShare)}). ${input.rows} rows${input.issueCount ? `, ${input.issueCount} bad-row problems` : ""}.</p>`;
  const violations =
    input.violations.length === 0
      ? `<p>Model Monitor checks: no violations.</p>`
      : `<details open><summary>Model Monitor violations (${input.violations.length})</summary><table><tr><th>feature</th><th>check</th><th>description</th></tr>${input.violations
          .map(
            (v) =>
              `<tr><td>${escapeHtml(v.feature_name)}</td><td>${escapeHtml(v.constraint_check_type)}</td><td>${escapeHtml(v.description)}</td></tr>`,
          )
          .join("")}</table></details>`;
  const rows = d.features.map(featureRow).join("");
  return `<div class="cl-drift">${options.title ? `<h2>${escapeHtml(options.title)}</h2>` : ""}${window}${verdict}${violations}
<table><tr><th>feature</th><th>verdict</th><th>kind</th><th>Model Monitor drift check</th><th>metrics</th><th>baseline <span style="color:#9aa4b1">■</span> vs current <span style="color:#2f6fde">■</span></th><th>missing</th></tr>${rows}</table>
<p class="dim">A numeric feature drifts at PSI &gt; ${d.thresholds.psi}, a categorical one at Jensen-Shannon distance &gt; ${d.thresholds.jensenShannon}. "Model Monitor drift check" is the baseline_drift_check: a Deequ L-infinity distance is a violation above its threshold, a chi-squared p-value (categorical_drift_method ChiSquared) below it.</p></div>`;
}

const STYLE = `.cl-drift{font-family:system-ui,sans-serif;font-size:13px}.cl-drift table{border-collapse:collapse;margin:6px 0}.cl-drift td,.cl-drift th{border:1px solid #ddd;padding:3px 6px;vertical-align:middle;text-align:left}.cl-drift tr.drifted{background:#fff4f2}.cl-drift .bad{color:#b3261e;font-weight:600}.cl-drift .ok{color:#1e7b34;font-weight:600}.cl-drift .dim{color:#666}`;

/**
 * A standalone HTML page of the drift report.
 * @example
 * fs.writeFileSync("drift-report.html", renderDriftReport(result, { title: "Drift" }));
 */
export function renderDriftReport(input: DriftReportInput, options: DriftReportOptions = {}): string {
  return `<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(options.title ?? "Drift report")}</title><style>${STYLE}</style></head><body>${driftReportFragment(input, options)}</body></html>\n`;
}

/** The fragment with its style, for a notebook cell's HTML output. */
export function driftReportNotebookHtml(input: DriftReportInput, options: DriftReportOptions = {}): string {
  return `<style>${STYLE}</style>${driftReportFragment(input, options)}`;
}
