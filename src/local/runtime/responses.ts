/**
 * The SageMaker Runtime's InvokeEndpoint (restJson1, sagemaker-wire.md §3): validates the call,
 * picks a variant, forwards to its model and answers as AWS does; 2xx answers are handed to the
 * capture writer synchronously (capture never delays or fails an invocation).
 *
 * Decisions: only 2xx invocations are captured (whether AWS captures ModelErrors is not known);
 * a model that cannot be reached is a `ModelError` with `OriginalStatusCode` 0, like AWS's
 * container-timeout error; an endpoint that exists but takes no traffic is a `ValidationError`.
 */
import type { CaptureSettings } from "../../capture/config";
import type { CaptureInvocation, CaptureOutcome, CaptureStreamId } from "../capture-writer/types";
import { readBoundedBody } from "../http/body";
import type { ServiceHandler } from "../http/service";
import type { AccountScope } from "../sagemaker/arn";
import type { ControlPlane } from "../sagemaker/control-plane";
import { sendModelError, sendRuntimeError, sendValidationError } from "./errors";
import { MAX_PAYLOAD_BYTES, readInvokeHeaders, validateEndpointName, validateInvokeHeaders } from "./validation";
import { pickWeighted } from "./variant";

/** The part of the capture writer the runtime uses. */
export interface CaptureSink {
  capture(id: CaptureStreamId, settings: CaptureSettings, inv: CaptureInvocation): CaptureOutcome;
}

/** Per-endpoint invocation counters kept by the runtime. */
export interface RuntimeCounters {
  invocations: number;
  modelErrors: number;
  notCapturedErrors: number;
}

/** Dependencies of {@link createRuntimeHandler}. */
export interface RuntimeOptions {
  models: ControlPlane;
  scope: AccountScope;
  capture?: CaptureSink;
  /** Variant-choice RNG (seed it for reproducible splits). */
  random?: () => number;
  onError?: (err: Error) => void;
}

/** The runtime handler plus its counters. */
export interface RuntimeService {
  handler: ServiceHandler;
  counters(endpointName: string): RuntimeCounters;
}

/** Matches `/endpoints/{name}/{operation}`. */
const PATH = /^\/endpoints\/([^/]+)\/(invocations|invocations-response-stream|async-invocations)$/;

/** Creates the InvokeEndpoint handler. */
export function createRuntimeHandler(opts: RuntimeOptions): RuntimeService {
  const random = opts.random ?? Math.random;
  const counters = new Map<string, RuntimeCounters>();
  const countersFor = (name: string): RuntimeCounters => {
    let c = counters.get(name);
    if (!c) counters.set(name, (c = { invocations: 0, modelErrors: 0, notCapturedErrors: 0 }));
    return c;
  };
  const handler: ServiceHandler = async (req, res) => {
    const time = new Date();
    const url = new URL(req.url ?? "/", "http://localhost");
    const m = PATH.exec(url.pathname);
    if (req.method !== "POST" || !m) {
      return sendRuntimeError(res, 404, "UnknownOperationException", { Message: `No runtime operation at ${req.method} ${url.pathname}.` });
    }
    let name: string;
    try {
      name = decodeURIComponent(m[1]);
    } catch {
      return sendValidationError(res, "The endpoint name in the path is not valid percent-encoding.");
    }
    const { body, tooLarge } = await readBoundedBody(req, MAX_PAYLOAD_BYTES);
    if (tooLarge) {
      return sendValidationError(res, `Request payload is larger than the limit of ${MAX_PAYLOAD_BYTES} bytes.`, true);
    }
    if (m[2] !== "invocations") {
      return sendValidationError(res, `${m[2]} is not supported by the Capture Lab local stack; use InvokeEndpoint.`);
    }
    const h = readInvokeHeaders(req.headers);
    const problem = validateEndpointName(name) ?? validateInvokeHeaders(h);
    if (problem) return sendValidationError(res, problem);

    const { record, serving } = opts.models.lookup(name);
    if (!record) return sendValidationError(res, `Endpoint ${name} of account ${opts.scope.accountId} not found.`);
    if (!serving) {
      return sendValidationError(res, `Endpoint ${name} of account ${opts.scope.accountId} is not in service (status: ${record.status}).`);
    }
    let variant = serving.variants[0];
    if (h.targetVariant !== undefined) {
      const found = serving.variants.find((v) => v.variantName === h.targetVariant);
      if (!found) return sendValidationError(res, `Variant ${h.targetVariant} not found for endpoint ${name}.`);
      variant = found;
    } else {
      variant = pickWeighted(serving.variants, random);
    }
    const count = countersFor(record.name);
    count.invocations++;
    let answer;
    try {
      answer = await variant.backend.invoke({
        body,
        contentType: h.contentType,
        accept: h.accept,
        customAttributes: h.customAttributes,
        inferenceId: h.inferenceId,
        targetModel: h.targetModel,
        enableExplanations: h.enableExplanations,
      });
    } catch (err) {
      count.modelErrors++;
      opts.onError?.(err as Error);
      return sendModelError(res, opts.scope, name, 0, `Could not reach the model: ${(err as Error).message}`);
    }
    if (answer.status < 200 || answer.status > 299) {
      count.modelErrors++;
      return sendModelError(res, opts.scope, name, answer.status, answer.body.toString("utf8"));
    }
    const headers: Record<string, string | number> = {
      "x-amzn-invoked-production-variant": variant.variantName,
      "x-amzn-requestid": crypto.randomUUID(),
      "content-length": answer.body.length,
    };
    if (answer.contentType !== undefined) headers["content-type"] = answer.contentType;
    if (answer.customAttributes !== undefined) headers["x-amzn-sagemaker-custom-attributes"] = answer.customAttributes;
    res.writeHead(answer.status, headers);
    res.end(answer.body);
    // Same tick as the answer: a flush requested after the client got its response sees the record.
    const settings = serving.capture;
    if (settings && opts.capture) {
      try {
        opts.capture.capture({ endpointName: record.name, variantName: variant.variantName }, settings, {
          request: { body, contentType: h.contentType },
          response: { body: answer.body, contentType: answer.contentType },
          inferenceId: h.inferenceId,
          customAttributes: h.customAttributes,
          time,
        });
      } catch (err) {
        count.notCapturedErrors++;
        opts.onError?.(err as Error);
      }
    }
  };
  return { handler, counters: (n) => ({ ...countersFor(n) }) };
}
