/**
 * XGBoost objectives: which are supported and how margins become predictions.
 * All arithmetic is float32 (`Math.fround` at each step), like xgboost's C++.
 */

const SUPPORTED = [
  "binary:logistic",
  "binary:logitraw",
  "reg:logistic",
  "reg:squarederror",
  "reg:linear",
  "reg:pseudohubererror",
  "reg:absoluteerror",
  "reg:gamma",
  "reg:tweedie",
  "count:poisson",
  "multi:softprob",
  "multi:softmax",
] as const;

/** An objective this package can serve. */
export type Objective = (typeof SUPPORTED)[number];

/** True when `name` is an objective {@link transformMargins} handles. */
export function isSupportedObjective(name: string): name is Objective {
  return (SUPPORTED as readonly string[]).includes(name);
}

/** Number of values per row in the prediction output (class probabilities for softprob). */
export function outputWidth(objective: Objective, numGroup: number): number {
  return objective === "multi:softprob" ? numGroup : 1;
}

const f = Math.fround;
const expf = (x: number) => f(Math.exp(x));

/**
 * xgboost's Sigmoid. 1.x: `1 / (1 + expf(-x))`; 2.x clamps the exponent at 88.7 and adds
 * 1e-16 to the denominator, which only matters where expf would overflow.
 */
function sigmoid(x: number, v2: boolean): number {
  if (!v2) return f(1 / f(1 + expf(-x)));
  const e = expf(Math.min(-x, f(88.7)));
  return f(1 / f(f(e + 1) + f(1e-16)));
}

/**
 * Turns margins (numRows × numGroup, row-major) into predictions
 * (numRows × {@link outputWidth}) in float32, as `Booster.predict` returns them.
 */
export function transformMargins(
  objective: Objective,
  margins: Float32Array,
  numRows: number,
  numGroup: number,
  majorVersion: number,
): Float32Array {
  const v2 = majorVersion >= 2;
  switch (objective) {
    case "binary:logistic":
    case "reg:logistic": {
      const out = new Float32Array(margins.length);
      for (let i = 0; i < margins.length; i++) out[i] = sigmoid(margins[i], v2);
      return out;
    }
    case "reg:gamma":
    case "reg:tweedie":
    case "count:poisson": {
      const out = new Float32Array(margins.length);
      for (let i = 0; i < margins.length; i++) out[i] = expf(margins[i]);
      return out;
    }
    case "multi:softprob": {
      const out = new Float32Array(margins.length);
      for (let r = 0; r < numRows; r++) softmax(margins, out, r * numGroup, numGroup);
      return out;
    }
    case "multi:softmax": {
      const out = new Float32Array(numRows);
      for (let r = 0; r < numRows; r++) {
        let best = 0;
        const o = r * numGroup;
        for (let g = 1; g < numGroup; g++) if (margins[o + g] > margins[o + best]) best = g;
        out[r] = best;
      }
      return out;
    }
    default:
      return margins;
  }
}

/** xgboost's Softmax: float max, float exps, a double sum, float division. */
function softmax(src: Float32Array, dst: Float32Array, start: number, n: number): void {
  let wmax = src[start];
  for (let i = 1; i < n; i++) wmax = Math.max(wmax, src[start + i]);
  let wsum = 0;
  for (let i = 0; i < n; i++) {
    const e = expf(f(src[start + i] - wmax));
    dst[start + i] = e;
    wsum += e;
  }
  const denom = f(wsum);
  for (let i = 0; i < n; i++) dst[start + i] = f(dst[start + i] / denom);
}
