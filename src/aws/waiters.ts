/**
 * Waiting for endpoint status by polling DescribeEndpoint, with status callbacks and errors
 * that say why: the endpoint's FailureReason, or the last error DescribeEndpoint returned.
 *
 * Not the SDK's `waitUntilEndpointInService`: it retries every error except ValidationException
 * until the timeout and then reports only `TimeoutError` (an AccessDenied or ExpiredToken is
 * lost after 30 minutes), has no acceptor for `UpdateRollbackFailed` (it waits out the
 * timeout), and backs off exponentially from 30 s (an endpoint ready at 6 min is seen at about
 * 9). Its acceptors are kept: InService succeeds, Failed fails, a missing endpoint
 * (ValidationException "Could not find endpoint") fails the InService wait and ends the deletion wait.
 */
import { DescribeEndpointCommand } from "@aws-sdk/client-sagemaker";
import type { DataCaptureConfigSummary } from "../capture/api-shapes";
import type { CaptureLabSession } from "../session/connect";
import { CaptureLabError } from "../errors";

/** Waiter timing in seconds (the SDK's `WaiterConfiguration` fields). */
export interface WaiterTiming {
  /** Give up after this many seconds. */
  maxWaitTime: number;
  /** First delay between polls, seconds (fractions allowed; default 15). */
  minDelay?: number;
  /** Delays double from `minDelay` up to this, seconds (default `minDelay`: a fixed delay). */
  maxDelay?: number;
}

/** Seconds a deployment, update or deletion may take on AWS before the wait gives up. */
export const AWS_WAIT_SECONDS = 1800;

/** Fixed delay between polls on AWS, seconds (boto3's waiters use a fixed 30 s). */
export const AWS_POLL_SECONDS = 15;

/**
 * Endpoint description as returned by DescribeEndpoint: the SDK's output, declared with the
 * fields Capture Lab reads (see sdk-client.ts for why the SDK's type is not named here).
 */
export interface EndpointDescription {
  EndpointName: string | undefined;
  EndpointArn: string | undefined;
  EndpointConfigName?: string | undefined;
  EndpointStatus: string | undefined;
  FailureReason?: string | undefined;
  CreationTime: Date | undefined;
  LastModifiedTime: Date | undefined;
  DataCaptureConfig?: DataCaptureConfigSummary | undefined;
  ProductionVariants?:
    | Array<{
        VariantName: string | undefined;
        CurrentWeight?: number | undefined;
        CurrentInstanceCount?: number | undefined;
      }>
    | undefined;
}

/** Called with each new status seen while waiting (`Creating`, `Updating`, `InService`, ...). */
export type StatusCallback = (status: string, description: EndpointDescription) => void;

/** Thrown when an endpoint ends `Failed` or `UpdateRollbackFailed` (or its update could not complete). */
export class EndpointFailedError extends CaptureLabError {
  /** Endpoint name. */
  readonly endpointName: string;
  /** The endpoint's `FailureReason`, when it reported one. */
  readonly failureReason?: string;
  /** Last status seen. */
  readonly status?: string;
  /** @param endpointName endpoint; @param status last status; @param failureReason its FailureReason. */
  constructor(endpointName: string, status: string | undefined, failureReason: string | undefined, what: string) {
    super(
      `Endpoint ${endpointName} ${what}: status ${status ?? "unknown"}${failureReason ? `; FailureReason: ${failureReason}` : ""}`,
    );
    this.endpointName = endpointName;
    this.status = status;
    if (failureReason !== undefined) this.failureReason = failureReason;
  }
}

/** Thrown when a wait gives up: on timeout (with the last status and the last error seen) or at once on an error that cannot pass by waiting. */
export class EndpointWaitError extends CaptureLabError {
  /** Endpoint name. */
  readonly endpointName: string;
  /** Last status seen, if any poll succeeded. */
  readonly status?: string;
  /** The last error DescribeEndpoint returned, if the last poll failed. */
  readonly lastError?: Error;
  /** @param message the full message; @param endpointName endpoint; @param status last status; @param lastError last error. */
  constructor(message: string, endpointName: string, status: string | undefined, lastError: Error | undefined) {
    super(message, lastError !== undefined ? { cause: lastError } : {});
    this.endpointName = endpointName;
    if (status !== undefined) this.status = status;
    if (lastError !== undefined) this.lastError = lastError;
  }
}

/**
 * Default timing: short polls against the local stack (it reaches InService almost at once);
 * on AWS a fixed {@link AWS_POLL_SECONDS} delay for up to {@link AWS_WAIT_SECONDS}.
 */
export function defaultWaiterTiming(session: Pick<CaptureLabSession, "target">): WaiterTiming {
  return session.target.kind === "local"
    ? { maxWaitTime: 120, minDelay: 0.1, maxDelay: 0.5 }
    : { maxWaitTime: AWS_WAIT_SECONDS, minDelay: AWS_POLL_SECONDS, maxDelay: AWS_POLL_SECONDS };
}

/** Errors waiting cannot cure: credentials, permissions, a malformed request. */
function isFatal(e: unknown): boolean {
  const name = (e as Error)?.name ?? "";
  return /AccessDenied|ExpiredToken|UnrecognizedClient|InvalidClientTokenId|InvalidSignature|SignatureDoesNotMatch|MissingAuthenticationToken|CredentialsProviderError|ValidationException/.test(
    name,
  );
}

