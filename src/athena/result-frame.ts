/**
 * Athena result rows (every value a string, NULL an absent `VarCharValue`) into danfojs
 * columns typed from the result's column metadata. Pure apart from building the frame.
 */
import type { DataFrame } from "danfojs-node";
import { danfo } from "../read/danfo";
import type { AthenaColumnInfo } from "./athena-sdk";

/** danfojs dtype a result column gets. */
export type ResultDtype = "float32" | "int32" | "boolean" | "datetime" | "string";

/** A result column: name, Athena type and the frame's dtype. */
export interface ResultColumn {
  /** Column name (Athena's `Label`, else `Name`). */
  name: string;
  /** Athena's type name (`varchar`, `bigint`, `double`, `timestamp`, `array`, ...). */
  athenaType: string;
  /** danfojs dtype of the frame column. */
  dtype: ResultDtype;
}

const INTEGER = new Set(["tinyint", "smallint", "integer", "int", "bigint"]);
const FLOAT = new Set(["float", "real", "double", "decimal"]);
const TIME = new Set(["date", "timestamp", "timestamp with time zone"]);

/**
 * The dtype for an Athena type: integers `int32` (danfojs' integer label; values stay exact
 * JS numbers up to 2^53, larger bigints keep their text, see {@link convertColumn}), floating
 * and decimal `float32` (JS doubles), `boolean`, dates and timestamps `datetime` (Date, UTC),
 * everything else (varchar, arrays, maps, rows, json, varbinary...) `string` as Athena prints it.
 */
export function dtypeFor(athenaType: string): ResultDtype {
  const t = athenaType.toLowerCase().replace(/\(.*$/, "").trim();
  if (INTEGER.has(t)) return "int32";
  if (FLOAT.has(t)) return "float32";
  if (t === "boolean") return "boolean";
  if (TIME.has(t)) return "datetime";
  return "string";
}

/** Columns from Athena's `ColumnInfo`. */
export function resultColumns(info: AthenaColumnInfo[]): ResultColumn[] {
  return info.map((c, i) => {
    const athenaType = c.Type ?? "varchar";
    return { name: c.Label || c.Name || `_col${i}`, athenaType, dtype: dtypeFor(athenaType) };
  });
}

/** Athena's timestamp text (`2026-01-05 08:59:30.123`, optionally ` UTC` or a zone) or date, as a UTC Date. */
export function parseAthenaTime(text: string): Date {
  const m = /^(\d{4}-\d{2}-\d{2})(?:[ T](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?))?\s*(UTC|Z|[+-]\d{2}:?\d{2})?$/.exec(
    text.trim(),
  );
  if (!m) return new Date(Number.NaN);
  const zone = m[3] === undefined || m[3] === "UTC" || m[3] === "Z" ? "Z" : m[3];
  // Milliseconds: JS Dates hold no more; Athena prints up to 3 (timestamp(3)) or 6 digits.
  const time = (m[2] ?? "00:00:00").replace(/(\.\d{3})\d+$/, "$1");
  return new Date(`${m[1]}T${time}${zone}`);
}

/**
 * Converts one column's text values (null = NULL) to the dtype's values: numbers (NaN for
 * NULL), booleans (null), Dates (null), strings (null). A `bigint` column whose values pass
 * 2^53 keeps them as text (dtype `string`) rather than round them: the returned dtype says which.
 */
export function convertColumn(
  values: Array<string | null>,
  column: ResultColumn,
): { values: unknown[]; dtype: ResultDtype } {
  switch (column.dtype) {
    case "int32": {
      const out = values.map((v) => (v === null ? Number.NaN : Number(v)));
      if (out.some((n) => Number.isFinite(n) && !Number.isSafeInteger(n))) return { values, dtype: "string" };
      return { values: out, dtype: "int32" };
    }
    case "float32":
      // Athena prints NaN and Infinity as words, which Number() reads.
      return { values: values.map((v) => (v === null ? Number.NaN : Number(v))), dtype: "float32" };
    case "boolean":
      return { values: values.map((v) => (v === null ? null : v === "true")), dtype: "boolean" };
    case "datetime":
      return { values: values.map((v) => (v === null ? null : parseAthenaTime(v))), dtype: "datetime" };
    default:
      return { values, dtype: "string" };
  }
}

/**
 * A danfojs DataFrame from result rows (row-major text) and their columns; the columns are
 * returned with the dtype each got (a bigint column past 2^53 becomes `string`).
 */
export function resultFrame(
  rows: Array<Array<string | null>>,
  columns: ResultColumn[],
): { frame: DataFrame; columns: ResultColumn[] } {
  const converted = columns.map((c, j) =>
    convertColumn(
      rows.map((r) => r[j] ?? null),
      c,
    ),
  );
  const out = columns.map((c, j) => ({ ...c, dtype: converted[j].dtype }));
  const names = out.map((c) => c.name);
  const dtypes = out.map((c) => c.dtype);
  const { DataFrame } = danfo();
  if (rows.length === 0) return { frame: new DataFrame([], { columns: names, dtypes }), columns: out };
  const data = rows.map((_, i) => converted.map((c) => c.values[i]));
  return { frame: new DataFrame(data as never, { columns: names, dtypes }), columns: out };
}
