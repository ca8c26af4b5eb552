/**
 * SageMaker Runtime errors (restJson1, docs/local-stack-wire.md §3.3): the type goes in
 * `x-amzn-errortype`, the fields in a JSON body.
 */
import type { ServerResponse } from "node:http";
import { endpointLogGroupArn, type AccountScope } from "../sagemaker/arn";

/** Writes a runtime error. `close` asks the client to open a new connection (unread body left). */
export function sendRuntimeError(
  res: ServerResponse,
  status: number,
  type: string,
  fields: Record<string, unknown>,
  close = false,
): void {
  const body = JSON.stringify(fields);
  const headers: Record<string, string | number> = {
    "content-type": "application/json",
    "x-amzn-errortype": type,
    "x-amzn-requestid": crypto.randomUUID(),
    "content-length": Buffer.byteLength(body),
  };
  if (close) headers.connection = "close";
  res.writeHead(status, headers);
  res.end(body);
}

/** 400 `ValidationError` with `Message`. */
export function sendValidationError(res: ServerResponse, message: string, close = false): void {
  sendRuntimeError(res, 400, "ValidationError", { Message: message }, close);
}

/**
 * 424 `ModelError` for a container answer that was not 2xx (or no answer: `status` 0).
 * The message follows AWS's text ("from primary", with the CloudWatch hint).
 */
export function sendModelError(
  res: ServerResponse,
  scope: AccountScope,
  endpointName: string,
  status: number,
  originalMessage: string,
): void {
  const kind = status >= 400 && status < 500 ? "client" : "server";
  const message =
    `Received ${kind} error (${status}) from primary with message "${originalMessage}". ` +
    `See https://${scope.region}.console.aws.amazon.com/cloudwatch/home?region=${scope.region}` +
    `#logEventViewer:group=/aws/sagemaker/Endpoints/${endpointName} in account ${scope.accountId} for more information.`;
  sendRuntimeError(res, 424, "ModelError", {
    ErrorCode: kind === "client" ? "CLIENT_ERROR_FROM_MODEL" : "SERVER_ERROR_FROM_MODEL",
    OriginalStatusCode: status,
    OriginalMessage: originalMessage,
    Message: message,
    LogStreamArn: endpointLogGroupArn(scope, endpointName),
  });
}
