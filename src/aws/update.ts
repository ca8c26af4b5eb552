/**
 * Reading and changing an endpoint's capture settings. A change copies the endpoint's current
 * config and touches only the requested capture fields: the Python SDK's
 * `enable_data_capture()` rebuilds the config from defaults instead (sampling back to 20 %,
 * destination and content types reset), and MLflow's update dropped capture entirely.
 */
import {
  CreateEndpointConfigCommand,
  DescribeEndpointCommand,
  DescribeEndpointConfigCommand,
  UpdateEndpointCommand,
  type CreateEndpointConfigCommandInput,
} from "@aws-sdk/client-sagemaker";
import type { DataCaptureConfig, DataCaptureConfigSummary } from "../capture/api-shapes";
import { buildDataCaptureConfig, DataCaptureConfigError, type DataCaptureOptions } from "../capture/config";
import type { CaptureLabSession } from "../session/connect";
import { uniqueName } from "./unique-name";
import { defaultConfigRetryDelays, retryWhileConfigMissing } from "./config-retry";
import { waitForInService, type StatusCallback, type WaiterTiming } from "./waiters";

/** The capture fields to change; unspecified fields keep their current values. */
export type DataCaptureChange = Partial<DataCaptureOptions> | { enableCapture: false };

/** Options of {@link updateDataCapture}. */
export interface UpdateCaptureOptions {
  /** Name of the new endpoint config (default `uniqueName(endpointName, { millis: true })`). */
  configName?: string;
  /** Waiter timing (default: short polls locally, a fixed 15 s for up to 30 min on AWS). */
  waiter?: WaiterTiming;
  /** Delays (ms) before retrying UpdateEndpoint on "Could not find endpoint configuration" (default: about 30 s in all on AWS). */
  retryDelaysMs?: readonly number[];
  /** Called with each new endpoint status while waiting. */
  onStatus?: StatusCallback;
}

/**
 * The endpoint's capture summary from DescribeEndpoint (`EnableCapture`, `CaptureStatus`,
 * `CurrentSamplingPercentage`, `DestinationS3Uri`, `KmsKeyId`), or `undefined` when its config has no capture.
 */
export async function describeCapture(
  session: CaptureLabSession,
  endpointName: string,
): Promise<DataCaptureConfigSummary | undefined> {
  const d = await session.sageMaker.send(new DescribeEndpointCommand({ EndpointName: endpointName }));
  return d.DataCaptureConfig;
}

/**
 * The {@link buildDataCaptureConfig} options that rebuild `cfg`: a content-type list `cfg` lacks
 * becomes `[]`, so the builder leaves it absent instead of adding its default.
 */
function optionsOf(cfg: DataCaptureConfig): DataCaptureOptions {
  const header = cfg.CaptureContentTypeHeader;
  return {
    ...(cfg.EnableCapture !== undefined ? { enableCapture: cfg.EnableCapture } : {}),
    samplingPercentage: cfg.InitialSamplingPercentage as number,
    destinationS3Uri: cfg.DestinationS3Uri as string,
    // Modes are kept as they are, unknown ones too, for validation to report.
    ...(cfg.CaptureOptions !== undefined
      ? { captureOptions: cfg.CaptureOptions.map((o) => o.CaptureMode) as DataCaptureOptions["captureOptions"] }
      : {}),
    csvContentTypes: header?.CsvContentTypes ?? [],
    jsonContentTypes: header?.JsonContentTypes ?? [],
    ...(cfg.KmsKeyId !== undefined ? { kmsKeyId: cfg.KmsKeyId } : {}),
  };
}

/**
 * Applies `change` to a copy of `current` (pure): `current` rebuilt with the change's fields in
 * place of its own, through {@link buildDataCaptureConfig} (same mode aliases, `[]` removing a
 * list, trailing `/` stripped). Without a current config, the change must carry at least
 * `samplingPercentage` and `destinationS3Uri` (built with the SDK defaults).
 * @throws DataCaptureConfigError listing every violated API constraint of the result.
 */
