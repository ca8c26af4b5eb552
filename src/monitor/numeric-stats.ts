/**
 * Deequ's numeric column statistics: Spark's `sum`, `min`, `max`, `Mean` (sum / count) and
 * `StandardDeviation` (Spark's population central-moment update, one value at a time, in
 * row order). Pure, no I/O.
 */

/** Running numeric statistics of one column. */
export class NumericAccumulator {
  /** Values added (non-null, numeric). */
  count = 0;
  /** Plain running sum in row order, as Spark's `sum` on one partition. */
  sum = 0;
  min = Infinity;
  max = -Infinity;
  // Spark CentralMomentAgg state (n, avg, m2): the same operations in the same order.
  private avg = 0;
  private m2 = 0;

  /** Adds one value (finite numbers only; the caller decides what is missing). */
  add(x: number): void {
    this.count += 1;
    this.sum += x;
    if (x < this.min) this.min = x;
    if (x > this.max) this.max = x;
    const n = this.count;
    const delta = x - this.avg;
    const deltaN = delta / n;
    this.avg += deltaN;
    this.m2 += delta * (delta - deltaN);
  }

  /** `sum / count` (Deequ's Mean), NaN when empty. */
  get mean(): number {
    return this.count === 0 ? NaN : this.sum / this.count;
  }

  /** Population standard deviation `sqrt(m2 / n)` (Deequ's StandardDeviation), NaN when empty. */
  get stdDev(): number {
    return this.count === 0 ? NaN : Math.sqrt(this.m2 / this.count);
  }
}
