/**
 * A handler's flat dict as rows in the baseline's terms (pure): by name when every key is a
 * baseline feature name, else by position in sorted key order (AWS's samples zero-pad their
 * keys, `str(i).zfill(20)`, which only makes sense that way). `[]` drops the record.
 */
import type { FeatureValues } from "../capture-rows";

/** A handler's result for one record, as both runners report it. */
export type HandlerResult =
  { row: Array<[string, string | null]> } | { drop: true } | { error: string } | { timeout: number };

/** A value as text, the way the Python harness writes it (`null` = missing). */
export function valueText(key: string, v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === "string") return v;
  if (typeof v === "boolean") return v ? "true" : "false";
  if (typeof v === "bigint") return String(v);
  if (typeof v === "number")
    return Number.isFinite(v) ? String(v) : Number.isNaN(v) ? "NaN" : v > 0 ? "Infinity" : "-Infinity";
  throw new Error(
    `value of '${key}' is ${Array.isArray(v) ? "an array" : typeof v}; expected a flat dict of string, number, boolean or null`,
  );
}

/** A JavaScript handler's return value as a {@link HandlerResult}. */
export function jsResult(value: unknown): HandlerResult {
  if (Array.isArray(value) && value.length === 0) return { drop: true };
  if (value === null || typeof value !== "object" || Array.isArray(value))
    return {
      error: `preprocessHandler returned ${Array.isArray(value) ? "an array" : value === null ? "null" : typeof value}; expected a flat object of feature -> value, or [] to drop the record`,
    };
  try {
    return { row: Object.entries(value).map(([k, v]) => [k, valueText(k, v)]) };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

/** One returned row in the baseline's terms (see the module comment for the rule). */
export function handlerRow(pairs: Array<[string, string | null]>, features: ReadonlySet<string>): FeatureValues {
  if (pairs.length > 0 && pairs.every(([k]) => features.has(k))) return { named: pairs };
  const sorted = [...pairs].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return { positional: sorted.map(([, v]) => v) };
}
