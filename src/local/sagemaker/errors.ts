/**
 * Control-plane errors as SageMaker returns them (docs/local-stack-wire.md §2.7). Missing resources are
 * `ValidationException`, never `ResourceNotFound`: the SDK waiters depend on that.
 */

/** An error the control plane answers with (HTTP 400 unless said otherwise). */
export class SageMakerError extends Error {
  /** @param code the wire error type (`x-amzn-errortype` and `__type`). */
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
    this.name = code;
  }
}

/** The kinds of resource the control plane stores, as named in AWS messages. */
export type ResourceKind = "model" | "endpoint configuration" | "endpoint";

/** `Could not find model "arn".` and its siblings. */
export function notFound(kind: ResourceKind, arn: string): SageMakerError {
  return new SageMakerError("ValidationException", `Could not find ${kind} "${arn}".`);
}

/** `Cannot create already existing endpoint "arn".` and its siblings. */
export function alreadyExists(kind: ResourceKind, arn: string): SageMakerError {
  return new SageMakerError("ValidationException", `Cannot create already existing ${kind} "${arn}".`);
}

/** Update or delete of an endpoint that is `Creating` or `Updating`. */
export function inProgress(arn: string): SageMakerError {
  return new SageMakerError("ValidationException", `Cannot update in-progress endpoint "${arn}".`);
}

/** A plain `ValidationException` with the given text. */
export function validation(message: string): SageMakerError {
  return new SageMakerError("ValidationException", message);
}
