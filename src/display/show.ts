/** Notebook output helpers: tables, charts, progress bars, one record, Markdown. */
import { currentHost } from "./host";
import { escapeHtml, truncate } from "./html";
import { BG_CODE, BORDER, FG } from "./theme";
import { progressBarHtml, progressText, type ProgressState } from "./progress";
import { vegaLiteToSvg } from "./svg";
import { frameToHtml, frameToText, type FrameHtmlOptions, type TableInput } from "./table";
import type { ChartSpec } from "./charts";

/** Shows a frame (or an array of row objects) as an HTML table. */
export function showTable(frame: TableInput, options: FrameHtmlOptions = {}): void {
  currentHost().html(frameToHtml(frame, options), frameToText(frame, options));
}

/**
 * Renders a Vega-Lite spec to SVG and shows it. Resolves to nothing, so `await showChart(...)`
 * as a cell's last line does not also print the SVG text (tslab prints the last value).
 */
export async function showChart(spec: ChartSpec): Promise<void> {
  const svg = await vegaLiteToSvg(spec);
  const title = typeof spec.title === "string" ? spec.title : "chart";
  currentHost().svg(svg, `[chart: ${title}]`);
}

/** Options for {@link showJson}. */
export interface ShowJsonOptions {
  /** Longest string value shown before it is cut (default 160). */
  maxStringChars?: number;
  /** A heading shown above the block. */
  title?: string;
}

/** Copies `value` with long strings cut, so one record stays readable. */
function shorten(value: unknown, max: number): unknown {
  if (typeof value === "string") return value.length > max ? `${truncate(value, max)} (${value.length} chars)` : value;
  if (Array.isArray(value)) return value.map((v) => shorten(v, max));
  if (value instanceof Date) return value.toISOString();
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, shorten(v, max)]));
  }
  return value;
}

/** Pretty-prints one object (e.g. a decoded capture record) compactly in a `<pre>` block. */
export function showJson(value: unknown, options: ShowJsonOptions = {}): void {
  const text = JSON.stringify(shorten(value, options.maxStringChars ?? 160), null, 2) ?? String(value);
  const title = options.title
    ? `<div style="font-weight:600;margin:4px 0;color:${FG}">${escapeHtml(options.title)}</div>`
    : "";
  const html = `${title}<pre style="font-size:12px;line-height:1.35;color:${FG};background:${BG_CODE};border:1px solid ${BORDER};padding:8px;max-height:420px;overflow:auto">${escapeHtml(text)}</pre>`;
  currentHost().html(html, options.title ? `${options.title}\n${text}` : text);
}

/** A progress display that updates in place. */
export interface Progress {
  /** Shows the latest state (throttled; the final state is always shown by `done`). */
  update(state: Omit<ProgressState, "label">): void;
  /** Shows the final state (the last update when none is given). */
  done(state?: Omit<ProgressState, "label">): void;
}

/**
 * Creates a progress bar. In a notebook it is one output updated in place; elsewhere it
 * prints a line now and then, and a final line from `done`.
 */
export function createProgress(label: string, options: { intervalMs?: number } = {}): Progress {
  const host = currentHost();
  const slot = host.newSlot();
  const interval = options.intervalMs ?? (slot ? 100 : 2000);
  let last: ProgressState = { done: 0, total: 0, label };
  let shownAt = 0;
  let finished = false;
  const render = (state: ProgressState) => {
    if (slot) slot.html(progressBarHtml(state));
    else host.line(progressText(state));
    shownAt = Date.now();
  };
  if (slot) render(last);
  return {
    update(state) {
      if (finished) return;
      last = { ...state, label };
      if (Date.now() - shownAt >= interval) render(last);
    },
    done(state) {
      if (finished) return;
      finished = true;
      if (state) last = { ...state, label };
      render(last);
    },
  };
}
