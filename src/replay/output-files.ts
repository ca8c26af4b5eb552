/** Writing a replay's files: `comparison.jsonl`, `summary.json` and the HTML report. */
import * as fs from "node:fs";
import * as path from "node:path";
import type { ReplayResult } from "./replay";
import { renderReplayReport } from "./report-html";

/** JSON of a summary without Infinity/NaN surprises (they become null, as JSON.stringify does). */
function jsonLine(value: unknown): string {
  return JSON.stringify(value) + "\n";
}

/**
 * Writes `{output}/comparison.jsonl` (one row per request) and `{output}/summary.json`, and the
 * report when asked (`true`: `{output}/report.html`; a string: that file).
 * @returns the files written.
 */
export function writeReplayFiles(
  output: string | undefined,
  result: Pick<ReplayResult, "rows" | "summary" | "candidate" | "read">,
  report?: boolean | string,
): string[] {
  const written: string[] = [];
  if (output !== undefined) {
    fs.mkdirSync(output, { recursive: true });
    const comparison = path.join(output, "comparison.jsonl");
    fs.writeFileSync(comparison, result.rows.map(jsonLine).join(""));
    const summary = path.join(output, "summary.json");
    fs.writeFileSync(
      summary,
      JSON.stringify(
        {
          candidate: result.candidate,
          ...result.summary,
          readErrors: result.read.errors.map((e) => ({ source: e.source, line: e.line, message: e.message })),
          filesRead: result.read.filesRead.length,
        },
        null,
        2,
      ) + "\n",
    );
    written.push(comparison, summary);
  }
  const reportFile =
    typeof report === "string"
      ? report
      : report === true && output !== undefined
        ? path.join(output, "report.html")
        : undefined;
  if (reportFile !== undefined) {
    fs.mkdirSync(path.dirname(path.resolve(reportFile)), { recursive: true });
    fs.writeFileSync(reportFile, renderReplayReport(result));
    written.push(reportFile);
  }
  return written;
}
