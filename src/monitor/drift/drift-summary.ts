/**
 * The per-feature drift table and the dataset verdict, beside Model Monitor's checks: PSI,
 * KS (+ p-value) and Jensen-Shannon for numbers, chi-squared and Jensen-Shannon for
 * categories; a feature drifts when its PSI (numbers) or JS distance (categories) is above
 * the feature threshold (strictly, as Model Monitor's checks); the dataset drifts when more than `datasetThreshold` of its
 * features do (the AWS sample's "more than 30%"). Pure.
 */
import { baselineCategories, baselineSketch, type FeatureCheck } from "../checks";
import { categoricalDrift, numericDrift } from "./drift-metrics";
import type { FeatureProfiler } from "../profile/feature-profiler";
import type { StatisticsFile } from "../files/statistics-file";

/** Thresholds of the drift verdicts. */
export interface DriftThresholds {
  /** PSI above which a numeric feature drifts (default 0.1; at the threshold: no drift, as Model Monitor's checks). */
  psi?: number;
  /** JS distance above which a categorical feature drifts (default 0.1). */
  jensenShannon?: number;
  /** Share of drifted features above which the dataset drifts (default 0.3). */
  datasetShare?: number;
}

/** One row of the drift report. */
export interface FeatureDrift {
  name: string;
  kind: "numeric" | "categorical";
  drifted: boolean;
  /** Model Monitor's baseline drift check of the feature, when it was compared (see `FeatureCheck`). */
  check?: Pick<FeatureCheck, "kind" | "statistic" | "value" | "threshold" | "drifted">;
  psi?: number;
  ks?: number;
  ksPValue?: number;
  chiSquared?: number;
  chiSquaredPValue?: number;
  jensenShannon: number;
  /** Share of missing values in the window and in the baseline. */
  missingShare: number;
  baselineMissingShare: number;
  /** Histogram labels and shares (baseline bins for numbers, categories otherwise). */
  labels: string[];
  baselineShares: number[];
  currentShares: number[];
}

/** The drift table and the dataset verdict. */
export interface DriftSummary {
  features: FeatureDrift[];
  driftedCount: number;
  share: number;
  datasetDrifted: boolean;
  thresholds: Required<DriftThresholds>;
}

const fmt = (x: number) =>
  Math.abs(x) >= 1000 || (Math.abs(x) < 0.01 && x !== 0) ? x.toExponential(2) : String(Number(x.toFixed(2)));

/** Computes the drift table, drifted features first. */
export function summarizeDrift(
  baseline: StatisticsFile,
  current: ReadonlyMap<string, FeatureProfiler>,
  checks: readonly FeatureCheck[],
  thresholds: DriftThresholds = {},
): DriftSummary {
  const t = {
    psi: thresholds.psi ?? 0.1,
    jensenShannon: thresholds.jensenShannon ?? 0.1,
    datasetShare: thresholds.datasetShare ?? 0.3,
  };
  const checkOf = new Map(checks.map((c) => [c.name, c]));
  const features: FeatureDrift[] = [];
  for (const base of baseline.features) {
    const cur = current.get(base.name);
    if (!cur) continue;
    const chk = checkOf.get(base.name);
    const common = base.numerical_statistics?.common ?? base.string_statistics?.common;
    const baseTotal = common ? common.num_present + common.num_missing : 0;
    const row = {
      name: base.name,
      ...(chk?.kind
        ? {
            check: {
              kind: chk.kind,
              statistic: chk.statistic,
              value: chk.value,
              threshold: chk.threshold,
              drifted: chk.drifted,
            },
          }
        : {}),
      missingShare: cur.total === 0 ? 0 : cur.types.Null / cur.total,
      baselineMissingShare: baseTotal === 0 ? 0 : common!.num_missing / baseTotal,
    };
    const n = base.numerical_statistics;
    const sketch = baselineSketch(base);
    if (n && sketch && cur.numeric.count > 0 && sketch.count() > 0) {
      const d = numericDrift(sketch, cur.sketch, n.min, n.max);
      const edges = [n.min, ...Array.from({ length: 9 }, (_, i) => n.min + ((n.max - n.min) * (i + 1)) / 10)];
      const labels = edges.map((e, i) => (i === 0 ? `< ${fmt(edges[1] ?? e)}` : `≥ ${fmt(e)}`));
      features.push({
        ...row,
        kind: "numeric",
        drifted: d.psi > t.psi,
        psi: d.psi,
        ks: d.ks,
        ksPValue: d.ksPValue,
        jensenShannon: d.jensenShannon,
        labels,
        baselineShares: d.baselineShares,
        currentShares: d.currentShares,
      });
      continue;
    }
    const cats = baselineCategories(base);
    if (cats && cur.categories.size > 0) {
      const d = categoricalDrift(cats, cur.categories);
      features.push({
        ...row,
        kind: "categorical",
        drifted: d.jensenShannon > t.jensenShannon,
        chiSquared: d.chiSquared,
        chiSquaredPValue: d.chiSquaredPValue,
        jensenShannon: d.jensenShannon,
        labels: d.categories,
        baselineShares: d.baselineShares,
        currentShares: d.currentShares,
      });
    }
  }
  features.sort(
    (a, b) => Number(b.drifted) - Number(a.drifted) || (b.psi ?? b.jensenShannon) - (a.psi ?? a.jensenShannon),
  );
  const driftedCount = features.filter((f) => f.drifted).length;
  const share = features.length === 0 ? 0 : driftedCount / features.length;
  return { features, driftedCount, share, datasetDrifted: share > t.datasetShare, thresholds: t };
}
