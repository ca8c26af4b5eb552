/**
 * Stored control-plane resources. Inputs are kept as received (JSON) so Describe* can echo them;
 * an endpoint keeps its own snapshot of the config and of each variant's container, so deleting
 * a model or config in use does not break a running endpoint (or its restart).
 */
import type { ContainerSpec } from "../serving/backend";

/** A JSON object as parsed from a request body. */
export type JsonObject = Record<string, unknown>;

/**
 * An `@aws-sdk/client-sagemaker` input type as the control plane sees it once validated: the
 * members named by `K` present, and any other JSON the caller sent kept (Describe* echoes it).
 */
export type ValidInput<T, K extends keyof T = never> = T & { [P in K]-?: NonNullable<T[P]> } & JsonObject;

/** `EndpointStatus` values the emulator uses (a subset of the API enum). */
export type EndpointStatus = "Creating" | "Updating" | "InService" | "Failed" | "Deleting";

/** All values of the API's `EndpointStatus` enum (for input validation). */
export const ENDPOINT_STATUSES = [
  "OutOfService",
  "Creating",
  "Updating",
  "SystemUpdating",
  "RollingBack",
  "InService",
  "Deleting",
  "Failed",
  "UpdateRollbackFailed",
] as const;

/** A model created with CreateModel. Times are epoch milliseconds. */
export interface ModelRecord {
  name: string;
  arn: string;
  creationTime: number;
  /** The CreateModel input without `Tags`. */
  input: JsonObject;
}

/** An endpoint configuration created with CreateEndpointConfig. */
export interface EndpointConfigRecord {
  name: string;
  arn: string;
  creationTime: number;
  /** The CreateEndpointConfig input without `Tags`. */
  input: JsonObject;
}

/** What one production variant runs: resolved from the config and the model at deploy time. */
export interface VariantPlan {
  variantName: string;
  modelName: string;
  /** The model's (first) container, or undefined when the model no longer existed. */
  container?: ContainerSpec;
  /** `InitialVariantWeight ?? 1`. */
  weight: number;
  /** `InitialInstanceCount ?? 1` (undefined for serverless variants). */
  instanceCount?: number;
  serverlessConfig?: JsonObject;
}

/** A configuration an endpoint runs or is moving to. */
export interface DeploymentSnapshot {
  config: EndpointConfigRecord;
  variants: VariantPlan[];
  /** When the deployment started (epoch ms). */
  startTime: number;
}

/** An endpoint and its lifecycle state. */
export interface EndpointRecord {
  name: string;
  arn: string;
  creationTime: number;
  lastModifiedTime: number;
  status: EndpointStatus;
  failureReason?: string;
  /** The configuration that serves traffic (or is being created). */
  current: DeploymentSnapshot;
  /** The configuration an UpdateEndpoint is bringing up, while `Updating`. */
  pending?: DeploymentSnapshot;
}

/** Everything the control plane persists. */
export interface SageMakerStateData {
  version: 1;
  models: ModelRecord[];
  endpointConfigs: EndpointConfigRecord[];
  endpoints: EndpointRecord[];
}
