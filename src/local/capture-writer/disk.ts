/**
 * Disk-usage source for the capture pause (docs/capture-format.md §14: AWS stops capturing at high disk
 * usage and recommends staying below 75 %).
 */
import { promises as fsp } from "node:fs";

/**
 * Returns a probe of the fraction of `dir`'s volume in use, computed as `df` does:
 * used / (used + available to unprivileged users).
 */
export function statfsUsage(dir: string): () => Promise<number> {
  return async () => {
    const s = await fsp.statfs(dir);
    const used = s.blocks - s.bfree;
    const total = used + s.bavail;
    return total <= 0 ? 0 : used / total;
  };
}

/** Pause state driven by a disk probe; transitions are reported, probe failures too. */
export class DiskGate {
  /** True while the last successful probe was above the threshold. */
  paused = false;
  private running: Promise<boolean> | null = null;

  /**
   * @param probe fraction of the volume in use (0..1)
   * @param threshold capture pauses while usage is strictly above it
   * @param report receives `paused-disk`/`resumed-disk` on transitions and `disk-check-failed`
   */
  constructor(
    private readonly probe: () => Promise<number>,
    readonly threshold: number,
    private readonly report: (
      e:
        | { type: "paused-disk" | "resumed-disk"; usage: number; threshold: number }
        | { type: "disk-check-failed"; error: string },
    ) => void,
  ) {}

  /** Probes once (concurrent calls share one probe) and returns whether capture is paused. A failed probe keeps the state. */
  check(): Promise<boolean> {
    if (this.running) return this.running;
    this.running = (async () => {
      try {
        const usage = await this.probe();
        const above = usage > this.threshold;
        if (above !== this.paused) {
          this.paused = above;
          this.report({ type: above ? "paused-disk" : "resumed-disk", usage, threshold: this.threshold });
        }
      } catch (err) {
        this.report({ type: "disk-check-failed", error: err instanceof Error ? err.message : String(err) });
      } finally {
        this.running = null;
      }
      return this.paused;
    })();
    return this.running;
  }
}
