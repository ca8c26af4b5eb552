/**
 * The rich view of a danfojs `DataFrame` or `Series` as a cell's value, the way pandas shows one
 * in Jupyter: head and tail rows of a long frame, "N rows × M columns", dtypes on hover and in a
 * footer. Only the rows shown are read (through `values[i]` and `index[i]`, which danfo exposes
 * without copying), so a million-row frame renders as fast as a ten-row one. danfo's own
 * `print()`/`toString()`/`describe()` walk every row and are never called.
 */
import { escapeHtml } from "./html";
import { alignTextGrid, defaultNumberFormat, renderCell, TABLE_STYLE, visibleColumns } from "./table";

/** What the view reads from a danfo DataFrame or Series. */
export interface DanfoLike {
  /** Column names (a Series has one). */
  columns: string[];
  /** Row-major rows (DataFrame) or the values (Series). */
  values: unknown[];
  /** Row labels. */
  index: Array<string | number>;
  /** `[rows, columns]`. */
  shape: number[];
  /** One dtype per column. */
  dtypes?: string[];
}

/** Options for {@link frameViewHtml} and {@link frameViewText}. */
export interface FrameViewOptions {
  /** Frames with more rows than this show only `minRows` of them, head and tail (default 60, as pandas). */
  maxRows?: number;
  /** Rows shown for a long frame, split between head and tail (default 10, as pandas). */
  minRows?: number;
  /** Columns shown; wider frames keep both ends (default 20, as pandas). */
  maxColumns?: number;
}

function constructorName(value: object): string | undefined {
  const ctor = (value as { constructor?: { name?: unknown } }).constructor;
  return typeof ctor?.name === "string" ? ctor.name : undefined;
}

function hasFrameShape(value: object): boolean {
  const v = value as Partial<DanfoLike>;
  return Array.isArray(v.columns) && Array.isArray(v.shape) && Array.isArray(v.index) && Array.isArray(v.values);
}

/** True for a danfojs DataFrame (any copy of danfojs: matched by shape, not by `instanceof`). */
export function isDanfoFrame(value: unknown): value is DanfoLike {
  return typeof value === "object" && value !== null && constructorName(value) === "DataFrame" && hasFrameShape(value);
}

/** True for a danfojs Series. */
export function isDanfoSeries(value: unknown): value is DanfoLike {
  return typeof value === "object" && value !== null && constructorName(value) === "Series" && hasFrameShape(value);
}

/** Row positions to show; -1 marks the "…" gap between head and tail. */
export function visibleRows(count: number, maxRows: number, minRows: number): number[] {
  if (count <= maxRows) return Array.from({ length: count }, (_, i) => i);
  const head = Math.ceil(minRows / 2);
  const tail = Math.max(0, minRows - head);
  return [
    ...Array.from({ length: head }, (_, i) => i),
    -1,
    ...Array.from({ length: tail }, (_, i) => count - tail + i),
  ];
}

/**
 * Random access to the rows of a table: what the view reads, one shown cell at a time. danfo
 * frames and arrays of row objects both present themselves this way.
 */
export interface RowSource {
  /** Column names. */
  names: string[];
  /** Total rows. */
  rowCount: number;
  /** One dtype per column, when known. */
  dtypes: string[];
  /** True for a Series (one unnamed-ish column, "Series" in the footer). */
  series: boolean;
  /** The cell at a row and column position. */
  cell(row: number, column: number): unknown;
  /** The row label. */
  label(row: number): string;
  /** Replaces the "N rows × M columns" part of the footer (a summary is not the frame's shape). */
  shape?: string;
}

/** A danfo DataFrame or Series as a {@link RowSource}, without copying anything. */
export function danfoRows(frame: DanfoLike): RowSource {
  const series = constructorNameSafe(frame) === "Series";
  const values = frame.values;
  const index = frame.index;
  return {
    series,
    names: series ? [String(frame.columns[0] ?? "0")] : frame.columns,
    rowCount: values.length,
    dtypes: Array.isArray(frame.dtypes) ? frame.dtypes.map(String) : [],
    cell: series ? (r) => values[r] : (r, c) => (values[r] as unknown[] | undefined)?.[c],
    label: (r) => String(index[r] ?? r),
  };
}

/**
 * An array of row objects as a {@link RowSource}. Columns are the keys of the rows that will be
 * shown (the head and tail window), in first-seen order, so a long array is not scanned.
 */
