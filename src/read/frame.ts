/**
 * Building a danfojs DataFrame from the loaded rows, as cheaply as danfojs 1.1.2 allows.
 *
 * What danfojs 1.1.2 does (measured, 1e6 rows x 74 numeric columns, Node 20): it always
 * keeps the data row-major (`$data`, one array per row) and, unless `config.lowMemoryMode`,
 * a second column-major copy. An object of columns (`new DataFrame({a: [...]})`) is
 * transposed to rows and back (9.0 s, 2.6 GiB peak); rows plus `columns`/`dtypes` skip one
 * transpose (5.7 s, 2.6 GiB); rows with `lowMemoryMode` skip both (1.2 s, 1.4 GiB, most of
 * it the test's own input columns) at the price of column reads walking the rows. Passing
 * `dtypes` skips danfojs' type inference. So the loader writes values straight into row
 * arrays (row-store.ts) and hands them over with `lowMemoryMode` for large frames.
 */
import type { DataFrame } from "danfojs-node";
import { danfo } from "./danfo";
import type { Dtype } from "./row-store";

/** How to configure danfojs: `"auto"` uses low-memory mode above {@link LOW_MEMORY_CELLS} cells. */
export type FrameMemoryMode = "auto" | "low" | "normal";

/** Above this many cells (rows x columns), `"auto"` builds a low-memory frame. */
const LOW_MEMORY_CELLS = 2_000_000;

/** Whether `"auto"`/`"low"`/`"normal"` means danfojs low-memory mode for this size. */
export function useLowMemory(mode: FrameMemoryMode, rows: number, width: number): boolean {
  return mode === "low" || (mode === "auto" && rows * width > LOW_MEMORY_CELLS);
}

/** A column of the frame: its name, its slot in the row arrays and its dtype. */
export interface FrameColumn {
  /** Column name in the frame. */
  name: string;
  /** Index of the value in each row array. */
  slot: number;
  /** danfojs dtype. */
  dtype: Dtype;
}

/**
 * Builds the DataFrame from row arrays. When the columns are the slots in order the rows
 * are handed over as they are; otherwise (a projection order, a column that appeared
 * late) each row is rearranged, one at a time so the old row can be collected.
 */
export function buildDataFrame(
  rows: unknown[][],
  columns: FrameColumn[],
  width: number,
  mode: FrameMemoryMode = "auto",
): DataFrame {
  const names = columns.map((c) => c.name);
  const dtypes = columns.map((c) => c.dtype);
  const config = { lowMemoryMode: useLowMemory(mode, rows.length, columns.length) };
  const { DataFrame } = danfo();
  if (rows.length === 0) return new DataFrame([], { columns: names, dtypes, config });
  const identity = columns.length === width && columns.every((c, i) => c.slot === i);
  if (!identity) {
    const slots = columns.map((c) => c.slot);
    for (let i = 0; i < rows.length; i++) {
      const old = rows[i];
      const row = new Array<unknown>(slots.length);
      for (let j = 0; j < slots.length; j++) row[j] = old[slots[j]];
      rows[i] = row;
    }
  }
  return new DataFrame(rows as never, { columns: names, dtypes, config });
}
