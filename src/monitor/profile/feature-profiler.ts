/**
 * One feature's statistics, built one value's text at a time in a single pass: value types
 * (Deequ's DataType), completeness, numeric statistics, KLL sketch and buckets, categorical
 * counts. Pure, no I/O.
 */
import { kllBuckets } from "./buckets";
import {
  classifyValue,
  decideType,
  newDataTypeCounts,
  type DataTypeCounts,
  type InferredType,
  type ValueClass,
} from "./data-type";
import { KllSketch } from "./kll-sketch";
import { NumericAccumulator } from "./numeric-stats";
import type { FeatureStatistics } from "../files/statistics-file";

const POWERS_OF_TEN = Array.from({ length: 23 }, (_, i) => Number(`1e${i}`));

const SCIENTIFIC = /^\s*[+-]?(\d+\.?\d*|\.\d+)[eE][+-]?\d+\s*$/;

/** True when Spark would read the text as a double (Deequ's numeric texts or an exponent form). */
export function isNumericText(text: string): boolean {
  const cls = classifyValue(text);
  return (
    ((cls === "Integral" || cls === "Fractional") && Number.isFinite(Number(text)) && text.trim() !== "") ||
    SCIENTIFIC.test(text)
  );
}

/** Options of {@link FeatureProfiler}. */
export interface ProfilerOptions {
  /**
   * Most distinct values counted for categorical statistics (default 100 000; 0 keeps no
   * table, for features known to be numeric). Past it, new values are no longer counted one
   * by one and `distinctOverflow` is set.
   */
  maxDistinct?: number;
  /** Categorical buckets written (the most frequent values; default 1000, Deequ's Histogram limit). */
  maxBuckets?: number;
}

/** Statistics of one column, fed value by value. */
export class FeatureProfiler {
  readonly types: DataTypeCounts = newDataTypeCounts();
  readonly numeric = new NumericAccumulator();
  readonly sketch = new KllSketch();
  readonly categories = new Map<string, number>();
  /** Set when more than `maxDistinct` distinct values were seen. */
  distinctOverflow = false;
  /** Most distinct values counted (see {@link ProfilerOptions.maxDistinct}). */
  readonly maxDistinct: number;
  private readonly maxBuckets: number;

  constructor(
    readonly name: string,
    options: ProfilerOptions = {},
  ) {
    this.maxDistinct = options.maxDistinct ?? 100_000;
    this.maxBuckets = options.maxBuckets ?? 1000;
  }

  /**
   * Adds one value: its text, or `null` when missing (an empty CSV field).
   * @returns the value's class (Deequ's patterns); `"-"` or `"."` count as numbers there but
   *   are left out of the numeric statistics.
   */
  add(text: string | null): ValueClass {
    const cls = classifyValue(text);
    const t = this.types;
    // One branch per class keeps the property stores monomorphic (this runs once per value).
    if (cls === "Integral") t.Integral++;
    else if (cls === "Fractional") t.Fractional++;
    else if (cls === "Null") t.Null++;
    else if (cls === "String") t.String++;
    else t.Boolean++;
    if (text === null) return cls;
    if (this.maxDistinct > 0) {
      const count = this.categories.get(text);
      if (count !== undefined) this.categories.set(text, count + 1);
      else if (this.categories.size < this.maxDistinct) this.categories.set(text, 1);
      else this.distinctOverflow = true;
    }
    // Numeric statistics take what Spark's cast to double takes: Deequ's numeric texts and
    // decimal numbers with an exponent ("6.8e-7", typed String by Deequ's patterns).
    if (cls === "Integral" || cls === "Fractional" || (cls === "String" && SCIENTIFIC.test(text))) {
      const x = Number(text);
      if (Number.isFinite(x) && text.length > 0) {
        this.numeric.add(x);
        this.sketch.update(x);
      }
    }
    return cls;
  }

  /**
   * Same as `add(text.slice(start, end))` (an empty range is a missing value), without
   * making the substring for plain numbers: the hot path of a monitoring run. Numbers of up
   * to 15 digits are read as `digits / 10^decimals`, one correctly rounded division of exact
   * values, which is what `Number()` returns for them.
   */
  addSlice(text: string, start: number, end: number): ValueClass {
    if (start === end) return this.add(null);
    let i = start;
    const first = text.charCodeAt(i);
    let negative = false;
    let signed = false;
    if (first === 45 || first === 43) {
      signed = true;
      negative = first === 45;
      i++;
    }
    let spaced = false;
    if (i < end && text.charCodeAt(i) === 32) {
      spaced = true;
      i++;
    }
    let mantissa = 0;
    let digits = 0;
    let decimals = 0;
    let dot = false;
    for (; i < end; i++) {
      const c = text.charCodeAt(i);
      if (c >= 48 && c <= 57) {
        mantissa = mantissa * 10 + (c - 48);
        digits++;
        if (dot) decimals++;
      } else if (c === 46 && !dot) dot = true;
      else return this.add(text.slice(start, end)); // String or Boolean: the general path
    }
    if (this.maxDistinct > 0 || digits === 0 || digits > 15 || decimals > 22 || (signed && spaced))
      return this.add(text.slice(start, end));
    const t = this.types;
    if (dot) t.Fractional++;
    else t.Integral++;
    const magnitude = decimals === 0 ? mantissa : mantissa / POWERS_OF_TEN[decimals]!;
    const x = negative ? -magnitude : magnitude;
    this.numeric.add(x);
    this.sketch.update(x);
    return dot ? "Fractional" : "Integral";
  }