export function objectRows(rows: ReadonlyArray<object>, options: FrameViewOptions = {}): RowSource {
  const names: string[] = [];
  const seen = new Set<string>();
  for (const r of visibleRows(rows.length, options.maxRows ?? 60, options.minRows ?? 10)) {
    if (r < 0) continue;
    for (const key of Object.keys(rows[r])) {
      if (!seen.has(key)) {
        seen.add(key);
        names.push(key);
      }
    }
  }
  return {
    series: false,
    names,
    rowCount: rows.length,
    dtypes: [],
    cell: (r, c) => (rows[r] as Record<string, unknown>)[names[c]],
    label: (r) => String(r),
  };
}

function constructorNameSafe(value: object): string | undefined {
  try {
    return constructorName(value);
  } catch {
    return undefined;
  }
}

interface Window {
  rows: number[];
  columns: number[];
}

function windowOf(src: RowSource, options: FrameViewOptions): Window {
  return {
    rows: visibleRows(src.rowCount, options.maxRows ?? 60, options.minRows ?? 10),
    columns: visibleColumns(src.names.length, Math.max(2, options.maxColumns ?? 20)),
  };
}

/** "float32 (3), string (1)": dtype counts in first-seen order. */
function dtypeSummary(dtypes: string[]): string {
  const counts = new Map<string, number>();
  for (const d of dtypes) counts.set(d, (counts.get(d) ?? 0) + 1);
  return [...counts].map(([d, n]) => `${d} (${n})`).join(", ");
}

function shapeText(src: RowSource): string {
  if (src.shape !== undefined) return src.shape;
  const rows = `${src.rowCount} row${src.rowCount === 1 ? "" : "s"}`;
  return src.series ? `${rows} · Series` : `${rows} × ${src.names.length} column${src.names.length === 1 ? "" : "s"}`;
}

function footer(src: RowSource): string {
  return [shapeText(src), ...(src.dtypes.length > 0 ? [`dtypes: ${dtypeSummary(src.dtypes)}`] : [])].join(" · ");
}

/** An HTML table of the frame's head and tail, with its shape and dtypes. */
export function frameViewHtml(src: RowSource, options: FrameViewOptions = {}): string {
  const w = windowOf(src, options);
  const fmt = { numberFormat: defaultNumberFormat, maxCellChars: 60 };
  const header = [
    `<th class="idx"></th>`,
    ...w.columns.map((c) => {
      if (c < 0) return "<th>…</th>";
      const dtype = src.dtypes[c];
      return `<th${dtype ? ` title="${escapeHtml(dtype)}"` : ""}>${escapeHtml(src.names[c])}</th>`;
    }),
  ].join("");
  const body = w.rows
    .map((r) => {
      if (r < 0) return `<tr><th class="idx">…</th>${w.columns.map(() => `<td class="gap">…</td>`).join("")}</tr>`;
      const cells = w.columns.map((c) => {
        if (c < 0) return `<td class="gap">…</td>`;
        const cell = renderCell(src.cell(r, c), src.names[c], fmt);
        return `<td${cell.cls ? ` class="${cell.cls}"` : ""}${cell.title ? ` title="${escapeHtml(cell.title)}"` : ""}>${escapeHtml(cell.text)}</td>`;
      });
      return `<tr><th class="idx">${escapeHtml(src.label(r))}</th>${cells.join("")}</tr>`;
    })
    .join("\n");
  return [
    TABLE_STYLE,
    `<div style="overflow-x:auto"><table class="capture-lab-table">`,
    `<thead><tr>${header}</tr></thead>`,
    `<tbody>\n${body}\n</tbody></table></div>`,
    `<div class="capture-lab-note">${escapeHtml(footer(src))}</div>`,
  ].join("\n");
}

/** The same view as aligned plain text (the `text/plain` fallback). */
export function frameViewText(src: RowSource, options: FrameViewOptions = {}): string {
  const w = windowOf(src, { maxColumns: 8, ...options });
  const fmt = { numberFormat: defaultNumberFormat, maxCellChars: 24 };
  const grid = [
    ["", ...w.columns.map((c) => (c < 0 ? "…" : src.names[c]))],
    ...w.rows.map((r) =>
      r < 0
        ? ["…", ...w.columns.map(() => "…")]
        : [src.label(r), ...w.columns.map((c) => (c < 0 ? "…" : renderCell(src.cell(r, c), src.names[c], fmt).text))],
    ),
  ];
  return [...alignTextGrid(grid), "", `[${footer(src)}]`].join("\n");
}
