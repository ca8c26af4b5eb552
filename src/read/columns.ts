/**
 * Growable typed columns. Numbers live in Float64Array buffers (no boxing, no row objects);
 * a column turns into a generic one only when a non-number shows up. Rows are addressed by
 * index: a value not set for a row stays missing (NaN for numbers, null otherwise).
 */

/** danfojs dtype names. */
export type Dtype = "float32" | "int32" | "string" | "boolean" | "datetime";

/** A finished column: plain values and the danfojs dtype to declare. */
export interface FinishedColumn {
  /** Column name. */
  name: string;
  /** One value per row. */
  values: ArrayLike<unknown>;
  /** dtype to declare (danfojs stores numbers as JS numbers whatever the name). */
  dtype: Dtype;
}

const INITIAL = 1024;

/** A column of any values, typed as numbers until something else arrives. */
export class ColumnBuilder {
  private f64: Float64Array | undefined = new Float64Array(INITIAL).fill(NaN);
  private any: unknown[] | undefined;
  private sawBoolean = false;
  private sawOther = false;
  private sawNumber = false;
  /** Highest row index set + 1. */
  length = 0;

  /** @param name column name */
  constructor(readonly name: string) {}

  private grow(row: number): void {
    const f = this.f64!;
    let cap = f.length;
    while (cap <= row) cap *= 2;
    const next = new Float64Array(cap);
    next.set(f);
    next.fill(NaN, f.length);
    this.f64 = next;
  }

  /** Stores a number (the hot path). */
  setNumber(row: number, v: number): void {
    if (this.f64 !== undefined) {
      if (row >= this.f64.length) this.grow(row);
      this.f64[row] = v;
    } else {
      this.any![row] = v;
      this.sawNumber = true;
    }
    if (row >= this.length) this.length = row + 1;
  }

  private toAny(): unknown[] {
    if (this.any === undefined) {
      const f = this.f64!;
      const a: unknown[] = new Array(this.length);
      for (let i = 0; i < this.length; i++) {
        const v = f[i];
        a[i] = v === v ? v : null; // NaN meant "missing" in the numeric buffer
        if (v === v) this.sawNumber = true;
      }
      this.any = a;
      this.f64 = undefined;
    }
    return this.any;
  }

  /** Stores any JSON value: numbers stay numeric, null/undefined are missing, others make the column generic. */
  setValue(row: number, v: unknown): void {
    if (typeof v === "number") return this.setNumber(row, v);
    if (v === null || v === undefined) {
      if (row >= this.length) this.length = row + 1;
      return;
    }
    const a = this.toAny();
    if (typeof v === "boolean") this.sawBoolean = true;
    else this.sawOther = true;
    a[row] = typeof v === "object" && !(v instanceof Date) ? JSON.stringify(v) : v;
    if (row >= this.length) this.length = row + 1;
  }

  /** Forgets rows from `row` on (used to undo a record that failed half-way). */
  truncate(row: number): void {
    if (row >= this.length) return;
    if (this.f64 !== undefined) this.f64.fill(NaN, row, this.length);
    else this.any!.length = row;
    this.length = row;
  }

  /** Values for `rows` rows and the dtype: float32 for numbers, boolean for booleans only, else string. */
  finish(rows: number): FinishedColumn {
    if (this.f64 !== undefined) {
      const f = this.f64.length === rows ? this.f64 : this.f64.subarray(0, rows);
      if (f.length < rows) {
        const g = new Float64Array(rows).fill(NaN);
        g.set(f);
        return { name: this.name, values: g, dtype: "float32" };
      }
      return { name: this.name, values: f, dtype: "float32" };
    }
    const a = this.any!;
    const out: unknown[] = new Array(rows);
    const stringify = this.sawOther || (this.sawBoolean && this.sawNumber);
    for (let i = 0; i < rows; i++) {
      const v = a[i];
      out[i] = v === undefined || v === null ? null : stringify && typeof v !== "string" ? String(v) : v;
    }
    return { name: this.name, values: out, dtype: stringify || !this.sawBoolean ? "string" : "boolean" };
  }
}

/** A column of strings or missing values (ids). */
export class StringColumnBuilder {
  private values: Array<string | null> = [];

  /** @param name column name */
  constructor(readonly name: string) {}

  /** Stores the value of one row (rows must be set in order). */
  push(v: string | null | undefined): void {
    this.values.push(v ?? null);
  }

  /** The values, padded with null to `rows`. */
  finish(rows: number): FinishedColumn {
    while (this.values.length < rows) this.values.push(null);
    return { name: this.name, values: this.values, dtype: "string" };
  }
}
