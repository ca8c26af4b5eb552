/**
 * A window profile's partial results as plain data: what a worker thread profiling some of a
 * window's files posts back, and how the main thread adds them up in file order. Pure.
 *
 * Merge rules (src/monitor/README.md, "Large windows on worker threads"): counts add; numeric
 * statistics fold per-file states in file order (the sequential path folds the same states in
 * the same order, so they are equal bit for bit); min/max; categorical counts add (exact
 * unless a part counted more than `maxDistinct` distinct values); KLL sketches merge as
 * Deequ's do (within the sketch's error bound); bad rows and refusal reasons in file order.
 */
import type { DataTypeCounts } from "./data-type";
import type { FeatureProfiler } from "./feature-profiler";
import type { KllPartial } from "./kll-sketch";
import type { MonitorIssue } from "../monitor-errors";
import type { NumericPartial } from "./numeric-stats";

/** One feature's profile as plain data. */
export interface FeaturePartial {
  name: string;
  types: DataTypeCounts;
  /** Value texts and counts, in first-seen order. */
  categories: Map<string, number>;
  distinctOverflow: boolean;
  /** Numeric state of each file profiled, in file order (files with no number left out). */
  numeric: NumericPartial[];
  sketch: KllPartial;
}

/** A {@link WindowProfile}'s counts over some consecutive files, as plain data. */
export interface WindowPartial {
  records: number;
  profiledRecords: number;
  rows: number;
  issueCount: number;
  /** The first `maxIssues` bad rows, in file order. */
  issues: MonitorIssue[];
  /** Row widths seen (rows not profiled in place) and rows profiled in place. */
  widths: Map<number, number>;
  fullRows: number;
  /** Refusal reasons in first-seen order. */
  refusals: Array<{ reason: string; count: number; example: MonitorIssue }>;
  /** The baseline's features, in its order. */
  features: FeaturePartial[];
  /** Extra columns `_cN` by position past the baseline's width (`null`: not seen). */
  extra: Array<FeaturePartial | null>;
}

/** A feature's partial: its counts, its per-file numeric states, its sketch. */
export function featurePartial(p: FeatureProfiler, numeric: NumericPartial[]): FeaturePartial {
  return {
    name: p.name,
    types: { ...p.types },
    categories: new Map(p.categories),
    distinctOverflow: p.distinctOverflow,
    numeric,
    sketch: p.sketch.toPartial(),
  };
}

/**
 * Adds a later part's counts, categories and sketch to `into` (its numeric states are the
 * caller's: they fold in file order). New values are counted while `into` has room under its
 * `maxDistinct`, in the part's first-seen order.
 */
export function mergeFeaturePartial(into: FeatureProfiler, part: FeaturePartial): void {
  const t = into.types;
  t.Null += part.types.Null;
  t.Integral += part.types.Integral;
  t.Fractional += part.types.Fractional;
  t.Boolean += part.types.Boolean;
  t.String += part.types.String;
  const cats = into.categories;
  for (const [value, count] of part.categories) {
    const have = cats.get(value);
    if (have !== undefined) cats.set(value, have + count);
    else if (cats.size < into.maxDistinct) cats.set(value, count);
    else into.distinctOverflow = true;
  }
  if (part.distinctOverflow) into.distinctOverflow = true;
  into.sketch.merge(part.sketch);
}
