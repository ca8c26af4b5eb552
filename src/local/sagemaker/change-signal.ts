/**
 * Wakes callers that wait for control-plane state to move on (DescribeEndpoint waiting for a
 * `Creating` endpoint to settle). The lifecycle signals after every change, so a waiter re-checks
 * exactly when something happened instead of polling on a timer.
 */

/** Waiters on control-plane state, re-checked on every {@link ChangeSignal.notify}. */
export class ChangeSignal {
  private readonly listeners = new Set<() => void>();

  /** Re-checks every waiter; call after each state change. */
  notify(): void {
    for (const l of [...this.listeners]) l();
  }

  /**
   * Resolves once `busy()` is false at a notify, or after `ms` at the latest; at once when `ms`
   * is not positive or `busy()` is already false. Never rejects.
   */
  async waitWhile(busy: () => boolean, ms: number): Promise<void> {
    if (ms <= 0 || !busy()) return;
    await new Promise<void>((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.listeners.delete(check);
        resolve();
      };
      const check = (): void => {
        if (!busy()) done();
      };
      const timer = setTimeout(done, ms);
      this.listeners.add(check);
    });
  }
}
