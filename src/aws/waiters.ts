/**
 * Waiting for endpoint status with the SDK's own waiters, plus status callbacks and errors that
 * carry the endpoint's FailureReason instead of the waiter's bare `{"state":"FAILURE"}`.
 */
import {
  DescribeEndpointCommand,
  waitUntilEndpointDeleted,
  waitUntilEndpointInService,
  type SageMakerClient,
} from "@aws-sdk/client-sagemaker";
import type { DataCaptureConfigSummary } from "../capture/api-shapes";
import type { CaptureLabSession } from "../target/session";
import type { SdkClient } from "../sdk-client";

/** Waiter timing in seconds (the SDK's `WaiterConfiguration` fields). */
export interface WaiterTiming {
  /** Give up after this many seconds. */
  maxWaitTime: number;
  /** Minimum delay between polls, seconds (fractions allowed). */
  minDelay?: number;
  /** Maximum delay between polls, seconds. */
  maxDelay?: number;
}

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
  ProductionVariants?: Array<{ VariantName: string | undefined; CurrentWeight?: number | undefined; CurrentInstanceCount?: number | undefined }> | undefined;
}

/** Called with each new status seen while waiting (`Creating`, `Updating`, `InService`, ...). */
export type StatusCallback = (status: string, description: EndpointDescription) => void;

/** Thrown when an endpoint ends `Failed` (or its update could not complete). */
export class EndpointFailedError extends Error {
  /** Endpoint name. */
  readonly endpointName: string;
  /** The endpoint's `FailureReason`, when it reported one. */
  readonly failureReason?: string;
  /** Last status seen. */
  readonly status?: string;
  /** @param endpointName endpoint; @param status last status; @param failureReason its FailureReason. */
  constructor(endpointName: string, status: string | undefined, failureReason: string | undefined, what: string) {
    super(`Endpoint ${endpointName} ${what}: status ${status ?? "unknown"}${failureReason ? `; FailureReason: ${failureReason}` : ""}`);
    this.name = "EndpointFailedError";
    this.endpointName = endpointName;
    this.status = status;
    if (failureReason !== undefined) this.failureReason = failureReason;
  }
}

/**
 * Default timing: short polls against the local stack (it reaches InService almost at once, and
 * the SDK's 30 s minimum delay would stall a notebook); the SDK's own delays on AWS, with up to
 * 30 minutes for a real deployment.
 */
export function defaultWaiterTiming(session: Pick<CaptureLabSession, "target">): WaiterTiming {
  return session.target.kind === "local" ? { maxWaitTime: 120, minDelay: 0.1, maxDelay: 0.5 } : { maxWaitTime: 1800 };
}

/** A client whose DescribeEndpoint results are reported to `onStatus` when the status changes. */
function observingClient(client: SageMakerClient, onStatus: StatusCallback | undefined): SageMakerClient {
  if (!onStatus) return client;
  let last: string | undefined;
  return new Proxy(client, {
    get(target, prop, receiver) {
      if (prop !== "send") return Reflect.get(target, prop, receiver);
      return async (command: unknown, ...rest: unknown[]) => {
        const out = await (target.send as (...a: unknown[]) => Promise<unknown>).call(target, command, ...rest);
        const status = (out as EndpointDescription | undefined)?.EndpointStatus;
        if (command instanceof DescribeEndpointCommand && status !== undefined && status !== last) {
          last = status;
          onStatus(status, out as EndpointDescription);
        }
        return out;
      };
    },
  });
}

async function describeQuietly(client: SdkClient, endpointName: string): Promise<EndpointDescription | undefined> {
  try {
    return await client.send(new DescribeEndpointCommand({ EndpointName: endpointName }));
  } catch {
    return undefined;
  }
}

/** What a waiter's errors say the endpoint did not do, e.g. "did not reach InService". */
interface WaitWording {
  timedOut: string;
  failed: string;
}

/**
 * Runs one of the SDK's DescribeEndpoint-polling waiters with status callbacks and returns the
 * waiter's final value (for a success on a description, the last DescribeEndpoint output).
 * On failure or timeout it describes the endpoint once more, to say which status it ended in and why.
 */
async function runEndpointWaiter<R>(
  waiter: (params: Parameters<typeof waitUntilEndpointInService>[0], input: { EndpointName: string }) => Promise<{ final?: R }>,
  session: CaptureLabSession,
  endpointName: string,
  timing: WaiterTiming,
  onStatus: StatusCallback | undefined,
  wording: WaitWording,
): Promise<R | undefined> {
  try {
    // Sessions hold real SageMakerClients; their declared type is structural (see sdk-client.ts).
    const result = await waiter({ client: observingClient(session.sageMaker as SageMakerClient, onStatus), ...timing }, { EndpointName: endpointName });
    return result.final;
  } catch (e) {
    const d = await describeQuietly(session.sageMaker, endpointName);
    if ((e as Error).name === "TimeoutError") {
      throw new Error(`Endpoint ${endpointName} ${wording.timedOut} within ${timing.maxWaitTime} s (last status ${d?.EndpointStatus ?? "unknown"})`);
    }
    throw new EndpointFailedError(endpointName, d?.EndpointStatus, d?.FailureReason, wording.failed);
  }
}

/**
 * Waits until the endpoint is `InService` with `waitUntilEndpointInService` and returns the
 * description of its last poll. That status alone does not mean an update took effect: a failed
 * update on AWS rolls back to `InService` on the old config with `FailureReason` set, so callers
 * that update check `EndpointConfigName` (as `updateDataCapture` does).
 * @throws EndpointFailedError (with FailureReason) when it fails; Error on timeout, naming the last status.
 */
export async function waitForInService(
  session: CaptureLabSession,
  endpointName: string,
  timing: WaiterTiming = defaultWaiterTiming(session),
  onStatus?: StatusCallback,
): Promise<EndpointDescription> {
  const wording = { timedOut: "did not reach InService", failed: "did not reach InService" };
  const d = await runEndpointWaiter(waitUntilEndpointInService, session, endpointName, timing, onStatus, wording);
  // The waiter succeeds only on a DescribeEndpoint output, which it returns as `final`.
  if (d === undefined) throw new Error(`Endpoint ${endpointName}: the InService waiter returned no description`);
  return d;
}

/**
 * Waits until DescribeEndpoint reports the endpoint gone, with `waitUntilEndpointDeleted`.
 * @throws Error on timeout or when the endpoint turns `Failed` while deleting.
 */
export async function waitForDeleted(
  session: CaptureLabSession,
  endpointName: string,
  timing: WaiterTiming = defaultWaiterTiming(session),
  onStatus?: StatusCallback,
): Promise<void> {
  await runEndpointWaiter(waitUntilEndpointDeleted, session, endpointName, timing, onStatus, { timedOut: "was not deleted", failed: "could not be deleted" });
}

/** True for the errors SageMaker uses for a missing endpoint, config or model. */
export function isNotFound(e: unknown): boolean {
  const name = (e as Error)?.name;
  const msg = String((e as Error)?.message ?? "");
  return (name === "ValidationException" || name === "ResourceNotFound") && /could not find|not found|does not exist/i.test(msg);
}
