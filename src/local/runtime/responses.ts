/**
 * The SageMaker Runtime's InvokeEndpoint on the wire (restJson1): parses and validates the call,
 * then runs the steps of `invoke.ts` (route to a variant, call its model, capture) and writes the
 * answer as AWS does. 2xx answers are handed to the capture writer synchronously, after the
 * response is written (capture never delays or fails an invocation).
 *
 * Decisions: only 2xx invocations are captured (whether AWS captures ModelErrors is not known);
 * a model that cannot be reached is a `ModelError` with `OriginalStatusCode` 0, like AWS's
 * container-timeout error; an endpoint that exists but takes no traffic is a `ValidationError`.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { readBoundedBody } from "../http/body";
import { RUNTIME_PATH } from "../http/router";
import type { ServiceHandler } from "../http/service";
import type { AccountScope } from "../sagemaker/arn";
import type { ControlPlane } from "../sagemaker/control-plane";
import { SageMakerRuntimeErrors as Errors, sendRuntimeError } from "./errors";
import { MAX_PAYLOAD_BYTES, readInvokeHeaders, validateEndpointName, validateInvokeHeaders } from "./validation";
import type { InvocationRequest, InvocationResponse } from "../serving/backend";
import type { RuntimeCounters } from "./counters";
import { captureInvocation, invokeModel, isInvokeFailure, routeInvocation, type CaptureSink } from "./invoke";

/** Dependencies of {@link createRuntimeHandler}. */
interface RuntimeOptions {
  controlPlane: ControlPlane;
  scope: AccountScope;
  capture?: CaptureSink;
  /** Variant-choice RNG (seed it for reproducible splits). */
  random?: () => number;
  onError?: (err: Error) => void;
}

/** The runtime handler plus its counters. */
interface RuntimeService {
  handler: ServiceHandler;
  counters(endpointName: string): RuntimeCounters;
}

/** A parsed InvokeEndpoint call. */
interface ParsedInvoke {
  name: string;
  targetVariant?: string;
  request: InvocationRequest;
}

/** A request the runtime refuses before any model sees it: what to answer. */
interface Refusal {
  refuse: (res: ServerResponse) => void;
}

/** Reads and checks an InvokeEndpoint request: path, body (bounded), headers. */
async function parseInvoke(req: IncomingMessage): Promise<ParsedInvoke | Refusal> {
  const url = new URL(req.url ?? "/", "http://localhost");
  const m = RUNTIME_PATH.exec(url.pathname);
  if (req.method !== "POST" || !m) {
    const message = `No runtime operation at ${req.method} ${url.pathname}.`;
    return { refuse: (res) => sendRuntimeError(res, Errors.unknownOperation(message)) };
  }
  let name: string;
  try {
    name = decodeURIComponent(m[1]);
  } catch {
    return {
      refuse: (res) =>
        sendRuntimeError(res, Errors.validation("The endpoint name in the path is not valid percent-encoding.")),
    };
  }
  const { body, tooLarge } = await readBoundedBody(req, MAX_PAYLOAD_BYTES);
  if (tooLarge) {
    return {
      refuse: (res) =>
        sendRuntimeError(
          res,
          Errors.validation(`Request payload is larger than the limit of ${MAX_PAYLOAD_BYTES} bytes.`),
          true,
        ),
    };
  }
  if (m[2] !== "invocations") {
    return {
      refuse: (res) =>
        sendRuntimeError(
          res,
          Errors.validation(`${m[2]} is not supported by the Capture Lab local stack; use InvokeEndpoint.`),
        ),
    };
  }
  const h = readInvokeHeaders(req.headers);
  const problem = validateEndpointName(name) ?? validateInvokeHeaders(h);
  if (problem) return { refuse: (res) => sendRuntimeError(res, Errors.validation(problem)) };
  const { targetVariant, contentType, accept, customAttributes, inferenceId, targetModel, enableExplanations } = h;
  return {
    name,
    targetVariant,
    request: { body, contentType, accept, customAttributes, inferenceId, targetModel, enableExplanations },
  };
}

/** Writes the model's 2xx answer with the runtime's headers. */
function writeInvokeResponse(res: ServerResponse, variantName: string, answer: InvocationResponse): void {
  const headers: Record<string, string | number> = {
    "x-amzn-invoked-production-variant": variantName,
    "x-amzn-requestid": crypto.randomUUID(),
    "content-length": answer.body.length,
  };
  if (answer.contentType !== undefined) headers["content-type"] = answer.contentType;
  if (answer.customAttributes !== undefined) headers["x-amzn-sagemaker-custom-attributes"] = answer.customAttributes;
  res.writeHead(answer.status, headers);
  res.end(answer.body);
}

/** Creates the InvokeEndpoint handler: parse -> route -> invoke -> answer -> capture. */
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
    const parsed = await parseInvoke(req);
    if ("refuse" in parsed) return parsed.refuse(res);
    const { name, request } = parsed;
    const route = routeInvocation(opts.controlPlane, opts.scope, name, parsed.targetVariant, random);
    if (isInvokeFailure(route)) return sendRuntimeError(res, Errors.validation(route.message));
    const count = countersFor(route.endpoint.record.name);
    count.invocations++;
    const answer = await invokeModel(route.variant, request);
    if (isInvokeFailure(answer)) {
      count.modelErrors++;
      if (answer.originalStatus === 0) opts.onError?.(new Error(answer.message));
      return sendRuntimeError(res, Errors.model(opts.scope, name, answer.originalStatus, answer.message));
    }
    writeInvokeResponse(res, route.variant.variantName, answer);
    // Same tick as the answer: a flush requested after the client got its response sees the record.
    try {
      captureInvocation(opts.capture, route, request, answer, time);
    } catch (err) {
      count.notCapturedErrors++;
      opts.onError?.(err as Error);
    }
  };
  return { handler, counters: (n) => ({ ...countersFor(n) }) };
}
