/** The SageMaker control plane of the local stack. */
export { ControlPlane, type ControlPlaneOptions, type ServingEndpoint } from "./control-plane";
export { createSageMakerHandler, type SageMakerHandlerOptions } from "./responses";
export { StateFile } from "./state-file";
export { sageMakerArn, endpointLogGroupArn, type AccountScope } from "./arn";
export type { LiveVariant, ModelLoader, HealthCheckOptions } from "./deployment";
export type { EndpointRecord, EndpointStatus } from "./types";
