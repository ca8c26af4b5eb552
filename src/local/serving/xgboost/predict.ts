/**
 * Prediction over a compiled {@link XGBoostModel}: tree traversal and float32
 * accumulation in the same order as xgboost's CPU predictor, so results are bit-identical.
 */
import type { XGBoostModel } from "./model";
import { outputWidth, transformMargins } from "./objective";

/** Rows to predict: `numRows` rows of `numFeature` float32 values, NaN = missing. */
export interface FeatureMatrix {
  values: Float32Array;
  numRows: number;
}

const f = Math.fround;

/** Raw margins (numRows × numGroup): base margin plus the sum of tree outputs. */
export function predictMargins(model: XGBoostModel, x: FeatureMatrix): Float32Array {
  const { numGroup, numFeature } = model;
  const out = new Float32Array(x.numRows * numGroup);
  for (let r = 0; r < x.numRows; r++) {
    for (let g = 0; g < numGroup; g++) out[r * numGroup + g] = model.baseMargin[g];
  }
  if (model.booster === "gblinear") {
    addLinear(model, x, out);
    return out;
  }
  const { treeRoot, treeGroup, treeWeight, left, right, feature, value, defaultLeft } = model;
  const values = x.values;
  const nTrees = treeRoot.length;
  for (let r = 0; r < x.numRows; r++) {
    const rowStart = r * numFeature;
    const outStart = r * numGroup;
    for (let t = 0; t < nTrees; t++) {
      let n = treeRoot[t];
      let l: number;
      while ((l = left[n]) !== -1) {
        const v = values[rowStart + feature[n]];
        // xgboost: missing -> default direction; otherwise go left when value < threshold.
        n = v !== v ? (defaultLeft[n] === 1 ? l : right[n]) : v < value[n] ? l : right[n];
      }
      const o = outStart + treeGroup[t];
      // DART scales each tree's output (float product) before adding it.
      out[o] = treeWeight ? f(out[o] + f(value[n] * treeWeight[t])) : f(out[o] + value[n]);
    }
  }
  return out;
}

function addLinear(model: XGBoostModel, x: FeatureMatrix, out: Float32Array): void {
  const { numGroup, numFeature } = model;
  const w = model.linearWeights!;
  for (let r = 0; r < x.numRows; r++) {
    for (let g = 0; g < numGroup; g++) {
      let psum = f(out[r * numGroup + g] + w[numFeature * numGroup + g]);
      for (let j = 0; j < numFeature; j++) {
        const v = x.values[r * numFeature + j];
        if (v === v) psum = f(psum + f(v * w[j * numGroup + g]));
      }
      out[r * numGroup + g] = psum;
    }
  }
}

/** Predictions as `Booster.predict` returns them: numRows × outputWidth float32 values. */
export function predict(model: XGBoostModel, x: FeatureMatrix): Float32Array {
  const margins = predictMargins(model, x);
  return transformMargins(model.objective, margins, x.numRows, model.numGroup, model.version[0] ?? 1);
}

/** Values per prediction row (class count for multi:softprob, else 1). */
export function predictionWidth(model: XGBoostModel): number {
  return outputWidth(model.objective, model.numGroup);
}
