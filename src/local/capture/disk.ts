/**
 * Disk-usage source for the capture pause (capture-format §14: AWS stops capturing at high disk
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