const describeError = (e: Error): string => `${e.name}: ${e.message}`;
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** What one wait looks for. */
interface WaitGoal {
  /** The status that ends the wait successfully. */
  done?: string;
  /** Statuses that end it with an {@link EndpointFailedError}. */
  failed: string[];
  /** A missing endpoint ends the wait successfully (deletion) or is an error (everything else). */
  goneIsDone: boolean;
  /** Wording: "did not reach InService", "was not deleted". */
  what: string;
}

/**
 * Polls DescribeEndpoint until `goal` is met, reporting status changes to `onStatus`.
 * @returns the last description (undefined when the endpoint is gone and that was the goal).
 */
async function pollEndpoint(
  session: Pick<CaptureLabSession, "sageMaker">,
  endpointName: string,
  timing: WaiterTiming,
  onStatus: StatusCallback | undefined,
  goal: WaitGoal,
): Promise<EndpointDescription | undefined> {
  const minDelay = timing.minDelay ?? AWS_POLL_SECONDS;
  const maxDelay = Math.max(minDelay, timing.maxDelay ?? minDelay);
  const deadline = Date.now() + timing.maxWaitTime * 1000;
  let delay = minDelay;
  let status: string | undefined;
  let lastError: Error | undefined;
  for (;;) {
    try {
      const d = await session.sageMaker.send(new DescribeEndpointCommand({ EndpointName: endpointName }));
      lastError = undefined;
      if (d.EndpointStatus !== undefined && d.EndpointStatus !== status) {
        status = d.EndpointStatus;
        onStatus?.(status, d);
      }
      if (status !== undefined && status === goal.done) return d;
      if (status !== undefined && goal.failed.includes(status))
        throw new EndpointFailedError(endpointName, status, d.FailureReason, goal.what);
    } catch (e) {
      if (e instanceof EndpointFailedError) throw e;
      const err = e instanceof Error ? e : new Error(String(e));
      if (isNotFound(err)) {
        if (goal.goneIsDone) return undefined;
        throw new EndpointWaitError(
          `Endpoint ${endpointName} ${goal.what}: it does not exist (${describeError(err)})`,
          endpointName,
          status,
          err,
        );
      }
      if (isFatal(err)) {
        throw new EndpointWaitError(
          `Endpoint ${endpointName} ${goal.what}: DescribeEndpoint failed with ${describeError(err)}`,
          endpointName,
          status,
          err,
        );
      }
      lastError = err;
    }
    if (Date.now() + delay * 1000 > deadline) {
      const last = lastError ? `; last error ${describeError(lastError)}` : "";
      throw new EndpointWaitError(
        `Endpoint ${endpointName} ${goal.what} within ${timing.maxWaitTime} s (last status ${status ?? "unknown"}${last})`,
        endpointName,
        status,
        lastError,
      );
    }
    await sleep(delay * 1000);
    delay = Math.min(delay * 2, maxDelay);
  }
}

/**
 * Waits until the endpoint is `InService` and returns the description of its last poll. That
 * status alone does not mean an update took effect: a failed update on AWS rolls back to
 * `InService` on the old config with `FailureReason` set, so callers that update check
 * `EndpointConfigName` (as `updateDataCapture` does).
 * @throws EndpointFailedError (with FailureReason) when it turns `Failed` or `UpdateRollbackFailed`;
 *   EndpointWaitError on timeout (naming the last status and last error), for a missing
 *   endpoint, or at once for errors waiting cannot cure (AccessDenied, ExpiredToken).
 */
export async function waitForInService(
  session: Pick<CaptureLabSession, "sageMaker" | "target">,
  endpointName: string,
  timing: WaiterTiming = defaultWaiterTiming(session),
  onStatus?: StatusCallback,
): Promise<EndpointDescription> {
  const goal = {
    done: "InService",
    failed: ["Failed", "UpdateRollbackFailed"],
    goneIsDone: false,
    what: "did not reach InService",
  };
  return (await pollEndpoint(session, endpointName, timing, onStatus, goal))!;
}

/**
 * Waits until DescribeEndpoint reports the endpoint gone.
 * @throws EndpointFailedError when it turns `Failed` while deleting; EndpointWaitError on timeout
 *   or errors waiting cannot cure.
 */
export async function waitForDeleted(
  session: Pick<CaptureLabSession, "sageMaker" | "target">,
  endpointName: string,
  timing: WaiterTiming = defaultWaiterTiming(session),
  onStatus?: StatusCallback,
): Promise<void> {
  await pollEndpoint(session, endpointName, timing, onStatus, {
    failed: ["Failed"],
    goneIsDone: true,
    what: "was not deleted",
  });
}

/** True for the errors SageMaker uses for a missing endpoint, config or model. */
export function isNotFound(e: unknown): boolean {
  const name = (e as Error)?.name;
  const msg = String((e as Error)?.message ?? "");
  return (
    (name === "ValidationException" || name === "ResourceNotFound") &&
    /could not find|not found|does not exist/i.test(msg)
  );
}
