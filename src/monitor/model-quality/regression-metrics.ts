/**
 * Regression metrics as Model Monitor writes them (pure): sums in row order, MAE = Σ|y - ŷ| / n,
 * MSE = Σ(y - ŷ)² / n, RMSE = √MSE, R² = 1 - Σ(y - ŷ)² / Σ(y - ȳ)² with ȳ = Σy / n.
 */
import type { MetricSet } from "./metric-set";

/** Collects (actual, predicted) pairs in row order. */
export class RegressionRows {
  actual = new Float64Array(1024);
  predicted = new Float64Array(1024);
  length = 0;

  /** Adds one row. */
  add(actual: number, predicted: number): void {
    if (this.length === this.actual.length) {
      const a = new Float64Array(this.length * 2);
      const p = new Float64Array(this.length * 2);
      a.set(this.actual);
      p.set(this.predicted);
      this.actual = a;
      this.predicted = p;
    }
    this.actual[this.length] = actual;
    this.predicted[this.length++] = predicted;
  }
}

/** mae, mse, rmse, r2 of the rows (all of them, or those with `keep[i] === 1`). */
export function regressionMetrics(rows: RegressionRows, keep?: Uint8Array): MetricSet {
  const { actual, predicted } = rows;
  let n = 0;
  let sumY = 0;
  let sae = 0;
  let sse = 0;
  for (let i = 0; i < rows.length; i++) {
    if (keep && keep[i] === 0) continue;
    const d = actual[i]! - predicted[i]!;
    sae += Math.abs(d);
    sse += d * d;
    sumY += actual[i]!;
    n++;
  }
  const mean = sumY / n;
  let sst = 0;
  for (let i = 0; i < rows.length; i++) {
    if (keep && keep[i] === 0) continue;
    const d = actual[i]! - mean;
    sst += d * d;
  }
  const mse = sse / n;
  return {
    problemType: "Regression",
    rows: n,
    values: { mae: sae / n, mse, rmse: Math.sqrt(mse), r2: 1 - sse / sst },
  };
}
