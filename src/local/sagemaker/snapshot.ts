/**
 * What an endpoint keeps of its configuration: a copy of the config and, per variant, the
 * model's container as it was at deploy time (so later deletes do not affect it).
 */
import type { ContainerSpec } from "../serving/backend";
import type { DeploymentSnapshot, EndpointConfigRecord, JsonObject, ModelRecord, VariantPlan } from "./types";

/** The create input without `Tags` (tags are accepted and not stored). */
export function withoutTags(input: JsonObject): JsonObject {
  const { Tags: _tags, ...rest } = input;
  return rest;
}

/**
 * The container a model runs: PrimaryContainer, else the first of Containers. Multi-container
 * (inference pipeline) models are served by their first container only.
 */
function firstContainer(input: JsonObject): ContainerSpec | undefined {
  if (input.PrimaryContainer) return input.PrimaryContainer as ContainerSpec;
  return Array.isArray(input.Containers) ? (input.Containers[0] as ContainerSpec | undefined) : undefined;
}

/** Resolves a config's variants against the current models into a deployable snapshot. */
export function takeSnapshot(
  config: EndpointConfigRecord,
  findModel: (name: string) => ModelRecord | undefined,
  now: number,
): DeploymentSnapshot {
  const variants: VariantPlan[] = (config.input.ProductionVariants as JsonObject[]).map((v) => {
    const model = findModel(String(v.ModelName));
    const serverless = v.ServerlessConfig as JsonObject | undefined;
    return {
      variantName: v.VariantName as string,
      modelName: v.ModelName as string,
      container: model ? firstContainer(model.input) : undefined,
      weight: typeof v.InitialVariantWeight === "number" ? v.InitialVariantWeight : 1,
      instanceCount: serverless ? undefined : typeof v.InitialInstanceCount === "number" ? v.InitialInstanceCount : 1,
      serverlessConfig: serverless,
    };
  });
  return { config: structuredClone(config), variants, startTime: now };
}
