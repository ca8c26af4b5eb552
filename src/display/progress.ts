/** Progress bar rendering (pure: returns strings, displays nothing). */
import { escapeHtml, formatDuration } from "./html";
import { BORDER, FG } from "./theme";

/** A progress snapshot, matching what `invokeRows` reports through `onProgress`. */
export interface ProgressState {
  done: number;
  total: number;
  failed?: number;
  elapsedMs?: number;
  label?: string;
}

/** Percentage done, clamped to 0–100 (100 when there is nothing to do). */
export function progressPercent(p: ProgressState): number {
  if (p.total <= 0) return 100;
  return Math.max(0, Math.min(100, (p.done / p.total) * 100));
}

/** One line of progress text, e.g. `Invoking: 120/200 (60%) · 0 failed · 1.2 s · 98 req/s`. */
export function progressText(p: ProgressState): string {
  const parts = [`${p.label ? `${p.label}: ` : ""}${p.done}/${p.total} (${Math.floor(progressPercent(p))}%)`];
  if (p.failed !== undefined) parts.push(`${p.failed} failed`);
  if (p.elapsedMs !== undefined) {
    parts.push(formatDuration(p.elapsedMs));
    if (p.elapsedMs > 0 && p.done > 0) parts.push(`${Math.round((p.done / p.elapsedMs) * 1000)} req/s`);
  }
  return parts.join(" · ");
}

/** An HTML progress bar (a filled track plus the {@link progressText} line); red when requests failed. */
export function progressBarHtml(p: ProgressState): string {
  const pct = progressPercent(p);
  const color = (p.failed ?? 0) > 0 ? "#e45756" : "#4c78a8";
  return (
    `<div class="capture-lab-progress" style="font:12px sans-serif;margin:4px 0">` +
    `<div style="width:360px;height:12px;background:${BORDER};border-radius:6px;overflow:hidden">` +
    `<div style="width:${pct.toFixed(1)}%;height:100%;background:${color}"></div></div>` +
    `<div style="margin-top:3px;color:${FG}">${escapeHtml(progressText(p))}</div></div>`
  );
}
