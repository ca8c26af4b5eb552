/**
 * Building a danfojs DataFrame from finished columns, as cheaply as danfojs 1.1.2 allows.
 *
 * What danfojs 1.1.2 does (measured, 1e6 rows x 74 numeric columns, see bench/load.ts):
 * it always keeps the data row-major (`$data`, one array per row) and, unless
 * `config.lowMemoryMode`, a second column-major copy. An object of columns
 * (`new DataFrame({a: [...]})`) is transposed to rows and back (9.0 s, 2.6 GiB peak);
 * rows plus `columns`/`dtypes` skip one transpose (5.7 s, 2.6 GiB); rows with
 * `lowMemoryMode` skip both (1.2 s, 1.4 GiB) at the price of column reads walking the rows.
 * Passing `dtypes` skips danfojs' per-cell type inference. So we build the row arrays
 * ourselves, column by column, releasing each column buffer once copied, and pass
 * `lowMemoryMode` for large frames.
 */
import { DataFrame } from "danfojs-node";
import type { FinishedColumn } from "./columns";

/** How to configure danfojs: `"auto"` uses low-memory mode above {@link LOW_MEMORY_CELLS} cells. */
export type FrameMemoryMode = "auto" | "low" | "normal";

/** Above this many cells (rows x columns), `"auto"` builds a low-memory frame. */
export const LOW_MEMORY_CELLS = 2_000_000;

/**
 * Builds a DataFrame from columns of equal length `rows`. The columns' buffers are
 * released (emptied from the array) as they are copied.
 */
export function buildDataFrame(columns: Array<FinishedColumn | undefined>, rows: number, mode: FrameMemoryMode = "auto"): DataFrame {
  const names = columns.map((c) => c!.name);
  const dtypes = columns.map((c) => c!.dtype);
  const lowMemoryMode = mode === "low" || (mode === "auto" && rows * names.length > LOW_MEMORY_CELLS);
  const width = names.length;
  const data: unknown[][] = new Array(rows);
  for (let i = 0; i < rows; i++) data[i] = new Array(width);
  for (let c = 0; c < width; c++) {
    const values = columns[c]!.values;
    for (let i = 0; i < rows; i++) data[i][c] = values[i];
    columns[c] = undefined; // let the typed buffer go before the next column is copied
  }
  if (rows === 0) return new DataFrame([], { columns: names, dtypes, config: { lowMemoryMode } });
  return new DataFrame(data as never, { columns: names, dtypes, config: { lowMemoryMode } });
}
