/**
 * Control-plane errors as SageMaker returns them (docs/local-stack-wire.md §2.7): one class,
 * {@link SageMakerError}, and one factory object, {@link SageMakerErrors}, like S3's and the
 * runtime's. Missing resources are `ValidationException`, never `ResourceNotFound`: the SDK
 * waiters depend on that.
 */
import { CaptureLabError } from "../../errors";

/** An error the control plane answers with (HTTP 400 unless said otherwise). */
export class SageMakerError extends CaptureLabError {
  /** @param code the wire error type (`x-amzn-errortype` and `__type`). */
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

/** The kinds of resource the control plane stores, as named in AWS messages. */
export type ResourceKind = "model" | "endpoint configuration" | "endpoint";

/** Factories for the control-plane errors, with AWS's messages. */
export const SageMakerErrors = {
  /** `Could not find model "arn".` and its siblings. */
  notFound: (kind: ResourceKind, arn: string) =>
    new SageMakerError("ValidationException", `Could not find ${kind} "${arn}".`),
  /** `Cannot create already existing endpoint "arn".` and its siblings. */
  alreadyExists: (kind: ResourceKind, arn: string) =>
    new SageMakerError("ValidationException", `Cannot create already existing ${kind} "${arn}".`),
  /** Update or delete of an endpoint that is `Creating` or `Updating`. */
  inProgress: (arn: string) =>
    new SageMakerError("ValidationException", `Cannot update in-progress endpoint "${arn}".`),
  /** A plain `ValidationException` with the given text. */
  validation: (message: string) => new SageMakerError("ValidationException", message),
  /** A request body that cannot be read as a JSON object. */
  serialization: (message: string) => new SageMakerError("SerializationException", message),
  /** An `X-Amz-Target` the local stack does not serve. */
  unknownOperation: (target: string) =>
    new SageMakerError(
      "UnknownOperationException",
      `Operation ${target || "(none)"} is not supported by the Capture Lab local stack.`,
    ),
};
