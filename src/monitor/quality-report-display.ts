/** Showing model quality in a notebook through the display helpers (I/O: the display host). */
import { currentHost } from "../display";
import { qualityComparison } from "./model-quality";
import { qualityReportFragment, type QualityReportInput, type QualityReportOptions } from "./quality-report-html";

/**
 * Shows a model-quality result: violations, metrics against the baseline (and CBPE's estimate),
 * confusion matrix, ROC and PR curves; with `runs`, the metrics over hours. HTML with SVG charts
 * in a notebook, a text summary elsewhere.
 * @example
 * await showModelQuality(result, { title: "Model quality", estimate });
 */
export async function showModelQuality(
  input: QualityReportInput | undefined,
  options: QualityReportOptions = {},
): Promise<void> {
  const lines: string[] = [];
  if (options.runs)
    lines.push(
      `${options.runs.length} hour(s): ${options.runs.filter((r) => r.result).length} run, ${options.runs.filter((r) => r.skipped).length} reported earlier, ${options.runs.filter((r) => r.error).length} failed`,
    );
  if (input) {
    lines.push(`${input.metrics.rows} rows, ${input.violations.length} violation(s)`);
    for (const v of input.violations) lines.push(`${v.constraint_check_type} ${v.metric_name}: ${v.description}`);
    for (const r of qualityComparison(input, options.estimate).slice(0, 10))
      lines.push(
        `${r.metric} ${r.value.toFixed(4)}${r.baseline !== undefined ? ` (baseline ${r.baseline.toFixed(4)})` : ""}${r.estimate !== undefined ? ` estimate ${r.estimate.toFixed(4)} ± ${r.estimateError!.toFixed(4)}` : ""}`,
      );
  }
  currentHost().html(await qualityReportFragment(input, options), lines.join("\n"));
}
