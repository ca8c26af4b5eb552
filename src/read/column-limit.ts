/**
 * The bound on a loaded frame's width. danfojs frames are dense (rows x columns), so a payload
 * whose JSON Lines carry distinct keys, or one CSV line with millions of fields, would turn a
 * few hundred KB into billions of cells and abort Node ("heap out of memory"), which no
 * `onError: "skip"` can catch. A record that would widen the frame past the bound is refused
 * before its columns are allocated.
 */

/**
 * Default bound on the frame's columns (metadata, features, outputs, extras): 2,048, far above
 * the demo's 74 columns. The worst small input, one record of N JSON Lines with distinct keys,
 * gives N x N cells: measured (Node 20, 2 cores) 2,048 of them load in about 1 s and 0.2 GB,
 * 4,096 in 4 s and 0.7 GB, 10,000 in 16 s and 2.6 GB. Wider data: pass `maxColumns`.
 */
export const DEFAULT_MAX_COLUMNS = 2_048;

/** Thrown inside the table builder when a record would exceed the bound (located by the caller). */
export class ColumnLimitError extends Error {
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
    this.name = "ColumnLimitError";
  }
}

/**
 * Checks a bound option: a positive integer (or Infinity to switch the bound off).
 * @throws RangeError naming the option and what was expected.
 */
export function checkMaxColumns(value: number): number {
  if (value === Infinity || (Number.isInteger(value) && value >= 1)) return value;
  throw new RangeError(`loadCaptures: maxColumns must be a positive integer or Infinity, got ${String(value)}`);
}
