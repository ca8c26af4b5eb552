/**
 * InvokeEndpoint without HTTP: choose the endpoint's variant, call its model, and hand a 2xx
 * answer to the capture sink. The wire handler (`responses.ts`) parses requests and writes
 * answers around these steps.
 */
import type { CaptureSettings } from "../../capture/config";
import type { CaptureInvocation, CaptureOutcome, CaptureStreamId } from "../capture-writer/types";
import type { AccountScope } from "../sagemaker/arn";
import type { ControlPlane } from "../sagemaker/control-plane";
import type { LiveVariant } from "../sagemaker/deployment";
import type { ServingEndpoint } from "../sagemaker/endpoint-lifecycle";
import type { InvocationRequest, InvocationResponse } from "../serving/backend";
import { pickWeighted } from "./variant";

/** The part of the capture writer the runtime uses. */
export interface CaptureSink {
  capture(id: CaptureStreamId, settings: CaptureSettings, inv: CaptureInvocation): CaptureOutcome;
}

/** A call the runtime refuses with a `ValidationError`. */
interface ValidationFailure {
  kind: "validation";
  message: string;
}

/** A model that answered non-2xx, or not at all (`originalStatus` 0): a `ModelError`. */
interface ModelFailure {
  kind: "model";
  originalStatus: number;
  message: string;
}

/** The endpoint and variant an invocation goes to. */
export interface InvokeRoute {
  endpoint: ServingEndpoint;
  variant: LiveVariant;
}

/**
 * Finds the serving endpoint and picks its variant: the one the caller targets, else by weight.
 * @returns the route, or a validation failure with AWS's text.
 */
export function routeInvocation(
  controlPlane: ControlPlane,
  scope: AccountScope,
  name: string,
  targetVariant: string | undefined,
  random: () => number,
): InvokeRoute | ValidationFailure {
  const { record, serving } = controlPlane.lookup(name);
  if (!record) return { kind: "validation", message: `Endpoint ${name} of account ${scope.accountId} not found.` };
  if (!serving) {
    return {
      kind: "validation",
      message: `Endpoint ${name} of account ${scope.accountId} is not in service (status: ${record.status}).`,
    };
  }
  if (targetVariant === undefined) return { endpoint: serving, variant: pickWeighted(serving.variants, random) };
  const found = serving.variants.find((v) => v.variantName === targetVariant);
  if (!found) return { kind: "validation", message: `Variant ${targetVariant} not found for endpoint ${name}.` };
  return { endpoint: serving, variant: found };
}

/**
 * Calls the variant's model. A model that cannot be reached is a model failure with original
 * status 0, like AWS's container-timeout error; a non-2xx answer is a model failure with its status.
 */
export async function invokeModel(
  variant: LiveVariant,
  request: InvocationRequest,
): Promise<InvocationResponse | ModelFailure> {
  let answer: InvocationResponse;
  try {
    answer = await variant.backend.invoke(request);
  } catch (err) {
    return { kind: "model", originalStatus: 0, message: `Could not reach the model: ${(err as Error).message}` };
  }
  if (answer.status < 200 || answer.status > 299) {
    return { kind: "model", originalStatus: answer.status, message: answer.body.toString("utf8") };
  }
  return answer;
}

/** Whether a step returned a failure rather than its result (results have no `kind`). */
export function isInvokeFailure<F extends ValidationFailure | ModelFailure>(x: object | F): x is F {
  return "kind" in x;
}

/**
 * Hands a 2xx invocation to the capture sink when the endpoint's live config captures. Only 2xx
 * invocations are captured: whether AWS captures ModelErrors is not public.
 */
export function captureInvocation(
  sink: CaptureSink | undefined,
  route: InvokeRoute,
  request: InvocationRequest,
  answer: InvocationResponse,
  time: Date,
): CaptureOutcome | undefined {
  const settings = route.endpoint.capture;
  if (!settings || !sink) return undefined;
  return sink.capture({ endpointName: route.endpoint.record.name, variantName: route.variant.variantName }, settings, {
    request: { body: request.body, contentType: request.contentType },
    response: { body: answer.body, contentType: answer.contentType },
    inferenceId: request.inferenceId,
    customAttributes: request.customAttributes,
    time,
  });
}
