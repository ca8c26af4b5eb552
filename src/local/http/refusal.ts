/**
 * Refusing a request in the protocol of the route it addressed: S3 answers XML, the control
 * plane awsJson (`__type`), the runtime restJson (`x-amzn-errortype`) and the Capture Lab
 * routes plain JSON. Error codes are AWS's, so SDK callers see `InvalidAccessKeyId`,
 * `SignatureDoesNotMatch`, `UnrecognizedClientException`, `InvalidSignatureException`...
 * The connection is closed afterwards: a refused request's body is never read.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { SageMakerRuntimeError, sendRuntimeError } from "../runtime/errors";
import { S3Error } from "../s3/errors";
import { newRequestId, sendError } from "../s3/reply";
import { sendJsonError } from "../sagemaker/responses";
import type { HostGuardRefusal } from "./host-guard";
import type { ServiceName } from "./router";
import type { SigV4Failure } from "./sigv4-verify";

/** A route of the shared port: one of the AWS services, or Capture Lab's own `/_capture-lab/*`. */
export type RouteName = ServiceName | "capture-lab";

/** A refusal as a status, a wire error code and a message. */
interface WireError {
  status: number;
  code: string;
  message: string;
}

const S3_AUTH: Record<SigV4Failure["kind"], [number, string]> = {
  missing: [403, "AccessDenied"],
  malformed: [400, "AuthorizationHeaderMalformed"],
  "unknown-key": [403, "InvalidAccessKeyId"],
  "bad-signature": [403, "SignatureDoesNotMatch"],
  skewed: [403, "RequestTimeTooSkewed"],
  expired: [403, "AccessDenied"],
  "missing-content-sha256": [400, "InvalidRequest"],
};

const JSON_AUTH: Record<SigV4Failure["kind"], [number, string]> = {
  missing: [403, "MissingAuthenticationTokenException"],
  malformed: [403, "IncompleteSignatureException"],
  "unknown-key": [403, "UnrecognizedClientException"],
  "bad-signature": [403, "InvalidSignatureException"],
  // AWS's JSON services report clock skew as "Signature expired"; the SDK corrects its clock on it.
  skewed: [403, "InvalidSignatureException"],
  expired: [403, "InvalidSignatureException"],
  "missing-content-sha256": [403, "IncompleteSignatureException"],
};

/** The wire error for a failed signature check on `route`. */
export function authWireError(route: RouteName, failure: SigV4Failure): WireError {
  const [status, code] = (route === "s3" ? S3_AUTH : JSON_AUTH)[failure.kind];
  return { status, code, message: failure.message };
}

/** The wire error for a request the host guard refused on `route`. */
export function guardWireError(route: RouteName, refusal: HostGuardRefusal): WireError {
  const code = route === "s3" || route === "capture-lab" ? "AccessDenied" : "AccessDeniedException";
  return { status: 403, code, message: refusal.message };
}

/** Writes `error` in the protocol of `route` and closes the connection. */
export function sendRefusal(req: IncomingMessage, res: ServerResponse, route: RouteName, error: WireError): void {
  res.setHeader("connection", "close");
  switch (route) {
    case "s3":
      return sendError(req, res, new S3Error(error.code, error.message, error.status), newRequestId());
    case "sagemaker":
      return sendJsonError(res, error.code, error.message, error.status);
    case "runtime":
      return sendRuntimeError(
        res,
        new SageMakerRuntimeError(error.code, error.message, error.status, { message: error.message }),
        true,
      );
    case "capture-lab": {
      const body = JSON.stringify({ error: error.code, message: error.message });
      res.writeHead(error.status, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
      res.end(body);
    }
  }
}
