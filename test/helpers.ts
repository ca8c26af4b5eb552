/** Helpers every test folder shares: polling with a deadline and catching an expected error. */

/** Polls `cond` until it holds, failing after `ms` with a message naming `what`. */
export async function until(cond: () => boolean | Promise<boolean>, ms = 5000, what = "condition"): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 2));
  }
}

/** The error an SDK call (or any async function) throws, with the SDK's metadata fields. */
export type CaughtError = Error & Record<string, unknown> & { $metadata?: { httpStatusCode?: number } };

/** Runs `fn` and returns the error it throws; fails when it does not throw. */
export async function errorOf(fn: (() => Promise<unknown>) | Promise<unknown>): Promise<CaughtError> {
  try {
    await (typeof fn === "function" ? fn() : fn);
  } catch (err) {
    return err as CaughtError;
  }
  throw new Error("expected an error");
}
