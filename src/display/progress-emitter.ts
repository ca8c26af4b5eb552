/**
 * Throttled progress callbacks for long loops (invoking rows, replaying captures): a progress
 * bar redraws at most every `intervalMs`, however many requests finish in between, and always
 * shows the final state. Pure timing, no output (layer 2, so `aws/` and `replay/` share it).
 */

/** Minimum interval between progress callbacks by default (a progress bar does not need more). */
export const PROGRESS_INTERVAL_MS = 100;

/** Options of {@link progressEmitter}. */
export interface ProgressEmitterOptions {
  /** Milliseconds between non-final callbacks (default {@link PROGRESS_INTERVAL_MS}). */
  intervalMs?: number;
  /** The clock, in milliseconds (default `Date.now`; tests pass their own). */
  now?: () => number;
}

/**
 * Returns `emit(final)`: calls `onProgress(snapshot(elapsedMs))`, with `elapsedMs` counted from
 * the emitter's creation, when `final` is true or `intervalMs` has passed since the last call
 * (the first call always goes through). Without `onProgress` it does nothing, and `snapshot` is
 * never called.
 * @example
 * ```ts
 * const emit = progressEmitter(options.onProgress, (elapsedMs) => ({ done, total, failed, elapsedMs }));
 * // after each request: emit(false); after the last: emit(true)
 * ```
 */
export function progressEmitter<T>(
  onProgress: ((progress: T) => void) | undefined,
  snapshot: (elapsedMs: number) => T,
  options: ProgressEmitterOptions = {},
): (final: boolean) => void {
  const now = options.now ?? Date.now;
  const intervalMs = options.intervalMs ?? PROGRESS_INTERVAL_MS;
  const t0 = now();
  let lastEmit = -Infinity;
  return (final) => {
    if (!onProgress) return;
    const t = now();
    if (!final && t - lastEmit < intervalMs) return;
    lastEmit = t;
    onProgress(snapshot(t - t0));
  };
}
