/**
 * Growable typed columns stored in fixed-size chunks: numbers in Float64Array chunks (no
 * boxing, no row objects, no copy on growth), anything else in plain array chunks. A column
 * turns generic only when a non-number shows up. Rows are addressed by index: a value not
 * set stays missing (NaN for numbers, null otherwise). Chunks let the frame builder turn
 * columns into danfojs rows a block at a time and free each block as it goes.
 */

/** danfojs dtype names. */
export type Dtype = "float32" | "int32" | "string" | "boolean" | "datetime";

/** log2 of the rows per chunk. */
export const CHUNK_SHIFT = 14;
/** Rows per chunk. */
export const CHUNK_ROWS = 1 << CHUNK_SHIFT;
const MASK = CHUNK_ROWS - 1;

/** One chunk of a column. */
export type Chunk = Float64Array | unknown[];

/** A finished column: chunks of values and the danfojs dtype to declare. */
export interface FinishedColumn {
  /** Column name. */
  name: string;
  /** `chunks[k]` holds rows `k * CHUNK_ROWS ...`; an absent chunk means all missing. */
  chunks: Array<Chunk | undefined>;
  /** True when chunks are Float64Array (missing = NaN); otherwise arrays (missing = null). */
  numeric: boolean;
  /** dtype to declare (danfojs stores numbers as JS numbers whatever the name). */
  dtype: Dtype;
}

/** A column of any values, numeric until something else arrives. */
export class ColumnBuilder {
  private chunks: Array<Chunk | undefined> = [];
  private numeric: boolean;
  private sawBoolean = false;
  private sawOther = false;
  private sawNumber = false;
  /** Highest row index set + 1. */
  length = 0;

  /**
   * @param name column name
   * @param generic start as a generic (non-numeric) column, e.g. for ids
   */
  constructor(
    readonly name: string,
    generic = false,
  ) {
    this.numeric = !generic;
  }

  private newChunk(k: number): Chunk {
    const c: Chunk = this.numeric ? new Float64Array(CHUNK_ROWS).fill(NaN) : new Array<unknown>(CHUNK_ROWS).fill(null);
    while (this.chunks.length < k) this.chunks.push(undefined);
    this.chunks[k] = c;
    return c;
  }

  /** Stores a number (the hot path). */
  setNumber(row: number, v: number): void {
    const k = row >>> CHUNK_SHIFT;
    const c = this.chunks[k] ?? this.newChunk(k);
    c[row & MASK] = v;
    if (!this.numeric) this.sawNumber = true;
    if (row >= this.length) this.length = row + 1;
  }

  private makeGeneric(): void {
    if (!this.numeric) return;
    this.chunks = this.chunks.map((c) => {
      if (c === undefined) return undefined;
      const a = new Array<unknown>(CHUNK_ROWS);
      for (let i = 0; i < CHUNK_ROWS; i++) {
        const v = c[i] as number;
        a[i] = v === v ? v : null; // NaN meant "missing" in a numeric chunk
        if (v === v) this.sawNumber = true;
      }
      return a;
    });
    this.numeric = false;
  }

  /** Stores any value: numbers stay numeric, null/undefined are missing, others make the column generic. */
  setValue(row: number, v: unknown): void {
    if (typeof v === "number") return this.setNumber(row, v);
    if (v === null || v === undefined) {
      if (row >= this.length) this.length = row + 1;
      return;
    }
    this.makeGeneric();
    if (typeof v === "boolean") this.sawBoolean = true;
    else if (typeof v !== "string" || !this.sawOther) this.sawOther = true;
    const k = row >>> CHUNK_SHIFT;
    const c = this.chunks[k] ?? this.newChunk(k);
    c[row & MASK] = typeof v === "object" && !(v instanceof Date) ? JSON.stringify(v) : v;
    if (row >= this.length) this.length = row + 1;
  }

  /** Forgets rows from `row` on (used to undo a record that failed half-way). */
  truncate(row: number): void {
    for (let r = row; r < this.length; r++) {
      const c = this.chunks[r >>> CHUNK_SHIFT];
      if (c) c[r & MASK] = this.numeric ? NaN : null;
    }
    if (row < this.length) this.length = row;
  }

  /**
   * Hands the chunks over (the builder is empty afterwards) with the dtype: float32 for
   * numbers, boolean for booleans only, string otherwise (numbers mixed with text become
   * their text). `dtype` overrides the choice (ids, times, indices).
   */
  finish(dtype?: Dtype): FinishedColumn {
    const chunks = this.chunks;
    this.chunks = [];
    if (this.numeric) return { name: this.name, chunks, numeric: true, dtype: dtype ?? "float32" };
    const stringify = this.sawOther || (this.sawBoolean && this.sawNumber);
    if (stringify && this.sawNumber && dtype === undefined) {
      for (const c of chunks) {
        if (!c) continue;
        for (let i = 0; i < c.length; i++) if (typeof c[i] === "number") c[i] = String(c[i]);
      }
    }
    return { name: this.name, chunks, numeric: false, dtype: dtype ?? (stringify || !this.sawBoolean ? "string" : "boolean") };
  }
}
