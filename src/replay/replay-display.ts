/** Showing a replay in a notebook through the display helpers (I/O: the display host). */
import { currentHost, showChart, showTable } from "../display";
import type { ReplayComparisonRow } from "./comparison";
import { replayHeadline, replayReportNotebookHtml, type ReplayReportInput } from "./report-html";
import { replayScatterSpec } from "./replay-charts";

/** Shows the replay report (HTML in a notebook, the headline and largest differences as text elsewhere). */
export function showReplayReport(input: ReplayReportInput, title?: string): void {
  const s = input.summary;
  const lines = [
    replayHeadline(s),
    ...s.largest.slice(0, 5).map((l) => `  ${l.inferenceId ?? "(no id)"}: ${l.captured} -> ${l.candidate}`),
    ...s.errors.first
      .slice(0, 5)
      .map((e) => `  failed ${e.inferenceId ?? "(no id)"} (${e.source}:${e.line}): ${e.error}`),
  ];
  currentHost().html(replayReportNotebookHtml(input, title), lines.join("\n"));
}

/** Shows the requests whose decisions differ (or the largest differences) as a table. */
export function showReplayDifferences(rows: readonly ReplayComparisonRow[], max = 10): void {
  const differing = rows.filter((r) => !r.agree);
  const shown = (differing.length > 0 ? differing : rows.filter((r) => (r.absDiff ?? 0) > 0))
    .slice()
    .sort((a, b) => (b.absDiff ?? Infinity) - (a.absDiff ?? Infinity))
    .slice(0, max);
  showTable(
    shown.map((r) => ({
      inferenceId: r.inferenceId,
      inferenceTime: r.inferenceTime,
      captured: r.capturedOutput,
      candidate: r.error ?? r.candidateOutput,
      difference: r.diff,
    })),
    {
      caption:
        differing.length > 0
          ? `${differing.length} request(s) with a different decision (largest ${shown.length})`
          : `no decision differs; the ${shown.length} largest differences`,
    },
  );
}

/** Shows the captured-vs-candidate scatter chart. */
export function showReplayChart(rows: readonly ReplayComparisonRow[], title?: string): Promise<void> {
  return showChart(replayScatterSpec(rows, title));
}