  /** The class of the value the last {@link addField} profiled. */
  lastClass: ValueClass = "Null";

  /**
   * Profiles the field of a plain CSV line (no quotes, no line break) that starts at `start`:
   * it ends at the next comma or at `end`. Same as `addSlice(text, start, fieldEnd)`, finding
   * the end in the same character scan that reads the number (one pass over the line instead of
   * two). The class goes to {@link lastClass}.
   * @returns where the field ends: the index of its comma, or `end`
   */
  addField(text: string, start: number, end: number): number {
    let i = start;
    let c = i < end ? text.charCodeAt(i) : 44;
    let negative = false;
    let signed = false;
    if (c === 45 || c === 43) {
      signed = true;
      negative = c === 45;
      c = ++i < end ? text.charCodeAt(i) : 44;
    }
    let spaced = false;
    if (c === 32) {
      spaced = true;
      c = ++i < end ? text.charCodeAt(i) : 44;
    }
    let mantissa = 0;
    let digits = 0;
    let decimals = 0;
    let dot = false;
    for (;;) {
      if (c >= 48 && c <= 57) {
        mantissa = mantissa * 10 + (c - 48);
        digits++;
        if (dot) decimals++;
      } else if (c === 46 && !dot) dot = true;
      else break;
      c = ++i < end ? text.charCodeAt(i) : 44;
    }
    if (c !== 44) {
      // Not a plain number (String or Boolean): find the end, take the general path.
      let e = text.indexOf(",", i);
      if (e === -1 || e > end) e = end;
      this.lastClass = this.addSlice(text, start, e);
      return e;
    }
    if (i === start || this.maxDistinct > 0 || digits === 0 || (signed && spaced)) {
      this.lastClass = this.addSlice(text, start, i);
      return i;
    }
    const t = this.types;
    if (dot) t.Fractional++;
    else t.Integral++;
    this.lastClass = dot ? "Fractional" : "Integral";
    let x: number;
    if (digits <= 15) {
      const magnitude = decimals === 0 ? mantissa : mantissa / POWERS_OF_TEN[decimals]!;
      x = negative ? -magnitude : magnitude;
    } else {
      // Longer (a model's score, 0.12114864587783813): what `add` does with the text.
      x = Number(text.slice(start, i));
      if (!Number.isFinite(x)) return i;
    }
    this.numeric.add(x);
    this.sketch.update(x);
    return i;
  }

  /** Values seen, missing ones included. */
  get total(): number {
    const t = this.types;
    return t.Null + t.Fractional + t.Integral + t.Boolean + t.String;
  }

  /** The type Deequ decides from the counts. */
  get inferredType(): InferredType {
    return decideType(this.types);
  }

  /**
   * The feature's entry in statistics.json. `asType` forces the kind of statistics (the
   * baseline's type when monitoring); by default the inferred type decides.
   */
  statistics(asType: InferredType = this.inferredType): FeatureStatistics {
    const numPresent = this.total - this.types.Null;
    const common = { num_present: numPresent, num_missing: this.types.Null };
    if (asType === "Integral" || asType === "Fractional") {
      const n = this.numeric;
      const empty = n.count === 0;
      return {
        name: this.name,
        inferred_type: this.inferredType,
        numerical_statistics: {
          common,
          mean: empty ? 0 : n.mean,
          sum: n.sum,
          std_dev: empty ? 0 : n.stdDev,
          min: empty ? 0 : n.min,
          max: empty ? 0 : n.max,
          distribution: {
            kll: {
              buckets: empty ? [] : kllBuckets(this.sketch, n.min, n.max),
              sketch: { parameters: { c: this.sketch.c, k: this.sketch.k }, data: this.sketch.data() },
            },
          },
        },
      };
    }
    const buckets = [...this.categories.entries()]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
      .slice(0, this.maxBuckets)
      .map(([value, count]) => ({ value, count }));
    return {
      name: this.name,
      inferred_type: this.inferredType,
      string_statistics: {
        common,
        distinct_count: this.categories.size,
        distribution: { categorical: { buckets } },
      },
    };
  }
}
