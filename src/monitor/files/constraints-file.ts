/**
 * constraints.json ("Schema for Constraints"): types, AWS's `monitoring_config` defaults, a
 * reader keeping unknown fields, and a writer in AWS's format. Pure.
 */
import type { InferredType } from "../profile/data-type";
import { FieldReader } from "./file-error";
import { modelMonitorDoubles, toJacksonJson } from "./jackson-json";

/** Per-feature (or global) monitoring settings. */
export interface MonitoringConfig {
  evaluate_constraints?: "Enabled" | "Disabled" | string;
  emit_metrics?: "Enabled" | "Disabled" | string;
  datatype_check_threshold?: number;
  domain_content_threshold?: number;
  distribution_constraints?: DistributionConstraints;
  [extra: string]: unknown;
}

/** `monitoring_config.distribution_constraints`. */
export interface DistributionConstraints {
  perform_comparison?: "Enabled" | "Disabled" | string;
  /** Older files (aws/sagemaker-python-sdk tests) say `enable_comparisons: true`. */
  enable_comparisons?: boolean;
  comparison_threshold?: number;
  /** `Robust` / `Simple` (also `linf_robust` / `linf_simple` in one place of the guide). */
  comparison_method?: string;
  categorical_comparison_threshold?: number;
  /** `LInfinity` or `ChiSquared`. */
  categorical_drift_method?: string;
  [extra: string]: unknown;
}

/** One feature of constraints.json. */
export interface FeatureConstraints {
  name: string;
  inferred_type: InferredType;
  completeness?: number;
  num_constraints?: {
    is_non_negative?: boolean;
    monitoring_config_overrides?: MonitoringConfig;
    [extra: string]: unknown;
  };
  string_constraints?: { domains?: string[]; monitoring_config_overrides?: MonitoringConfig; [extra: string]: unknown };
  /** The guide also names per-feature overrides here. */
  monitoringConfigOverrides?: MonitoringConfig;
  [extra: string]: unknown;
}

/** constraints.json. */
export interface ConstraintsFile {
  version: number;
  features: FeatureConstraints[];
  monitoring_config?: MonitoringConfig;
  [extra: string]: unknown;
}

/**
 * The `monitoring_config` a Capture Lab baseline writes: the values found in constraints.json
 * files written by AWS baseline jobs (thresholds 1.0 for types and domains, `Robust`
 * comparison at 0.1, `LInfinity` categorical comparison at 0.1).
 */
export function defaultMonitoringConfig(): MonitoringConfig {
  return {
    evaluate_constraints: "Enabled",
    emit_metrics: "Enabled",
    datatype_check_threshold: 1.0,
    domain_content_threshold: 1.0,
    distribution_constraints: {
      perform_comparison: "Enabled",
      comparison_threshold: 0.1,
      comparison_method: "Robust",
      categorical_comparison_threshold: 0.1,
      categorical_drift_method: "LInfinity",
    },
  };
}

/** The settings in force for one feature: defaults, then the file's global config, then overrides. */
export interface EffectiveConfig {
  evaluate: boolean;
  datatypeThreshold: number;
  domainThreshold: number;
  compare: boolean;
  comparisonThreshold: number;
  comparisonMethod: "Robust" | "Simple";
  categoricalThreshold: number;
  categoricalMethod: "LInfinity" | "ChiSquared";
}

/** Resolves the settings for `feature` (or the dataset when omitted). */
export function effectiveConfig(constraints: ConstraintsFile, feature?: FeatureConstraints): EffectiveConfig {
  const layers: MonitoringConfig[] = [defaultMonitoringConfig(), constraints.monitoring_config ?? {}];
  if (feature) {
    for (const o of [
      feature.monitoringConfigOverrides,
      feature.num_constraints?.monitoring_config_overrides,
      feature.string_constraints?.monitoring_config_overrides,
    ])
      if (o) layers.push(o);
  }
  const pick = <T>(get: (c: MonitoringConfig) => T | undefined): T => {
    let v: T | undefined;
    for (const c of layers) v = get(c) ?? v;
    return v as T;
  };
  const method = String(pick((c) => c.distribution_constraints?.comparison_method)).toLowerCase();
  const catMethod = String(pick((c) => c.distribution_constraints?.categorical_drift_method)).toLowerCase();
  const compareFlag = pick((c) => {
    const d = c.distribution_constraints;
    if (d?.perform_comparison !== undefined) return d.perform_comparison !== "Disabled";
    if (d?.enable_comparisons !== undefined) return d.enable_comparisons;
    return undefined;
  });
  const comparisonThreshold = pick((c) => c.distribution_constraints?.comparison_threshold);
  const explicitCategorical = layers
    .slice(1)
    .map((c) => c.distribution_constraints?.categorical_comparison_threshold)
    .filter((v): v is number => v !== undefined)
    .pop();
  return {
    evaluate: pick((c) => c.evaluate_constraints) !== "Disabled",
    datatypeThreshold: pick((c) => c.datatype_check_threshold),
    domainThreshold: pick((c) => c.domain_content_threshold),
    compare: compareFlag,
    comparisonThreshold,
    comparisonMethod: method === "simple" || method === "linf_simple" ? "Simple" : "Robust",
    // A file that sets only comparison_threshold (older AWS files) applies it to categories too.
    categoricalThreshold: explicitCategorical ?? comparisonThreshold,
    categoricalMethod: catMethod === "chisquared" ? "ChiSquared" : "LInfinity",
  };
}

/**
 * Reads constraints.json text (Capture Lab's or AWS's), keeping unknown fields.
 * @throws MonitorFileError naming the file and the field.
 */
export function parseConstraints(text: string, file = "constraints.json"): ConstraintsFile {
  const r = new FieldReader(file);
  const root = r.object(r.json(text), "");
  r.number(root.version, "version");
  r.array(root.features, "features").forEach((f, i) => {
    const feature = r.object(f, `features[${i}]`);
    r.string(feature.name, `features[${i}].name`);
    r.string(feature.inferred_type, `features[${i}].inferred_type`);
    r.optionalNumber(feature.completeness, `features[${i}].completeness`);
    if (feature.string_constraints !== undefined) {
      const sc = r.object(feature.string_constraints, `features[${i}].string_constraints`);
      if (sc.domains !== undefined)
        r.array(sc.domains, `features[${i}].string_constraints.domains`).forEach((d, j) =>
          r.string(d, `features[${i}].string_constraints.domains[${j}]`),
        );
    }
  });
  if (root.monitoring_config !== undefined) {
    const mc = r.object(root.monitoring_config, "monitoring_config");
    r.optionalNumber(mc.datatype_check_threshold, "monitoring_config.datatype_check_threshold");
    r.optionalNumber(mc.domain_content_threshold, "monitoring_config.domain_content_threshold");
    if (mc.distribution_constraints !== undefined) {
      const dc = r.object(mc.distribution_constraints, "monitoring_config.distribution_constraints");
      r.optionalNumber(dc.comparison_threshold, "monitoring_config.distribution_constraints.comparison_threshold");
      r.optionalNumber(
        dc.categorical_comparison_threshold,
        "monitoring_config.distribution_constraints.categorical_comparison_threshold",
      );
    }
  }
  return root as unknown as ConstraintsFile;
}

/** constraints.json text in AWS's format. */
export function formatConstraints(constraints: ConstraintsFile): string {
  return toJacksonJson(constraints, modelMonitorDoubles);
}
