/**
 * Output shapes of Describe* and List* (docs/local-stack-wire.md §2.3, §2.5). Times go out as epoch
 * seconds with millisecond fractions, the awsJson1_1 timestamp format.
 */
import { summarizeDataCaptureConfig } from "../../capture";
import type {
  DeploymentSnapshot,
  EndpointConfigRecord,
  EndpointRecord,
  JsonObject,
  ModelRecord,
  VariantPlan,
} from "./types";

/** Epoch milliseconds to the wire's epoch seconds. */
function epochSeconds(ms: number): number {
  return ms / 1000;
}

/** DescribeModel output. */
export function describeModel(rec: ModelRecord): JsonObject {
  return { ...rec.input, ModelName: rec.name, ModelArn: rec.arn, CreationTime: epochSeconds(rec.creationTime) };
}

/** DescribeEndpointConfig output: the create input echoed back plus ARN and time. */
export function describeEndpointConfig(rec: EndpointConfigRecord): JsonObject {
  return {
    ...rec.input,
    EndpointConfigName: rec.name,
    EndpointConfigArn: rec.arn,
    CreationTime: epochSeconds(rec.creationTime),
  };
}

function deployedImages(v: VariantPlan, snap: DeploymentSnapshot): JsonObject[] {
  const image = v.container?.Image;
  if (!image) return [];
  return [{ SpecifiedImage: image, ResolvedImage: image, ResolutionTime: epochSeconds(snap.startTime) }];
}

function variantSummary(v: VariantPlan, snap: DeploymentSnapshot, starting: boolean): JsonObject {
  const out: JsonObject = { VariantName: v.variantName, DeployedImages: deployedImages(v, snap) };
  out.CurrentWeight = v.weight;
  out.DesiredWeight = v.weight;
  if (v.serverlessConfig) {
    out.CurrentServerlessConfig = v.serverlessConfig;
    out.DesiredServerlessConfig = v.serverlessConfig;
  } else {
    // While creating, no instance serves yet.
    out.CurrentInstanceCount = starting ? 0 : v.instanceCount;
    out.DesiredInstanceCount = v.instanceCount;
  }
  if (starting) out.VariantStatus = [{ Status: "Creating", StartTime: epochSeconds(snap.startTime) }];
  return out;
}

/** DescribeEndpoint output, with the capture summary of the serving config when it has one. */
export function describeEndpoint(rec: EndpointRecord): JsonObject {
  const out: JsonObject = {
    EndpointName: rec.name,
    EndpointArn: rec.arn,
    EndpointConfigName: rec.current.config.name,
    ProductionVariants: rec.current.variants.map((v) => variantSummary(v, rec.current, rec.status === "Creating")),
  };
  const capture = rec.current.config.input.DataCaptureConfig;
  if (capture !== undefined) out.DataCaptureConfig = summarizeDataCaptureConfig(capture as never);
  out.EndpointStatus = rec.status;
  if (rec.failureReason !== undefined) out.FailureReason = rec.failureReason;
  out.CreationTime = epochSeconds(rec.creationTime);
  out.LastModifiedTime = epochSeconds(rec.lastModifiedTime);
  if (rec.pending) {
    const p = rec.pending;
    out.PendingDeploymentSummary = {
      EndpointConfigName: p.config.name,
      ProductionVariants: p.variants.map((v) => {
        const s = variantSummary(v, p, true);
        delete s.CurrentWeight;
        delete s.CurrentInstanceCount;
        delete s.CurrentServerlessConfig;
        return s;
      }),
      StartTime: epochSeconds(p.startTime),
    };
  }
  return out;
}

/** ListEndpoints item. */
export function endpointSummary(rec: EndpointRecord): JsonObject {
  return {
    EndpointName: rec.name,
    EndpointArn: rec.arn,
    CreationTime: epochSeconds(rec.creationTime),
    LastModifiedTime: epochSeconds(rec.lastModifiedTime),
    EndpointStatus: rec.status,
  };
}

/** ListEndpointConfigs item. */
export function endpointConfigSummary(rec: EndpointConfigRecord): JsonObject {
  return { EndpointConfigName: rec.name, EndpointConfigArn: rec.arn, CreationTime: epochSeconds(rec.creationTime) };
}

/** ListModels item. */
export function modelSummary(rec: ModelRecord): JsonObject {
  return { ModelName: rec.name, ModelArn: rec.arn, CreationTime: epochSeconds(rec.creationTime) };
}
