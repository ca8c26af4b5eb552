/**
 * The constraints a baseline suggests from its statistics (Deequ's suggestion rules as Model
 * Monitor uses them): observed `completeness`, `is_non_negative` when the minimum is >= 0,
 * `domains` for string features that look categorical, and the default `monitoring_config`.
 * Pure.
 */
import { defaultMonitoringConfig, type ConstraintsFile, type FeatureConstraints } from "./files/constraints-file";
import type { StatisticsFile } from "./files/statistics-file";

/**
 * Suggests constraints.json from statistics.json. A string feature gets `domains` when every
 * distinct value is in its buckets and at most 10% of its values occur only once (Deequ's
 * `CategoricalRangeRule` idea; AWS's exact rule is not public).
 * @example
 * const constraints = suggestConstraints(statistics);
 */
export function suggestConstraints(stats: StatisticsFile): ConstraintsFile {
  const item = stats.dataset.item_count;
  const features: FeatureConstraints[] = stats.features.map((f) => {
    const common = f.numerical_statistics?.common ?? f.string_statistics?.common;
    const completeness = item === 0 || !common ? 0 : common.num_present / item;
    const out: FeatureConstraints = { name: f.name, inferred_type: f.inferred_type, completeness };
    if (f.numerical_statistics) {
      out.num_constraints = {
        is_non_negative: f.numerical_statistics.common.num_present > 0 && f.numerical_statistics.min >= 0,
      };
    } else if (f.string_statistics) {
      const buckets = f.string_statistics.distribution?.categorical?.buckets ?? [];
      const present = f.string_statistics.common.num_present;
      const singletons = buckets.filter((b) => b.count === 1).reduce((a, b) => a + b.count, 0);
      const complete = buckets.length === f.string_statistics.distinct_count;
      if (present > 0 && complete && singletons / present <= 0.1) {
        out.string_constraints = { domains: buckets.map((b) => b.value) };
      }
    }
    return out;
  });
  return { version: 0.0, features, monitoring_config: defaultMonitoringConfig() };
}
