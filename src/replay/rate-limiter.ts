/**
 * A request-rate limit: starts are spaced by `1000 / perSecond` ms across all workers, each
 * worker reserving the next free slot, so no window of T ms holds more than
 * `T * perSecond / 1000 + 1` starts.
 */

/** Clock and timer of a {@link RateLimiter} (tests pass their own). */
export interface Clock {
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** `Date.now` and `setTimeout`; a sleep ends early when the signal aborts. */
export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise((resolve) => {
      if (signal?.aborted) return resolve();
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        signal?.removeEventListener("abort", done);
        resolve();
      }
      signal?.addEventListener("abort", done, { once: true });
    }),
};

/** Spaces request starts to at most `perSecond` per second. */
export class RateLimiter {
  private nextSlot = -Infinity;
  private readonly intervalMs: number;

  /**
   * @param perSecond requests per second (> 0)
   * @param clock the clock (default the system's)
   */
  constructor(
    readonly perSecond: number,
    private readonly clock: Clock = systemClock,
  ) {
    if (!(perSecond > 0) || !Number.isFinite(perSecond))
      throw new RangeError(`rate must be a positive number of requests per second, got ${perSecond}`);
    this.intervalMs = 1000 / perSecond;
  }

  /** Waits for the next start slot (returns at once when the signal has aborted). */
  async take(signal?: AbortSignal): Promise<void> {
    const now = this.clock.now();
    const at = Math.max(now, this.nextSlot);
    this.nextSlot = at + this.intervalMs;
    if (at > now) await this.clock.sleep(at - now, signal);
  }
}
