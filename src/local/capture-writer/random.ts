/**
 * Deterministic sampling randomness. The runtime seeds it so a run's sampling decisions can be
 * reproduced (and tests can assert exact counts).
 */
export { seededRandom } from "../../seeded-random";

/**
 * One independent sampling draw: true with probability `percentage / 100`. 100 (or more) always
 * captures and 0 (or less, or NaN) never does; neither consumes a draw, so the sequence for
 * sampled endpoints does not depend on fully-on or fully-off ones.
 */
export function sampleDraw(percentage: number, random: () => number): boolean {
  if (percentage >= 100) return true;
  if (!(percentage > 0)) return false;
  return random() * 100 < percentage;
}
