/**
 * statistics.json ("Schema for Statistics" of the Model Monitor guide): types, a reader that
 * validates what Capture Lab uses and keeps every other field, and a writer in AWS's
 * format. Pure (text in, text out).
 */
import type { NumericBucket } from "../profile/buckets";
import type { InferredType } from "../profile/data-type";
import { FieldReader, MonitorFileError } from "./file-error";
import { modelMonitorDoubles, toJacksonJson } from "./jackson-json";

/** `common` block of a feature. */
export interface CommonStatistics {
  num_present: number;
  num_missing: number;
  [extra: string]: unknown;
}

/** The KLL distribution of a numeric feature. */
export interface KllDistribution {
  buckets: NumericBucket[];
  sketch: { parameters: { c: number; k: number }; data: number[][] };
  [extra: string]: unknown;
}

/** `numerical_statistics` of an Integral or Fractional feature. */
export interface NumericalStatistics {
  common: CommonStatistics;
  mean: number;
  sum: number;
  std_dev: number;
  min: number;
  max: number;
  distribution?: { kll?: KllDistribution; [extra: string]: unknown };
  [extra: string]: unknown;
}

/** One categorical bucket. */
export interface CategoricalBucket {
  value: string;
  count: number;
}

/** `string_statistics` of a String feature. */
export interface StringStatistics {
  common: CommonStatistics;
  distinct_count: number;
  distribution?: { categorical?: { buckets: CategoricalBucket[] }; [extra: string]: unknown };
  [extra: string]: unknown;
}

/** One feature of statistics.json. */
export interface FeatureStatistics {
  name: string;
  inferred_type: InferredType;
  numerical_statistics?: NumericalStatistics;
  string_statistics?: StringStatistics;
  [extra: string]: unknown;
}

/** statistics.json. */
export interface StatisticsFile {
  version: number;
  dataset: { item_count: number; [extra: string]: unknown };
  features: FeatureStatistics[];
  [extra: string]: unknown;
}

const TYPES = new Set(["Integral", "Fractional", "String", "Unknown"]);

/**
 * Reads statistics.json text (Capture Lab's or AWS's). Fields Capture Lab does not use are
 * kept as they are. `file` names the file in errors.
 * @throws MonitorFileError naming the file and the field.
 */
export function parseStatistics(text: string, file = "statistics.json"): StatisticsFile {
  const r = new FieldReader(file);
  const root = r.object(r.json(text), "");
  r.number(root.version, "version");
  r.number(r.object(root.dataset, "dataset").item_count, "dataset.item_count");
  r.array(root.features, "features").forEach((f, i) => {
    const at = `features[${i}]`;
    const feature = r.object(f, at);
    r.string(feature.name, `${at}.name`);
    const type = r.string(feature.inferred_type, `${at}.inferred_type`);
    if (!TYPES.has(type))
      throw new MonitorFileError(
        file,
        `${at}.inferred_type`,
        `Integral, Fractional, String or Unknown, got ${JSON.stringify(type)}`,
      );
    for (const key of ["numerical_statistics", "string_statistics"] as const) {
      if (feature[key] === undefined) continue;
      const stats = r.object(feature[key], `${at}.${key}`);
      const common = r.object(stats.common, `${at}.${key}.common`);
      r.number(common.num_present, `${at}.${key}.common.num_present`);
      r.number(common.num_missing, `${at}.${key}.common.num_missing`);
      const dist =
        stats.distribution === undefined ? undefined : r.object(stats.distribution, `${at}.${key}.distribution`);
      if (dist?.kll !== undefined) {
        const kll = r.object(dist.kll, `${at}.${key}.distribution.kll`);
        r.array(kll.buckets, `${at}.${key}.distribution.kll.buckets`);
        if (kll.sketch !== undefined) {
          const sketch = r.object(kll.sketch, `${at}.${key}.distribution.kll.sketch`);
          r.array(sketch.data, `${at}.${key}.distribution.kll.sketch.data`).forEach((level, j) =>
            r
              .array(level, `${at}.${key}.distribution.kll.sketch.data[${j}]`)
              .forEach((x, m) => r.number(x, `${at}.${key}.distribution.kll.sketch.data[${j}][${m}]`)),
          );
        }
      }
      if (dist?.categorical !== undefined) {
        const cat = r.object(dist.categorical, `${at}.${key}.distribution.categorical`);
        r.array(cat.buckets, `${at}.${key}.distribution.categorical.buckets`).forEach((b, j) => {
          const bucket = r.object(b, `${at}.${key}.distribution.categorical.buckets[${j}]`);
          r.number(bucket.count, `${at}.${key}.distribution.categorical.buckets[${j}].count`);
        });
      }
    }
  });
  return root as unknown as StatisticsFile;
}

/** statistics.json text in AWS's format (Jackson pretty printing, Java doubles). */
export function formatStatistics(stats: StatisticsFile): string {
  return toJacksonJson(stats, modelMonitorDoubles);
}
