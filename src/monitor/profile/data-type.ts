/**
 * Deequ's `DataType` analyzer: the type of each value is read from its text, and a column's
 * type is decided from the counts. Pure, no I/O.
 */

/** What Model Monitor writes as `inferred_type`. */
export type InferredType = "Integral" | "Fractional" | "String" | "Unknown";

/** The class of one value's text, as Deequ's `StatefulDataType` decides it. */
export type ValueClass = "Null" | "Fractional" | "Integral" | "Boolean" | "String";

/**
 * Classifies one value's text as Deequ's `StatefulDataType` does with its patterns, tried in
 * order: Fractional `^(-|\+)? ?\d*\.\d*$`, Integral `^(-|\+)? ?\d*$`, Boolean
 * `^(true|false)$`, else String. `null` is a missing value. (A character scan with the same
 * outcome: this runs once per value.) Deequ's patterns accept `"-"`, `"."` and `"+ 5"` as
 * numbers; kept for fidelity.
 */
export function classifyValue(text: string | null): ValueClass {
  if (text === null) return "Null";
  const n = text.length;
  let i = 0;
  const first = n > 0 ? text.charCodeAt(0) : 0;
  if (first === 45 || first === 43) i = 1; // - or +
  if (i < n && text.charCodeAt(i) === 32) i++; // one optional space
  let dot = false;
  for (; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) continue;
    if (c === 46 && !dot) {
      dot = true;
      continue;
    }
    return text === "true" || text === "false" ? "Boolean" : "String";
  }
  return dot ? "Fractional" : "Integral";
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
    type === "Integral" ? counts.Integral : type === "Fractional" ? counts.Fractional : type === "String" ? present : 0;
  return matching / present;
}
