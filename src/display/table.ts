/**
 * Renders DataFrame-like values as compact HTML tables. danfojs-node has no `toHTML`, and
 * `df.head()` is typed as the base package's DataFrame, so frames are typed structurally.
 */
import { escapeHtml, truncate } from "./html";
import { BG_HEADER, BG_STRIPE, BORDER, BORDER_STRONG, FG, FG_MUTED } from "./theme";

/**
 * The part of a danfojs DataFrame (or Series) that rendering needs. Any object with
 * these members works, so `df`, `df.head()` and hand-made frames are all accepted.
 */
export interface FrameLike {
  /** Column names, in display order. */
  columns: string[];
  /** Row-major cell values; a 1-D array is read as a single column. */
  values: unknown[] | unknown[][];
  /** `[rows, columns]` (a Series may report only `[rows]`). */
  shape: number[];
  /** Row labels; shown as the first column when present. */
  index?: Array<string | number>;
}

/** A frame whose `values` are always rows of cells. */
export interface NormalFrame {
  columns: string[];
  values: unknown[][];
  shape: number[];
  index?: Array<string | number>;
}

/** Something `frameToHtml` can render: a frame, or an array of plain row objects (keys become columns). */
export type TableInput = FrameLike | ReadonlyArray<object>;

/** Options for {@link frameToHtml}. */
export interface FrameHtmlOptions {
  /** Rows to show before the "more rows" note (default 20). */
  maxRows?: number;
  /** Columns to show; wider frames keep the first and last ones around a "…" column (default 16). */
  maxColumns?: number;
  /** Caption above the table. */
  caption?: string;
  /** Formats numbers (default: integers as-is, others with up to 4 decimals). */
  numberFormat?: (value: number, column: string) => string;
  /** Longest text shown in one cell before it is cut (default 60). */
  maxCellChars?: number;
  /** Let long text wrap inside its cell instead of widening the table (default false). */
  wrap?: boolean;
  /** Show the row index column (default true when the frame has an index). */
  showIndex?: boolean;
}

/**
 * Scoped CSS so the table looks compact in Jupyter, nbconvert HTML and Markdown viewers. The
 * doubled class outranks JupyterLab's `:not(.jp-RenderedMarkdown).jp-RenderedHTMLCommon td`
 * rules (which right-align every cell), so text stays left-aligned and numbers right-aligned.
 */
const T = "table.capture-lab-table.capture-lab-table";
/** The `<style>` block every table carries (scoped by class, theme-aware). */
export const TABLE_STYLE = `<style>
${T}{border-collapse:collapse;font:12px/1.35 -apple-system,"Segoe UI",Helvetica,Arial,sans-serif;margin:4px 0;border:none;color:${FG}}
${T} caption{caption-side:top;text-align:left;font-weight:600;padding:2px 0 6px;color:${FG}}
${T} th,${T} td{border:none;border-bottom:1px solid ${BORDER};padding:3px 8px;text-align:left;white-space:nowrap;vertical-align:top;color:${FG}}
${T} thead th{background:${BG_HEADER};border-bottom:2px solid ${BORDER_STRONG};font-weight:600}
${T} td.num{text-align:right;font-variant-numeric:tabular-nums}
${T} td.na,${T} td.gap{color:${FG_MUTED}}
${T} th.idx{color:${FG_MUTED};font-weight:400}
${T} td.wrap{white-space:normal;min-width:12em;max-width:44em}
${T} tbody tr:nth-child(even){background:${BG_STRIPE}}
.capture-lab-note{font:11px sans-serif;color:${FG_MUTED};margin:2px 0 8px}
</style>`;

/** Default number format: integers verbatim, other numbers rounded to 4 decimals. */
export function defaultNumberFormat(value: number): string {
  if (Number.isInteger(value)) return String(value);
  return String(Number(value.toFixed(4)));
}

/** Turns an array of row objects into a frame; columns are the union of keys, in first-seen order. */
export function rowsToFrame(rows: ReadonlyArray<object>): FrameLike {
  const columns: string[] = [];
  const seen = new Set<string>();
  for (const row of rows) {
    for (const key of Object.keys(row)) {
      if (!seen.has(key)) {
        seen.add(key);
        columns.push(key);
      }
    }
  }
  return {
    columns,
    values: rows.map((row) => columns.map((c) => (row as Record<string, unknown>)[c])),
    shape: [rows.length, columns.length],
  };
}

function isFrameLike(input: TableInput): input is FrameLike {
  return !Array.isArray(input) && typeof input === "object" && input !== null && "columns" in input;
}

/** Normalises any accepted input to a frame with a 2-D `values` array. */
export function toFrame(input: TableInput): NormalFrame {
  const frame = isFrameLike(input) ? input : rowsToFrame(input as ReadonlyArray<object>);
  const values = (frame.values as unknown[]).map((row) => (Array.isArray(row) ? row : [row]));
  return { columns: frame.columns, values, shape: frame.shape, index: frame.index };
}

