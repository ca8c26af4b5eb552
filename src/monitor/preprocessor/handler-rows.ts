/**
 * A handler's flat dict as rows in the baseline's terms (pure): by name when every key is a
 * baseline feature name, else by position in sorted key order (AWS's samples zero-pad their
 * keys, `str(i).zfill(20)`, which only makes sense that way). `[]` drops the record.
 */
import type { FeatureValues } from "../profile/capture-rows";

/**
 * A handler's result for one record, as both runners report it: a row's values with its keys
 * (`k`, left out when they are the previous row's, which saves sending them again), a dropped
 * record, the handler's error, or the time limit hit.
 */
export type HandlerResult =
  { k?: string[]; v: Array<string | null> } | { drop: true } | { error: string } | { timeout: number };

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
    const keys = Object.keys(value);
    const v = value as Record<string, unknown>;
    return { k: keys, v: keys.map((k) => valueText(k, v[k])) };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

/**
 * Rows from a handler's keys and values in the baseline's terms (see the module comment for the
 * rule); the plan for a key list is kept while the keys stay the same.
 */
export class HandlerRows {
  private keys?: string[];
  private named?: string[];
  private order?: number[];

  constructor(private readonly features: ReadonlySet<string>) {}

  /** The row of one result; `keys` absent = the previous result's keys. */
  row(keys: string[] | undefined, values: Array<string | null>): FeatureValues {
    if (keys && !sameKeys(keys, this.keys)) this.plan(keys);
    if (!this.keys || this.keys.length !== values.length)
      throw new Error(`handler result: ${values.length} values for ${this.keys?.length ?? 0} keys`);
    if (this.named) return { named: this.named.map((k, i) => [k, values[i]!]) };
    const order = this.order;
    return { positional: order ? order.map((i) => values[i]!) : values };
  }

  private plan(keys: string[]): void {
    this.keys = keys;
    this.named = keys.length > 0 && keys.every((k) => this.features.has(k)) ? keys : undefined;
    const idx = keys.map((_, i) => i);
    // Handlers usually return their keys in order already (enumerate + zfill).
    let inOrder = true;
    for (let i = 1; i < keys.length && inOrder; i++) inOrder = keys[i - 1]! < keys[i]!;
    this.order = inOrder ? undefined : idx.sort((a, b) => (keys[a]! < keys[b]! ? -1 : keys[a]! > keys[b]! ? 1 : 0));
  }
}

function sameKeys(a: string[], b: string[] | undefined): boolean {
  if (a === b) return true;
  if (!b || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** One row from key/value pairs (see {@link HandlerRows}). */
export function handlerRow(pairs: Array<[string, string | null]>, features: ReadonlySet<string>): FeatureValues {
  return new HandlerRows(features).row(
    pairs.map(([k]) => k),
    pairs.map(([, v]) => v),
  );
}
