/**
 * Model Monitor's six data-quality checks of one window against a baseline: data type,
 * completeness, baseline drift, missing and extra columns, categorical values. A check fires
 * when the observed value is strictly worse than its threshold (at the threshold: no
 * violation): a ratio or a distance above it, a p-value below it. Pure.
 */
import { effectiveConfig, type ConstraintsFile } from "./files/constraints-file";
import { typeMatchRatio } from "./profile/data-type";
import { categoricalChiSquared, categoricalLInfinity, numericalDistance } from "./drift/deequ-distance";
import type { FeatureProfiler } from "./profile/feature-profiler";
import { KllSketch } from "./profile/kll-sketch";
import type { FeatureStatistics, StatisticsFile } from "./files/statistics-file";
import * as text from "./violation-texts";
import type { Violation } from "./files/violations-file";

/** What the checks compare. */
export interface CheckInput {
  constraints: ConstraintsFile;
  baseline: StatisticsFile;
  /** The window's profilers, by baseline feature name (extra columns by their `_cN` name). */
  current: ReadonlyMap<string, FeatureProfiler>;
  /** Number of columns the window's rows have (see the monitoring run). */
  columnCount: number;
  /** Rows in the window. */
  itemCount: number;
}

/**
 * What a feature's baseline drift value is: a distance (Deequ's L-infinity; drift when it is
 * above the threshold) or a p-value (the chi-squared test of `ChiSquared`; drift when it is
 * below the threshold).
 */
export type DriftValueKind = "distance" | "p-value";

/** Per-feature outcome, for metrics and reports. */
export interface FeatureCheck {
  name: string;
  /** The baseline drift check's value (see `kind`), NaN when not computed. */
  value: number;
  /** Whether `value` is a distance or a p-value (undefined when not computed). */
  kind?: DriftValueKind;
  /** The statistic by name: `L-infinity (Robust)`, `L-infinity (Simple)`, `chi-squared p-value`. */
  statistic?: string;
  /** Threshold it was compared with. */
  threshold: number;
  /** Whether the baseline drift check fired (strictly past the threshold). */
  drifted: boolean;
  /** Share of present values (the `feature_non_null` metric). */
  completeness: number;
}

/** Result of {@link runChecks}. */
export interface CheckResult {
  violations: Violation[];
  features: FeatureCheck[];
}

/** Baseline KLL sketch of a numeric feature, or undefined when the file has none. */
export function baselineSketch(f: FeatureStatistics | undefined): KllSketch | undefined {
  const kll = f?.numerical_statistics?.distribution?.kll;
  if (!kll?.sketch) return undefined;
  return KllSketch.fromData(kll.sketch.data, kll.sketch.parameters.k, kll.sketch.parameters.c);
}

/** Baseline category counts of a string feature. */
export function baselineCategories(f: FeatureStatistics | undefined): Map<string, number> | undefined {
  const buckets = f?.string_statistics?.distribution?.categorical?.buckets;
  return buckets ? new Map(buckets.map((b) => [b.value, b.count])) : undefined;
}

/**
 * Runs the six checks.
 * @example
 * const { violations } = runChecks({ constraints, baseline, current, columnCount: 70, itemCount: 1000 });
 */
export function runChecks(input: CheckInput): CheckResult {
  const { constraints, baseline } = input;
  const violations: Violation[] = [];
  const features: FeatureCheck[] = [];
  const baselineCount = constraints.features.length;
  const byName = new Map(baseline.features.map((f) => [f.name, f]));

  constraints.features.forEach((fc, index) => {
    const cfg = effectiveConfig(constraints, fc);
    const current = input.current.get(fc.name);
    if (index >= input.columnCount || !current) {
      violations.push({
        feature_name: fc.name,
        constraint_check_type: "missing_column_check",
        description: text.missingColumnText(input.columnCount, baselineCount),
      });
      return;
    }
    const present = current.total - current.types.Null;
    const completeness = input.itemCount === 0 ? 0 : present / input.itemCount;
    const result: FeatureCheck = { name: fc.name, value: NaN, threshold: NaN, drifted: false, completeness };
    features.push(result);
    if (!cfg.evaluate) return;

    if (fc.inferred_type === "Integral" || fc.inferred_type === "Fractional") {
      const ratio = typeMatchRatio(current.types, fc.inferred_type);
      if (ratio < cfg.datatypeThreshold) {
        violations.push({
          feature_name: fc.name,
          constraint_check_type: "data_type_check",
          description: text.dataTypeText(fc.inferred_type, cfg.datatypeThreshold, ratio),
        });
      }
    }
    if (fc.completeness !== undefined && completeness < fc.completeness) {
      violations.push({
        feature_name: fc.name,
        constraint_check_type: "completeness_check",
        description: text.completenessText(fc.completeness, completeness),
      });
    }
    const domains = fc.string_constraints?.domains;
    if (domains && present > 0) {
      const domain = new Set(domains);
      let inDomain = 0;
      for (const [value, count] of current.categories) if (domain.has(value)) inDomain += count;
      const ratio = inDomain / present;
      if (ratio < cfg.domainThreshold) {
        violations.push({
          feature_name: fc.name,
          constraint_check_type: "categorical_values_check",
          description: text.categoricalValuesText(cfg.domainThreshold, ratio),
        });
      }
    }
    if (!cfg.compare) return;
    const base = byName.get(fc.name);
    // One drift verdict per feature, strictly past the threshold: a distance above it, a
    // p-value below it (the test rejects "same distribution" at that level).
    const judge = (kind: DriftValueKind, statistic: string, value: number, threshold: number): void => {
      const drifted = kind === "distance" ? value > threshold : value < threshold;
      Object.assign(result, { value, kind, statistic, threshold, drifted });
      if (drifted) {
        violations.push({
          feature_name: fc.name,
          constraint_check_type: "baseline_drift_check",
          description: text.driftText(kind, value, threshold),
        });
      }
    };
    const lInfinity = `L-infinity (${cfg.comparisonMethod})`;
    if (fc.inferred_type === "Integral" || fc.inferred_type === "Fractional") {
      const sketch = baselineSketch(base);
      if (sketch && current.numeric.count > 0) {
        const distance = numericalDistance(sketch, current.sketch, cfg.comparisonMethod);
        judge("distance", lInfinity, distance, cfg.comparisonThreshold);
      }
    } else {
      const categories = baselineCategories(base);
      if (categories && present > 0) {
        if (cfg.categoricalMethod === "ChiSquared") {
          const pValue = categoricalChiSquared(current.categories, categories).pValue;
          judge("p-value", "chi-squared p-value", pValue, cfg.categoricalThreshold);
        } else {
          const distance = categoricalLInfinity(categories, current.categories, cfg.comparisonMethod);
          judge("distance", lInfinity, distance, cfg.categoricalThreshold);
        }
      }
    }
  });
  if (input.columnCount > baselineCount) {
    for (let i = baselineCount; i < input.columnCount; i++) {
      violations.push({
        feature_name: `_c${i}`,
        constraint_check_type: "extra_column_check",
        description: text.extraColumnText(input.columnCount, baselineCount),
      });
    }
  }
  return { violations, features };
}
