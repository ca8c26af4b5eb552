/**
 * The control plane's wire half (awsJson1_1, docs/local-stack-wire.md §2.1): parses the JSON body,
 * dispatches on `X-Amz-Target: SageMaker.<Op>`, serializes results and errors. State and
 * lifecycle live in {@link ControlPlane}.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { ServiceHandler } from "../http/service";
import { readBoundedBody } from "../http/body";
import { BodySignatureError } from "../http/signed-body";
import {
  describeEndpoint,
  describeEndpointConfig,
  describeModel,
  endpointConfigSummary,
  endpointSummary,
  modelSummary,
} from "./describe";
import { SageMakerError, SageMakerErrors } from "./errors";
import { listPage } from "./list";
import type { ControlPlane } from "./control-plane";
import type { JsonObject } from "./types";
import { validateCreateEndpointConfig, validateCreateModel, validateListInput, validateNames } from "./validation";

/** Control-plane requests are small; anything bigger is refused without buffering it. */
const MAX_REQUEST_BYTES = 16 * 1024 * 1024;
const JSON_TYPE = "application/x-amz-json-1.1";

type Operation = (input: JsonObject) => Promise<JsonObject> | JsonObject;

/** Options of {@link createSageMakerHandler}. */
export interface SageMakerHandlerOptions {
  /** DescribeEndpoint waits this long for a `Creating`/`Updating` endpoint to settle (default 1000 ms). */
  describeSettleMs?: number;
  /** Reports unexpected (non-client) errors. */
  onError?: (err: Error) => void;
}

function operations(controlPlane: ControlPlane, settleMs: number): Record<string, Operation> {
  return {
    CreateModel: (i) => {
      validateCreateModel(i);
      return { ModelArn: controlPlane.createModel(i).arn };
    },
    DescribeModel: (i) => {
      validateNames(i, "ModelName");
      return describeModel(controlPlane.getModel(i.ModelName));
    },
    DeleteModel: (i) => {
      validateNames(i, "ModelName");
      controlPlane.deleteModel(i.ModelName);
      return {};
    },
    ListModels: (i) => {
      validateListInput(i, ["Name", "CreationTime"], false);
      const { page, nextToken } = listPage(controlPlane.listModels(), i);
      return { Models: page.map(modelSummary), NextToken: nextToken };
    },
    CreateEndpointConfig: (i) => {
      validateCreateEndpointConfig(i);
      return { EndpointConfigArn: controlPlane.createEndpointConfig(i).arn };
    },
    DescribeEndpointConfig: (i) => {
      validateNames(i, "EndpointConfigName");
      return describeEndpointConfig(controlPlane.getEndpointConfig(i.EndpointConfigName));
    },
    DeleteEndpointConfig: (i) => {
      validateNames(i, "EndpointConfigName");
      controlPlane.deleteEndpointConfig(i.EndpointConfigName);
      return {};
    },
    ListEndpointConfigs: (i) => {
      validateListInput(i, ["Name", "CreationTime"], false);
      const { page, nextToken } = listPage(controlPlane.listEndpointConfigs(), i);
      return { EndpointConfigs: page.map(endpointConfigSummary), NextToken: nextToken };
    },
    CreateEndpoint: (i) => {
      validateNames(i, "EndpointName", "EndpointConfigName");
      return { EndpointArn: controlPlane.createEndpoint(i).arn };
    },
    DescribeEndpoint: async (i) => {
      validateNames(i, "EndpointName");
      controlPlane.getEndpoint(i.EndpointName);
      // A short wait lets default-configured waiters (30 s between polls) see InService at once.
      await controlPlane.waitForSettle(i.EndpointName, settleMs);
      return describeEndpoint(controlPlane.getEndpoint(i.EndpointName));
    },
    UpdateEndpoint: (i) => {
      validateNames(i, "EndpointName", "EndpointConfigName");
      return { EndpointArn: controlPlane.updateEndpoint(i).arn };
    },
    DeleteEndpoint: async (i) => {
      validateNames(i, "EndpointName");
      await controlPlane.deleteEndpoint(i.EndpointName);
      return {};
    },
    ListEndpoints: (i) => {
      validateListInput(i, ["Name", "CreationTime", "Status"], true);
      const { page, nextToken } = listPage(controlPlane.listEndpoints(), i);
      return { Endpoints: page.map(endpointSummary), NextToken: nextToken };
    },
  };
}

/** Writes an awsJson1_1 error: `x-amzn-errortype` header and `{"__type","message"}` body. */
export function sendJsonError(res: ServerResponse, code: string, message: string, status = 400): void {
  const body = JSON.stringify({ __type: code, message });
  res.writeHead(status, {
    "content-type": JSON_TYPE,
    "x-amzn-errortype": code,
    "x-amzn-requestid": crypto.randomUUID(),
    "content-length": Buffer.byteLength(body),
  });
  res.end(body);
}

async function parseInput(req: IncomingMessage): Promise<JsonObject> {
  const { body, tooLarge } = await readBoundedBody(req, MAX_REQUEST_BYTES).catch((err: Error) => {
    if (err instanceof BodySignatureError) throw new SageMakerError(err.code, err.message, err.status);
    throw SageMakerErrors.serialization(`Could not read the request body: ${err.message}`);
  });
  if (tooLarge) throw SageMakerErrors.validation(`Request body exceeds ${MAX_REQUEST_BYTES} bytes.`);
  const text = body.toString("utf8").trim();
  if (text === "") return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw SageMakerErrors.serialization(`Request body is not valid JSON: ${(err as Error).message}`);
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw SageMakerErrors.serialization("Request body must be a JSON object.");
  }
  return parsed as JsonObject;
}

/** Creates the ServiceHandler of the SageMaker control plane over `controlPlane`. */
export function createSageMakerHandler(controlPlane: ControlPlane, opts: SageMakerHandlerOptions = {}): ServiceHandler {
  const ops = operations(controlPlane, opts.describeSettleMs ?? 1000);
  return async (req, res) => {
    const target = String(req.headers["x-amz-target"] ?? "");
    const op = target.startsWith("SageMaker.") ? target.slice("SageMaker.".length) : "";
    try {
      const input = await parseInput(req);
      const fn = Object.prototype.hasOwnProperty.call(ops, op) ? ops[op] : undefined;
      if (!fn) throw SageMakerErrors.unknownOperation(target);
      const out = await fn(input);
      const body = JSON.stringify(out);
      res.writeHead(200, {
        "content-type": JSON_TYPE,
        "x-amzn-requestid": crypto.randomUUID(),
        "content-length": Buffer.byteLength(body),
      });
      res.end(body);
    } catch (err) {
      if (err instanceof SageMakerError) return sendJsonError(res, err.code, err.message, err.status);
      opts.onError?.(err as Error);
      sendJsonError(res, "InternalFailure", `Internal error in the local stack: ${(err as Error).message}`, 500);
    }
  };
}
