/**
 * Deequ's numeric column statistics: Spark's `sum`, `min`, `max`, `Mean` (sum / count) and
 * `StandardDeviation` (Spark's population central-moment update, one value at a time, in
 * row order). Pure, no I/O.
 */

/**
 * A {@link NumericAccumulator}'s whole state as plain data (it crosses to and from worker
 * threads): count, sum, min, max, and Spark's central-moment state (mean `avg`, `m2`).
 */
export interface NumericPartial {
  count: number;
  sum: number;
  min: number;
  max: number;
  avg: number;
  m2: number;
}

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

  /** The state as plain data. */
  toPartial(): NumericPartial {
    return { count: this.count, sum: this.sum, min: this.min, max: this.max, avg: this.avg, m2: this.m2 };
  }

  /** Replaces the state by `p` (a copy). */
  assign(p: NumericPartial): void {
    this.count = p.count;
    this.sum = p.sum;
    this.min = p.min;
    this.max = p.max;
    this.avg = p.avg;
    this.m2 = p.m2;
  }

  /** Back to empty. */
  reset(): void {
    this.assign({ count: 0, sum: 0, min: Infinity, max: -Infinity, avg: 0, m2: 0 });
  }

  /**
   * Adds the values of another part (the next file's), as Spark merges two partitions'
   * states: sums added, min/max, and `CentralMomentAgg`'s merge of (n, avg, m2) (Chan et al.'s
   * parallel variance). Merging into an empty accumulator copies `p`, so a window of one part
   * gives the same bits as adding its values one by one. The result depends on the order of
   * merges, not on which thread built each part.
   */
  merge(p: NumericPartial): void {
    if (p.count === 0) return;
    if (this.count === 0) {
      this.assign(p);
      return;
    }
    const n1 = this.count;
    const n2 = p.count;
    const n = n1 + n2;
    const delta = p.avg - this.avg;
    const deltaN = delta / n;
    this.avg += deltaN * n2;
    this.m2 = this.m2 + p.m2 + delta * deltaN * n1 * n2;
    this.count = n;
    this.sum += p.sum;
    if (p.min < this.min) this.min = p.min;
    if (p.max > this.max) this.max = p.max;
  }
}
