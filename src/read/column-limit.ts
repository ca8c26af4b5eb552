/**
 * The bounds on a loaded frame's size. danfojs frames are dense (rows x columns), so a payload
 * whose JSON Lines carry distinct keys, or one CSV line with millions of fields, would turn a
 * few hundred KB into billions of cells and abort Node ("heap out of memory"), which no
 * `onError: "skip"` can catch. A record that would widen the frame past `maxColumns`, or widen
 * it so that it passes `maxCells`, is refused before its columns are allocated; a frame that
 * grows past `maxCells` by rows stops the load with {@link FrameSizeError}.
 */
import { CaptureReadError } from "./errors";
import { CaptureLabError } from "../errors";

/**
 * Default bound on the frame's columns (metadata, features, outputs, extras): 2,048, far above
 * the demo's 74 columns. The worst small input, one record of N JSON Lines with distinct keys,
 * gives N x N cells: measured (Node 20, 2 cores) 2,048 of them load in about 1 s and 0.2 GB,
 * 4,096 in 4 s and 0.7 GB, 10,000 in 16 s and 2.6 GB. Wider data: pass `maxColumns`.
 */
export const DEFAULT_MAX_COLUMNS = 2_048;

/**
 * Default bound on the frame's cells (rows x built columns): 1e8. A dense numeric frame of
 * 1e6 x 74 cells peaks at 1.05 GiB, a mostly-NaN wide one at up to 38 bytes a cell (about
 * 3.5 GiB at the bound, under Node's default 4 GiB heap). Width alone does not bound memory:
 * one record with 2,000 distinct keys in a set of 1e6 rows adds 2,000 columns to every row
 * (2e9 cells).
 */
export const DEFAULT_MAX_CELLS = 100_000_000;

/**
 * The frame outgrew `maxCells` by rows: not a bad record (skip mode cannot help), so the load
 * stops here, naming where and what to do instead of letting Node run out of heap.
 */
export class FrameSizeError extends CaptureReadError {
  /**
   * @param where the record that passed the bound
   * @param rows rows with that record
   * @param columns the frame's built columns
   * @param maxCells the bound
   */
  constructor(where: { source: string; line: number }, rows: number, columns: number, maxCells: number) {
    super(
      `the frame reached ${rows} rows x ${columns} columns, above the bound maxCells = ${maxCells}; load less at once ` +
        `(columns: a projection, from/to, maxRecords), lower maxColumns if a few records brought most columns, or pass a larger maxCells`,
      where,
    );
  }
}

/** Thrown inside the table builder when a record would widen the frame so that it exceeds `maxCells` (located by the caller). */
export class CellLimitError extends CaptureLabError {
  /**
   * @param maxCells the bound
   * @param rows rows the frame would have
   * @param columns built columns it would have
   */
  constructor(
    readonly maxCells: number,
    readonly rows: number,
    readonly columns: number,
  ) {
    super(
      `the record would add columns to every row, making the frame ${rows} x ${columns} = ${rows * columns} cells, above the bound maxCells = ${maxCells} ` +
        `(frames are dense); the record was not loaded, pass a larger maxCells, or project with columns`,
    );
  }
}

/** Thrown inside the table builder when a record would exceed the bound (located by the caller). */
export class ColumnLimitError extends CaptureLabError {
  /**
   * @param maxColumns the bound
   * @param wanted columns the frame would have with the record
   */
  constructor(
    readonly maxColumns: number,
    readonly wanted: number,
  ) {
    super(
      `the record would make the frame wider than the bound maxColumns = ${maxColumns} (at least ${wanted} columns: ` +
        `each CSV position and each distinct JSON key is a column); the record was not loaded, pass a larger maxColumns to load it`,
    );
  }
}

/**
 * Checks a bound option: a positive integer (or Infinity to switch the bound off).
 * @throws RangeError naming the option and what was expected.
 */
export function checkMaxColumns(value: number, option = "maxColumns"): number {
  if (value === Infinity || (Number.isInteger(value) && value >= 1)) return value;
  throw new RangeError(`loadCaptures: ${option} must be a positive integer or Infinity, got ${String(value)}`);
}