export function applyCaptureChange(
  current: DataCaptureConfig | undefined,
  change: DataCaptureChange,
): DataCaptureConfig {
  // A field given as `undefined` keeps its current value, as if it were left out.
  const c = Object.fromEntries(
    Object.entries(change).filter(([, v]) => v !== undefined),
  ) as Partial<DataCaptureOptions>;
  if (current === undefined) {
    if (c.samplingPercentage === undefined || c.destinationS3Uri === undefined) {
      throw new DataCaptureConfigError([
        ...(c.samplingPercentage === undefined
          ? [
              {
                field: "DataCaptureConfig.InitialSamplingPercentage",
                value: undefined,
                message: "Member must not be null (the endpoint has no capture config to copy it from)",
              },
            ]
          : []),
        ...(c.destinationS3Uri === undefined
          ? [
              {
                field: "DataCaptureConfig.DestinationS3Uri",
                value: undefined,
                message: "Member must not be null (the endpoint has no capture config to copy it from)",
              },
            ]
          : []),
      ]);
    }
    return buildDataCaptureConfig(c as DataCaptureOptions);
  }
  return buildDataCaptureConfig({ ...optionsOf(current), ...c });
}

// Members of DescribeEndpointConfig's output that CreateEndpointConfig does not take.
const OUTPUT_ONLY = new Set(["$metadata", "EndpointConfigName", "EndpointConfigArn", "CreationTime"]);

/**
 * Changes only the requested capture fields of a serving endpoint: creates a NEW endpoint config
 * copied from the endpoint's current one (variants, KMS key, async/explainer settings unchanged),
 * calls UpdateEndpoint and waits for InService. The old config is kept (teardown removes it).
 * Examples: `{ samplingPercentage: 0 }`, `{ enableCapture: false }`, `{ enableCapture: true }`.
 * @returns the new endpoint config name (the current one when disabling capture on an endpoint that has none).
 * @throws Error when the endpoint is not InService (AWS rejects updates then); DataCaptureConfigError
 *   for an invalid result; EndpointFailedError when the update fails.
 */
export async function updateDataCapture(
  session: CaptureLabSession,
  endpointName: string,
  change: DataCaptureChange,
  options: UpdateCaptureOptions = {},
): Promise<string> {
  const sm = session.sageMaker;
  const endpoint = await sm.send(new DescribeEndpointCommand({ EndpointName: endpointName }));
  if (endpoint.EndpointStatus !== "InService") {
    throw new Error(
      `updateDataCapture: endpoint ${endpointName} is ${endpoint.EndpointStatus}; it must be InService to be updated`,
    );
  }
  const currentName = endpoint.EndpointConfigName!;
  const current = await sm.send(new DescribeEndpointConfigCommand({ EndpointConfigName: currentName }));
  if (current.DataCaptureConfig === undefined && change.enableCapture === false && Object.keys(change).length === 1) {
    return currentName; // Nothing captures already: no update needed.
  }
  const capture = applyCaptureChange(current.DataCaptureConfig, change);

  const input: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(current)) if (!OUTPUT_ONLY.has(k) && v !== undefined) input[k] = v;
  const configName = options.configName ?? uniqueName(endpointName, { millis: true });
  const createInput = {
    ...input,
    EndpointConfigName: configName,
    DataCaptureConfig: capture,
  } as CreateEndpointConfigCommandInput;
  await sm.send(new CreateEndpointConfigCommand(createInput));
  const update = new UpdateEndpointCommand({ EndpointName: endpointName, EndpointConfigName: configName });
  await retryWhileConfigMissing(() => sm.send(update), options.retryDelaysMs ?? defaultConfigRetryDelays(session));
  const after = await waitForInService(session, endpointName, options.waiter, options.onStatus);
  if (after.EndpointConfigName !== configName) {
    // AWS rolls a failed update back to the old config and reports why.
    throw new Error(
      `updateDataCapture: endpoint ${endpointName} is InService on ${after.EndpointConfigName}, not ${configName}` +
        (after.FailureReason ? `; FailureReason: ${after.FailureReason}` : ""),
    );
  }
  return configName;
}