/** Renders one cell value: escaped text plus the CSS class that styles it. */
export function renderCell(
  value: unknown,
  column: string,
  options: Required<Pick<FrameHtmlOptions, "numberFormat" | "maxCellChars">>,
): { text: string; cls?: string; title?: string } {
  if (value === null || value === undefined || (typeof value === "number" && Number.isNaN(value))) {
    return { text: "–", cls: "na" };
  }
  if (typeof value === "number") return { text: options.numberFormat(value, column), cls: "num" };
  if (typeof value === "bigint") return { text: value.toString(), cls: "num" };
  if (value instanceof Date) {
    return Number.isNaN(value.getTime()) ? { text: "Invalid Date", cls: "na" } : { text: value.toISOString() };
  }
  const raw = typeof value === "string" ? value : typeof value === "object" ? JSON.stringify(value) : String(value);
  const shown = truncate(raw, options.maxCellChars);
  return { text: shown, title: shown === raw ? undefined : raw };
}

/** Picks which column positions to show, keeping both ends of a wide frame; -1 marks the gap. */
export function visibleColumns(count: number, maxColumns: number): number[] {
  if (count <= maxColumns) return Array.from({ length: count }, (_, i) => i);
  const head = Math.ceil((maxColumns - 1) / 2);
  const tail = Math.max(1, maxColumns - 1 - head);
  return [
    ...Array.from({ length: head }, (_, i) => i),
    -1,
    ...Array.from({ length: tail }, (_, i) => count - tail + i),
  ];
}

/**
 * Renders a frame (or an array of row objects) as a styled, compact HTML table.
 * All text is HTML-escaped, dates are shown as ISO-8601, long cells are cut with the full
 * value kept in a tooltip, and a note says how many rows/columns were left out.
 */
export function frameToHtml(input: TableInput, options: FrameHtmlOptions = {}): string {
  const frame = toFrame(input);
  const maxRows = Math.max(0, options.maxRows ?? 20);
  const maxColumns = Math.max(2, options.maxColumns ?? 16);
  const cellOptions = {
    numberFormat: options.numberFormat ?? defaultNumberFormat,
    maxCellChars: options.maxCellChars ?? 60,
  };
  const showIndex =
    (options.showIndex ?? true) && Array.isArray(frame.index) && frame.index.length === frame.values.length;
  const columns = visibleColumns(frame.columns.length, maxColumns);
  const rowCount = frame.values.length;
  const shownRows = frame.values.slice(0, maxRows);

  const header = [
    showIndex ? `<th class="idx"></th>` : "",
    ...columns.map((c) => (c < 0 ? "<th>…</th>" : `<th>${escapeHtml(frame.columns[c])}</th>`)),
  ].join("");
  const body = shownRows
    .map((row, r) => {
      const cells = columns.map((c) => {
        if (c < 0) return `<td class="na">…</td>`;
        const cell = renderCell(row[c], frame.columns[c], cellOptions);
        const classes = [cell.cls, options.wrap && !cell.cls ? "wrap" : undefined].filter(Boolean).join(" ");
        const cls = classes ? ` class="${classes}"` : "";
        const title = cell.title ? ` title="${escapeHtml(cell.title)}"` : "";
        return `<td${cls}${title}>${escapeHtml(cell.text)}</td>`;
      });
      const idx = showIndex ? `<th class="idx">${escapeHtml(String(frame.index![r]))}</th>` : "";
      return `<tr>${idx}${cells.join("")}</tr>`;
    })
    .join("\n");
  const caption = options.caption ? `<caption>${escapeHtml(options.caption)}</caption>` : "";
  const notes: string[] = [
    `${rowCount} row${rowCount === 1 ? "" : "s"} × ${frame.columns.length} column${frame.columns.length === 1 ? "" : "s"}`,
  ];
  if (rowCount > shownRows.length) notes.push(`showing the first ${shownRows.length}`);
  if (columns.includes(-1)) notes.push(`${frame.columns.length - columns.length + 1} columns hidden`);
  return [
    TABLE_STYLE,
    `<div style="overflow-x:auto"><table class="capture-lab-table">${caption}`,
    `<thead><tr>${header}</tr></thead>`,
    `<tbody>\n${body}\n</tbody></table></div>`,
    `<div class="capture-lab-note">${escapeHtml(notes.join(" · "))}</div>`,
  ].join("\n");
}

/** A plain-text rendering of the same table, for terminals (no tslab host). */
export function frameToText(
  input: TableInput,
  options: Pick<FrameHtmlOptions, "maxRows" | "maxColumns" | "caption"> = {},
): string {
  const frame = toFrame(input);
  const columns = visibleColumns(frame.columns.length, Math.max(2, options.maxColumns ?? 8));
  const rows = frame.values.slice(0, Math.max(0, options.maxRows ?? 10));
  const fmt = { numberFormat: defaultNumberFormat, maxCellChars: 24 };
  const grid = [
    columns.map((c) => (c < 0 ? "…" : frame.columns[c])),
    ...rows.map((row) => columns.map((c) => (c < 0 ? "…" : renderCell(row[c], frame.columns[c], fmt).text))),
  ];
  const lines = alignTextGrid(grid);
  const title = options.caption ? [options.caption] : [];
  return [...title, ...lines, `(${frame.values.length} rows × ${frame.columns.length} columns)`].join("\n");
}

/** Lines of a text table: each column padded to its widest cell, two spaces between columns. */
export function alignTextGrid(grid: string[][]): string[] {
  const widths = grid[0].map((_, i) => Math.max(...grid.map((line) => line[i].length)));
  return grid.map((line) =>
    line
      .map((cell, i) => cell.padEnd(widths[i]))
      .join("  ")
      .trimEnd(),
  );
}
