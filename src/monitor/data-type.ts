/**
 * Deequ's `DataType` analyzer: the type of each value is read from its text, and a column's
 * type is decided from the counts. Pure, no I/O.
 */

/** What Model Monitor writes as `inferred_type`. */
export type InferredType = "Integral" | "Fractional" | "String" | "Unknown";

/** The class of one value's text, as Deequ's `StatefulDataType` decides it. */
export type ValueClass = "Null" | "Fractional" | "Integral" | "Boolean" | "String";

// Deequ's regular expressions, in Deequ's order (fractional first: "1." is Fractional).
const FRACTIONAL = /^(-|\+)? ?\d*\.\d*$/;
const INTEGRAL = /^(-|\+)? ?\d*$/;
const BOOLEAN = /^(true|false)$/;

/**
 * Classifies one value's text. `null` is a missing value.
 * Note Deequ's patterns accept `"-"`, `"."` and `"+ 5"` as numbers; kept for fidelity.
 */
export function classifyValue(text: string | null): ValueClass {
  if (text === null) return "Null";
  if (FRACTIONAL.test(text)) return "Fractional";
  if (INTEGRAL.test(text)) return "Integral";
  if (BOOLEAN.test(text)) return "Boolean";
  return "String";
}

/** Counts per value class for one column. */
export interface DataTypeCounts {
  Null: number;
  Fractional: number;
  Integral: number;
  Boolean: number;
  String: number;
}

/** Zero counts. */
export function newDataTypeCounts(): DataTypeCounts {
  return { Null: 0, Fractional: 0, Integral: 0, Boolean: 0, String: 0 };
}

/**
 * A column's type from its counts, following Deequ's `DataTypeHistogram.determineType`:
 * any string (or booleans mixed with numbers) makes it String, then Boolean, then Fractional
 * if any value is fractional, else Integral. Model Monitor has no Boolean type in its files,
 * so a Boolean column is reported as String (Capture Lab's choice; AWS's is not public).
 */
export function decideType(counts: DataTypeCounts): InferredType {
  const nonNull = counts.Fractional + counts.Integral + counts.Boolean + counts.String;
  if (nonNull === 0) return "Unknown";
  if (counts.String > 0 || (counts.Boolean > 0 && counts.Integral + counts.Fractional > 0)) return "String";
  if (counts.Boolean > 0) return "String";
  if (counts.Fractional > 0) return "Fractional";
  return "Integral";
}

/**
 * The share of present values whose text is of `type` (what `data_type_check` compares
 * with `datatype_check_threshold`). Like Deequ's `hasDataType`, nulls are left out and only
 * the exact class counts: an integer text in a Fractional column does not match (AWS's
 * public example violations, ~50% "Fractional" on taxi fares, show the same behaviour).
 */
export function typeMatchRatio(counts: DataTypeCounts, type: InferredType): number {
  const present = counts.Fractional + counts.Integral + counts.Boolean + counts.String;
  if (present === 0) return 1;
  const matching =
    type === "Integral"
      ? counts.Integral
      : type === "Fractional"
        ? counts.Fractional
        : type === "String"
          ? present
          : 0;
  return matching / present;
}
