/** One captured request sent again, as it was captured: payload bytes, content type, inference id, custom attributes. */
import { InvokeEndpointCommand } from "@aws-sdk/client-sagemaker-runtime";
import { customAttributesOf, decodeCaptureData, type CaptureRecord } from "../capture";
import type { SdkClient } from "../sdk-client";

/** The candidate's answer to one request. */
export interface CandidateAnswer {
  body: Uint8Array;
  contentType?: string;
  /** Milliseconds from sending to the whole answer. */
  latencyMs: number;
}

/** What a captured request is sent as. */
export interface CapturedRequest {
  body: Uint8Array;
  contentType?: string;
  inferenceId?: string;
  customAttributes?: string;
}

/**
 * The request a record captured, decoded.
 * @throws Error when the record has no captured input (output-only capture).
 */
export function capturedRequest(record: CaptureRecord): CapturedRequest {
  const input = record.captureData.endpointInput;
  if (!input) throw new Error("the record has no captured input (capture mode Output only)");
  const custom = customAttributesOf(record);
  return {
    body: decodeCaptureData(input).bytes,
    ...(input.observedContentType !== null ? { contentType: input.observedContentType } : {}),
    ...(record.eventMetadata.inferenceId !== undefined ? { inferenceId: record.eventMetadata.inferenceId } : {}),
    ...(custom !== undefined && custom.length > 0 ? { customAttributes: custom[0] } : {}),
  };
}

/** Sends one captured request to the endpoint (InvokeEndpoint). SDK errors are thrown unchanged. */
export async function sendCapturedRequest(
  runtime: SdkClient,
  endpointName: string,
  request: CapturedRequest,
  targetVariant?: string,
): Promise<CandidateAnswer> {
  const t0 = performance.now();
  const out = await runtime.send(
    new InvokeEndpointCommand({
      EndpointName: endpointName,
      Body: request.body,
      ...(request.contentType !== undefined ? { ContentType: request.contentType } : {}),
      ...(request.inferenceId !== undefined ? { InferenceId: request.inferenceId } : {}),
      ...(request.customAttributes !== undefined ? { CustomAttributes: request.customAttributes } : {}),
      ...(targetVariant !== undefined ? { TargetVariant: targetVariant } : {}),
    }),
  );
  const latencyMs = performance.now() - t0;
  return {
    body: out.Body ? Uint8Array.from(out.Body) : new Uint8Array(0),
    ...(out.ContentType !== undefined ? { contentType: out.ContentType } : {}),
    latencyMs,
  };
}
