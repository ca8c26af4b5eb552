/**
 * The rich form of any value, as a Jupyter MIME bundle: what a cell's last value and
 * `display(x)` show. Tables for danfo frames and series and for arrays of plain objects, a
 * collapsible JSON view for a capture record, short tables for a load report, a join result and
 * a `DataCaptureConfig` validation error, the chart for a Vega-Lite spec, and `text/plain`
 * (Node's `util.inspect`) for everything, as the fallback every frontend can show.
 */
import { inspect } from "util";
import {
  danfoRows,
  frameViewHtml,
  frameViewText,
  isDanfoFrame,
  isDanfoSeries,
  objectRows,
  visibleRows,
  type RowSource,
} from "./frame-view";
import { captureRecordView, isCaptureRecord } from "./record-view";
import { frameSummaryView, isFrameSummary } from "./summary-view";
import {
  configErrorView,
  isConfigError,
  isJoinResult,
  isLoadReport,
  joinSummaryView,
  loadReportView,
  type View,
} from "./report-view";

/** MIME type → data, as in Jupyter's `display_data` and `execute_result` messages. */
export type MimeBundle = Record<string, unknown>;

/** The Vega-Lite MIME type JupyterLab renders natively. */
export const VEGA_LITE_MIME = "application/vnd.vegalite.v5+json";

function viewBundle(view: View): MimeBundle {
  return { "text/html": view.html, "text/plain": view.text };
}

function tableView(src: RowSource): View {
  return { html: frameViewHtml(src), text: frameViewText(src) };
}

function isPlainObject(value: unknown): value is object {
  if (typeof value !== "object" || value === null) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/** True for a non-empty array whose shown rows (head and tail) are all plain objects. */
export function isRowArray(value: unknown): value is object[] {
  if (!Array.isArray(value) || value.length === 0) return false;
  return visibleRows(value.length, 60, 10).every((r) => r < 0 || isPlainObject(value[r]));
}

/** True for a Vega-Lite spec: a `$schema` naming vega-lite, or a `mark` with an `encoding`. */
export function isVegaLiteSpec(value: unknown): value is Record<string, unknown> {
  if (!isPlainObject(value)) return false;
  const v = value as Record<string, unknown>;
  if (typeof v.$schema === "string") return /vega-lite/.test(v.$schema);
  return "mark" in v && "encoding" in v;
}

/** True for a `loadCaptures` result: a frame and its report. */
function isLoadResult(value: unknown): value is { frame: unknown; report: unknown } {
  return (
    typeof value === "object" &&
    value !== null &&
    "frame" in value &&
    "report" in value &&
    isDanfoFrame((value as { frame: unknown }).frame) &&
    isLoadReport((value as { report: unknown }).report)
  );
}

/** A frame's view (an empty view when `frame` is not a danfo frame). */
function frameView(frame: unknown): View {
  return isDanfoFrame(frame) ? tableView(danfoRows(frame)) : { html: "", text: "" };
}

function plainText(value: unknown): string {
  return inspect(value, { depth: 4, maxArrayLength: 50, maxStringLength: 10_000, breakLength: 100 });
}

/** The MIME bundle for `value`; always has `text/plain`. */
export function mimeBundleOf(value: unknown): MimeBundle {
  if (isDanfoFrame(value) || isDanfoSeries(value)) return viewBundle(tableView(danfoRows(value)));
  if (isFrameSummary(value)) return viewBundle(frameSummaryView(value));
  if (isCaptureRecord(value)) return viewBundle(captureRecordView(value));
  if (isLoadResult(value)) {
    const report = loadReportView(value.report as Parameters<typeof loadReportView>[0]);
    const frame = frameView(value.frame);
    return viewBundle({ html: `${report.html}\n${frame.html}`, text: `${report.text}\n\n${frame.text}` });
  }
  if (isJoinResult(value)) {
    const summary = joinSummaryView(value);
    const frame = frameView(value.frame);
    return viewBundle({ html: `${summary.html}\n${frame.html}`, text: `${summary.text}\n\n${frame.text}` });
  }
  if (isLoadReport(value)) return viewBundle(loadReportView(value));
  if (isConfigError(value)) return viewBundle(configErrorView(value));
  if (isVegaLiteSpec(value)) {
    const title = typeof value.title === "string" ? value.title : "Vega-Lite chart";
    return { [VEGA_LITE_MIME]: value, "text/plain": `<${title}>` };
  }
  if (isRowArray(value)) return viewBundle(tableView(objectRows(value)));
  return { "text/plain": plainText(value) };
}
