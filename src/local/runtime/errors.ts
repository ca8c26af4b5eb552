/**
 * SageMaker Runtime errors (restJson1, docs/local-stack-wire.md §3.3): one class,
 * {@link SageMakerRuntimeError}, and one factory object, {@link SageMakerRuntimeErrors}, like
 * S3's and the control plane's. On the wire the type goes in `x-amzn-errortype`, the fields in
 * a JSON body ({@link sendRuntimeError}).
 */
import type { ServerResponse } from "node:http";
import { CaptureLabError } from "../../errors";
import { endpointLogGroupArn, type AccountScope } from "../sagemaker/arn";

/** An error the runtime answers with: its wire type, HTTP status and JSON body fields. */
export class SageMakerRuntimeError extends CaptureLabError {
  /**
   * @param code the wire error type (`x-amzn-errortype`)
   * @param message the message (also `Message` in `fields`, where AWS sends it)
   * @param status the HTTP status
   * @param fields the JSON body
   */
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
    readonly fields: Record<string, unknown> = { Message: message },
  ) {
    super(message);
  }
}

/** Factories for the runtime errors, with AWS's messages. */
export const SageMakerRuntimeErrors = {
  /** 400 `ValidationError` with `Message`. */
  validation: (message: string) => new SageMakerRuntimeError("ValidationError", message, 400),
  /** 404 `UnknownOperationException`: no runtime operation at that method and path. */
  unknownOperation: (message: string) => new SageMakerRuntimeError("UnknownOperationException", message, 404),
  /**
   * 424 `ModelError` for a container answer that was not 2xx (or no answer: `status` 0).
   * The message follows AWS's text ("from primary", with the CloudWatch hint).
   */
  model: (scope: AccountScope, endpointName: string, status: number, originalMessage: string) => {
    const kind = status >= 400 && status < 500 ? "client" : "server";
    const message =
      `Received ${kind} error (${status}) from primary with message "${originalMessage}". ` +
      `See https://${scope.region}.console.aws.amazon.com/cloudwatch/home?region=${scope.region}` +
      `#logEventViewer:group=/aws/sagemaker/Endpoints/${endpointName} in account ${scope.accountId} for more information.`;
    return new SageMakerRuntimeError("ModelError", message, 424, {
      ErrorCode: kind === "client" ? "CLIENT_ERROR_FROM_MODEL" : "SERVER_ERROR_FROM_MODEL",
      OriginalStatusCode: status,
      OriginalMessage: originalMessage,
      Message: message,
      LogStreamArn: endpointLogGroupArn(scope, endpointName),
    });
  },
};

/** Writes a runtime error. `close` asks the client to open a new connection (unread body left). */
export function sendRuntimeError(res: ServerResponse, err: SageMakerRuntimeError, close = false): void {
  const body = JSON.stringify(err.fields);
  const headers: Record<string, string | number> = {
    "content-type": "application/json",
    "x-amzn-errortype": err.code,
    "x-amzn-requestid": crypto.randomUUID(),
    "content-length": Buffer.byteLength(body),
  };
  if (close) headers.connection = "close";
  res.writeHead(err.status, headers);
  res.end(body);
}
