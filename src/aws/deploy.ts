/**
 * Step 4 of the AWS page: create model, endpoint config (with DataCaptureConfig) and endpoint,
 * then wait until it serves. Updating capture and tearing down live in `update.ts`/`teardown.ts`.
 */
import {
  CreateEndpointCommand,
  CreateEndpointConfigCommand,
  CreateModelCommand,
  DeleteEndpointConfigCommand,
  DeleteModelCommand,
  type ProductionVariantInstanceType,
} from "@aws-sdk/client-sagemaker";
import type { DataCaptureConfig } from "../capture/api-shapes";
import { formatValidationMessage } from "../capture/validation";
import { validateResourceName } from "../capture/resource-names";
import { validateDataCaptureConfig } from "../capture/config";
import type { CaptureLabSession } from "../session/connect";
import { DEFAULT_INSTANCE_TYPE } from "../session/target";
import { checkDeployment, DeploymentCheckError } from "./deploy-checks";
import { defaultConfigRetryDelays, retryWhileConfigMissing } from "./config-retry";
import { waitForInService, type EndpointDescription, type StatusCallback, type WaiterTiming } from "./waiters";

/** Options of {@link deployModel}. */
export interface DeployOptions {
  /** Endpoint name (see `uniqueName`). */
  endpointName: string;
  /** Model name (default: the endpoint name, as the SageMaker Python SDK does). */
  modelName?: string;
  /** Endpoint config name (default: the endpoint name). */
  configName?: string;
  /** `s3://` URI of `model.tar.gz` (from `uploadModelArtifact`). */
  modelDataUrl: string;
  /** Inference image (default: the session's). */
  imageUri?: string;
  /** Variant name (default `AllTraffic`). */
  variantName?: string;
  /** Instance type (default: the session's, `CAPTURE_LAB_INSTANCE_TYPE`, else `ml.m5.xlarge`). */
  instanceType?: string;
  /** Instance count (default 1). */
  instanceCount?: number;
  /** Capture settings (from `buildDataCaptureConfig`); omitted: no capture. */
  dataCapture?: DataCaptureConfig;
  /** Environment variables for the container. */
  environment?: Record<string, string>;
  /** Waiter timing (default: short polls locally, a fixed 15 s for up to 30 min on AWS). */
  waiter?: WaiterTiming;
  /** Delays (ms) before retrying CreateEndpoint on "Could not find endpoint configuration" (default: about 30 s in all on AWS). */
  retryDelaysMs?: readonly number[];
  /** Called with each new endpoint status while waiting. */
  onStatus?: StatusCallback;
  /** Check buckets, regions and the artifact first (`checkDeployment`); default: on AWS only. */
  check?: boolean;
}

/** Resource names a deployment created. */
export interface DeploymentNames {
  endpointName: string;
  configName: string;
  modelName: string;
}

/**
 * Creates the model, the endpoint config (one variant, weight 1, with `dataCapture`) and the
 * endpoint, then waits for `InService` (`waitForInService`). On AWS it first runs
 * `checkDeployment` (buckets in the session's region, artifact present). CreateEndpoint is
 * retried while SageMaker does not see the new config yet. If creating the config or the
 * endpoint is rejected, the resources this call created are deleted again before rethrowing.
 * @returns the endpoint's DescribeEndpoint output once InService.
 * @throws Error listing invalid names/capture settings before any call; DeploymentCheckError
 *   before any resource is created; EndpointFailedError with the FailureReason when the
 *   endpoint ends Failed; EndpointWaitError when the wait gives up (last status and error).
 */
export async function deployModel(session: CaptureLabSession, options: DeployOptions): Promise<EndpointDescription> {
  const endpointName = options.endpointName;
  const modelName = options.modelName ?? endpointName;
  const configName = options.configName ?? endpointName;
  const variantName = options.variantName ?? "AllTraffic";
  const issues = [
    ...validateResourceName(endpointName, "EndpointName"),
    ...validateResourceName(modelName, "ModelName"),
    ...validateResourceName(configName, "EndpointConfigName"),
    ...validateResourceName(variantName, "VariantName"),
    ...(options.dataCapture !== undefined ? validateDataCaptureConfig(options.dataCapture) : []),
  ];
  if (typeof options.modelDataUrl !== "string" || !/^(s3|https):\/\/[^/]/.test(options.modelDataUrl)) {
    issues.push({
      field: "ModelDataUrl",
      value: options.modelDataUrl,
      message: "Member must be an s3:// URI of model.tar.gz",
    });
  }
  const instanceCount = options.instanceCount ?? 1;
  if (!Number.isInteger(instanceCount) || instanceCount < 1) {
    issues.push({ field: "InitialInstanceCount", value: instanceCount, message: "Member must be an integer >= 1" });
  }
  if (issues.length > 0) throw new Error(`deployModel: ${formatValidationMessage(issues)}`);
  if (options.check ?? session.target.kind === "aws") {
    const check = await checkDeployment(session, {
      modelDataUrl: options.modelDataUrl,
      dataCapture: options.dataCapture,
    });
    if (check.problems.length > 0) throw new DeploymentCheckError(check);
  }

  const sm = session.sageMaker;
  await sm.send(
    new CreateModelCommand({
      ModelName: modelName,
      ExecutionRoleArn: session.roleArn,
      PrimaryContainer: {
        Image: options.imageUri ?? session.imageUri,
        ModelDataUrl: options.modelDataUrl,
        ...(options.environment ? { Environment: options.environment } : {}),
      },
    }),
  );
  let configCreated = false;
  try {
    await sm.send(
      new CreateEndpointConfigCommand({
        EndpointConfigName: configName,
        ProductionVariants: [
          {
            VariantName: variantName,
            ModelName: modelName,
            InitialInstanceCount: instanceCount,
            InstanceType: (options.instanceType ??
              session.instanceType ??
              DEFAULT_INSTANCE_TYPE) as ProductionVariantInstanceType,
            InitialVariantWeight: 1,
          },
        ],
        ...(options.dataCapture !== undefined ? { DataCaptureConfig: options.dataCapture } : {}),
      }),
    );
    configCreated = true;
    const create = new CreateEndpointCommand({ EndpointName: endpointName, EndpointConfigName: configName });
    await retryWhileConfigMissing(() => sm.send(create), options.retryDelaysMs ?? defaultConfigRetryDelays(session));
  } catch (e) {
    // Roll back what this call created so a retry with the same names works.
    if (configCreated)
      await sm.send(new DeleteEndpointConfigCommand({ EndpointConfigName: configName })).catch(() => undefined);
    await sm.send(new DeleteModelCommand({ ModelName: modelName })).catch(() => undefined);
    throw e;
  }
  return waitForInService(session, endpointName, options.waiter, options.onStatus);
}
