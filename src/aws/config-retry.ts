/**
 * CreateEndpoint and UpdateEndpoint right after CreateEndpointConfig can be rejected with
 * `Could not find endpoint configuration` while the new config propagates (the API reference
 * warns of it: SageMaker reads configs eventually consistently). Those calls are retried.
 */
import type { CaptureLabSession } from "../session/connect";

/** Delays before each retry on AWS, ms (about 30 s in all). */
const AWS_CONFIG_RETRY_DELAYS_MS: readonly number[] = [1000, 2000, 4000, 8000, 16000];

/** Delays against the local stack, which stores a config before answering: retries should never happen. */
const LOCAL_CONFIG_RETRY_DELAYS_MS: readonly number[] = [50, 100, 200];

/** The retry delays for the session's target. */
export function defaultConfigRetryDelays(session: Pick<CaptureLabSession, "target">): readonly number[] {
  return session.target.kind === "local" ? LOCAL_CONFIG_RETRY_DELAYS_MS : AWS_CONFIG_RETRY_DELAYS_MS;
}

/** True for the ValidationException of a config SageMaker does not see (yet). */
export function isConfigNotFound(e: unknown): boolean {
  return (
    (e as Error)?.name === "ValidationException" &&
    /could not find endpoint configuration/i.test(String((e as Error)?.message ?? ""))
  );
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * Runs `call`, retrying after each of `delaysMs` while it fails with "Could not find endpoint
 * configuration"; any other error, or that one after the last retry, is thrown as it is.
 */
export async function retryWhileConfigMissing<T>(call: () => Promise<T>, delaysMs: readonly number[]): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await call();
    } catch (e) {
      if (!isConfigNotFound(e) || attempt >= delaysMs.length) throw e;
      await sleep(delaysMs[attempt]);
    }
  }
}
