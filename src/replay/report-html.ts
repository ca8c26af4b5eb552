/**
 * The replay report as HTML that works offline (inline CSS and SVG, no scripts): agreement,
 * differences, both prediction distributions with PSI/KS/JS (the monitor's small histograms),
 * the largest differences and the failed requests. Pure.
 */
import { escapeHtml } from "../display/html";
import { miniHistogramSvg } from "../monitor/drift/drift-report-html";
import type { ReplayResult } from "./replay";
import type { Distribution, ReplaySummary } from "./summary";

/** What the report shows (a {@link ReplayResult} fits). */
export type ReplayReportInput = Pick<ReplayResult, "summary" | "candidate"> & Partial<Pick<ReplayResult, "read">>;

const num = (x: number | null | undefined, digits = 4): string =>
  x === null || x === undefined || Number.isNaN(x)
    ? "–"
    : x !== 0 && Math.abs(x) < 1e-4
      ? x.toExponential(2)
      : Number.isInteger(x)
        ? String(x)
        : x.toFixed(digits);
const pct = (x: number | null): string => (x === null ? "–" : `${(x * 100).toFixed(1)}%`);
const cell = (v: unknown): string => `<td>${escapeHtml(typeof v === "number" ? num(v) : String(v ?? "–"))}</td>`;

function table(head: string[], rows: unknown[][]): string {
  return `<table><tr>${head.map((h) => `<th>${escapeHtml(h)}</th>`).join("")}</tr>${rows
    .map((r) => `<tr>${r.map(cell).join("")}</tr>`)
    .join("")}</table>`;
}

/** A record's capture file (its name: the hour folders are in the time column) and line. */
const where = (r: { source: string; line: number }): string => `${r.source.split(/[\\/]/).pop()}:${r.line}`;

const distRow = (label: string, d: Distribution | null): unknown[] =>
  d === null ? [label, 0, "–", "–", "–", "–", "–", "–"] : [label, d.count, d.mean, d.min, d.p50, d.p90, d.p99, d.max];

/** The headline sentence of a summary. */
export function replayHeadline(s: ReplaySummary): string {
  return `${s.answered} of ${s.requests} requests answered; ${pct(s.agreementRate)} agree (threshold ${s.threshold}), ${s.identical} identical${s.failed > 0 ? `; ${s.failed} failed` : ""}`;
}

/** The report's body (a fragment: for notebooks). */
export function replayReportFragment(input: ReplayReportInput, title?: string): string {
  const s = input.summary;
  const verdictClass = s.failed > 0 || (s.agreementRate ?? 0) < 1 ? "bad" : "ok";
  const parts: string[] = [];
  if (title) parts.push(`<h2>${escapeHtml(title)}</h2>`);
  parts.push(
    `<p class="dim">Candidate ${escapeHtml(input.candidate.endpointName)}${input.candidate.deployed ? ` (deployed for the replay${input.candidate.tornDown ? ", torn down after" : ""})` : ""}</p>`,
  );
  parts.push(`<p class="verdict ${verdictClass}">${escapeHtml(replayHeadline(s))}.</p>`);
  parts.push(
    table(
      ["answers", "count"],
      [
        ["identical bytes", s.identical],
        ["same decision", s.agreed],
        ["crossed the threshold upwards", s.flips.toPositive],
        ["crossed the threshold downwards", s.flips.toNegative],
        ["failed", s.failed],
      ],
    ),
  );
  parts.push(`<h3>Differences |candidate − captured|</h3>`);
  parts.push(
    table(["", "count", "mean", "min", "p50", "p90", "p99", "max"], [distRow("absolute difference", s.differences)]),
  );
  const h = s.differences.histogram;
  if (h.length > 0) {
    const total = h.reduce((a, b) => a + b.count, 0) || 1;
    const shares = h.map((b) => b.count / total);
    parts.push(
      `<p>${miniHistogramSvg(
        h.map((b) => `${num(b.start)}–${num(b.end)}`),
        shares.map(() => 0),
        shares,
        h.length,
      )} <span class="dim">share of requests per difference bin, ${num(h[0]!.start)} to ${num(h[h.length - 1]!.end)}</span></p>`,
    );
  }
  parts.push(`<h3>Predictions</h3>`);
  parts.push(
    table(
      ["", "count", "mean", "min", "p50", "p90", "p99", "max"],
      [distRow("captured", s.predictions.captured), distRow("candidate", s.predictions.candidate)],
    ),
  );
  const d = s.predictions.drift;
  if (d)
    parts.push(
      `<p>${miniHistogramSvg(d.bins, d.capturedShares, d.candidateShares)} PSI ${num(d.psi)}, KS ${num(d.ks)} (p ${num(d.ksPValue)}), JS ${num(d.jensenShannon)} <span class="dim">captured <span style="color:#9aa4b1">■</span> vs candidate <span style="color:#2f6fde">■</span></span></p>`,
    );
  if (s.largest.length > 0) {
    parts.push(`<h3>Largest differences</h3>`);
    parts.push(
      table(
        ["inferenceId", "time", "captured", "candidate", "difference", "record"],
        s.largest.map((l) => [l.inferenceId, l.inferenceTime, l.captured, l.candidate, l.diff, where(l)]),
      ),
    );
  }
  if (s.errors.count > 0) {
    parts.push(`<h3>Failed requests (${s.errors.count})</h3>`);
    parts.push(
      table(
        ["inferenceId", "record", "error"],
        s.errors.first.map((e) => [e.inferenceId, where(e), e.error]),
      ),
    );
  }
  const readErrors = input.read?.errors ?? [];
  if (readErrors.length > 0) {
    parts.push(`<h3>Capture lines that could not be read (${readErrors.length})</h3>`);
    parts.push(
      table(
        ["problem"],
        readErrors.slice(0, 50).map((e) => [e.message]),
      ),
    );
  }
  parts.push(
    `<p class="dim">Latency of the candidate: p50 ${num(s.latencyMs.candidate?.p50 ?? null, 1)} ms, p99 ${num(s.latencyMs.candidate?.p99 ?? null, 1)} ms; captures do not record the original endpoint's latency.</p>`,
  );
  return `<div class="cl-replay">${parts.join("\n")}</div>`;
}

const STYLE = `.cl-replay{font-family:system-ui,sans-serif;font-size:13px}.cl-replay table{border-collapse:collapse;margin:6px 0}.cl-replay td,.cl-replay th{border:1px solid #ddd;padding:3px 6px;vertical-align:middle;text-align:left}.cl-replay .bad{color:#b3261e;font-weight:600}.cl-replay .ok{color:#1e7b34;font-weight:600}.cl-replay .dim{color:#666}`;

/**
 * A standalone HTML page of the replay.
 * @example
 * fs.writeFileSync("replay.html", renderReplayReport(result, "Replay against the candidate"));
 */
export function renderReplayReport(input: ReplayReportInput, title = "Replay report"): string {
  return `<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body>${replayReportFragment(input, title)}</body></html>\n`;
}

/** The fragment with its style, for a notebook cell's HTML output. */
export function replayReportNotebookHtml(input: ReplayReportInput, title?: string): string {
  return `<style>${STYLE}</style>${replayReportFragment(input, title)}`;
}
