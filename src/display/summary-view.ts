/**
 * The view of a frame summary (`describeFrame` in `capture-lab/read`) as pandas shows
 * `describe()`: statistics down, columns across, a wide frame's middle columns elided. Matched
 * by shape, so display loads nothing from the read module.
 */
import { frameViewHtml, frameViewText, type RowSource } from "./frame-view";
import type { View } from "./report-view";

/** What the view reads from a summary. */
export interface SummaryLike {
  kind: "frame-summary";
  rows: number;
  statistics: string[];
  columns: ReadonlyArray<{ column: string; dtype: string }>;
}

/** True for a `describeFrame` result. */
export function isFrameSummary(value: unknown): value is SummaryLike {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Partial<SummaryLike>;
  return v.kind === "frame-summary" && Array.isArray(v.statistics) && Array.isArray(v.columns);
}

/** The summary as rows (one per statistic) for the table view. */
export function summaryRows(summary: SummaryLike): RowSource {
  const cols = summary.columns;
  const described = `${cols.length} column${cols.length === 1 ? "" : "s"}`;
  return {
    series: false,
    names: cols.map((c) => c.column),
    rowCount: summary.statistics.length,
    dtypes: cols.map((c) => c.dtype),
    cell: (r, c) => (cols[c] as unknown as Record<string, unknown>)[summary.statistics[r]],
    label: (r) => summary.statistics[r],
    shape: `summary of ${summary.rows} row${summary.rows === 1 ? "" : "s"}, ${described} (missing values skipped)`,
  };
}

/** HTML and text views of a summary. */
export function frameSummaryView(summary: SummaryLike): View {
  const src = summaryRows(summary);
  return { html: frameViewHtml(src), text: frameViewText(src) };
}
