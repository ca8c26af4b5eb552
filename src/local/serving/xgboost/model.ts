/**
 * Loads XGBoost model files (`Booster.save_model("x.json")` / `"x.ubj"`, xgboost 1.x and
 * 2.x schema) into flat typed arrays for fast prediction. Pure: no I/O.
 */
import { decodeUbjson, type UbjValue } from "./ubjson";
import { isSupportedObjective, type Objective } from "./objective";
import { CaptureLabError } from "../../../errors";

/** Thrown when a model file cannot be used; the message says what and where. */
export class ModelLoadError extends CaptureLabError {
  constructor(message: string) {
    super(message);
  }
}

/** A model ready for prediction. Trees are stored back to back in shared arrays. */
export interface XGBoostModel {
  /** xgboost version that wrote the file, e.g. [1, 7, 4]. */
  version: number[];
  booster: "gbtree" | "dart" | "gblinear";
  objective: Objective;
  numFeature: number;
  /** Output groups: the number of classes for multi:*, else 1. */
  numGroup: number;
  /** Base margin per group (float32), i.e. base_score mapped by the objective's link. */
  baseMargin: Float32Array;
  featureNames: string[];
  /** Root node index of each tree in the shared node arrays. */
  treeRoot: Int32Array;
  /** Output group of each tree (`tree_info`). */
  treeGroup: Int32Array;
  /** DART `weight_drop` per tree; undefined for gbtree. */
  treeWeight?: Float32Array;
  /** Left child (absolute index), -1 for a leaf. */
  left: Int32Array;
  right: Int32Array;
  feature: Int32Array;
  /** Split threshold for inner nodes, leaf value for leaves (float32). */
  value: Float32Array;
  defaultLeft: Uint8Array;
  /** gblinear: weights[feature * numGroup + group], then numGroup biases. */
  linearWeights?: Float32Array;
}

type Obj = { [key: string]: UbjValue };
type NumArray = ArrayLike<number>;

/** Detects JSON vs UBJSON by content and loads the model. `source` names the file in errors. */
export function loadXGBoostModel(data: Uint8Array, source = "model"): XGBoostModel {
  return compileModel(parseModelDocument(data, source), source);
}

/** Decodes the bytes of a model file into its document (JSON or UBJSON). */
function parseModelDocument(data: Uint8Array, source: string): UbjValue {
  if (data.length === 0) throw new ModelLoadError(`${source}: the model file is empty`);
  let i = 0;
  while (i < data.length && (data[i] === 0x20 || data[i] === 0x0a || data[i] === 0x0d || data[i] === 0x09)) i++;
  if (data[i] === 0x80) {
    throw new ModelLoadError(
      `${source}: this looks like a pickled Python object; only XGBoost JSON or UBJSON models (Booster.save_model("xgboost-model.json")) are supported`,
    );
  }
  if (data[i] !== 0x7b /* { */) {
    throw new ModelLoadError(
      `${source}: not an XGBoost JSON or UBJSON model (the legacy binary format is not supported; re-save it with Booster.save_model("xgboost-model.json"))`,
    );
  }
  const next = data[i + 1];
  const isJson = next === 0x22 || next === 0x7d || next === 0x20 || next === 0x0a || next === 0x0d || next === 0x09;
  try {
    if (isJson) return JSON.parse(Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString("utf8"));
    return decodeUbjson(data);
  } catch (e) {
    throw new ModelLoadError(`${source}: cannot decode ${isJson ? "JSON" : "UBJSON"} model: ${(e as Error).message}`);
  }
}

function obj(v: UbjValue | undefined, path: string, source: string): Obj {
  if (v === null || v === undefined || typeof v !== "object" || Array.isArray(v) || ArrayBuffer.isView(v)) {
    throw new ModelLoadError(`${source}: expected an object at ${path}`);
  }
  return v as Obj;
}

function arr(v: UbjValue | undefined, path: string, source: string): NumArray {
  if (Array.isArray(v) || ArrayBuffer.isView(v)) return v as NumArray;
  throw new ModelLoadError(`${source}: expected an array at ${path}`);
}

function num(v: UbjValue | undefined, path: string, source: string): number {
  // xgboost writes most parameters as strings ("5E-1"); 2.x writes base_score as "[5E-1]".
  const raw = typeof v === "string" ? v.replace(/^\[|\]$/g, "") : v;
  const n = typeof raw === "number" ? raw : typeof raw === "string" && raw.trim() !== "" ? Number(raw) : NaN;
  if (Number.isNaN(n)) throw new ModelLoadError(`${source}: expected a number at ${path}, got ${JSON.stringify(v)}`);
  return n;
}

function compileModel(doc: UbjValue, source: string): XGBoostModel {
  const root = obj(doc, "(root)", source);
  const version = root.version ? Array.from(arr(root.version, "version", source)) : [0, 0, 0];
  const learner = obj(root.learner, "learner", source);
  const lmp = obj(learner.learner_model_param, "learner.learner_model_param", source);
  const objective = String(obj(learner.objective, "learner.objective", source).name);
  if (!isSupportedObjective(objective)) {
    throw new ModelLoadError(
      `${source}: objective "${objective}" is not supported (supported: binary:logistic, binary:logitraw, reg:logistic, reg:squarederror, reg:linear, reg:pseudohubererror, reg:absoluteerror, reg:gamma, reg:tweedie, count:poisson, multi:softprob, multi:softmax)`,
    );
  }
  const numFeature = num(lmp.num_feature, "learner.learner_model_param.num_feature", source);
  const numClass =
    lmp.num_class === undefined ? 0 : num(lmp.num_class, "learner.learner_model_param.num_class", source);
  const numTarget =
    lmp.num_target === undefined ? 1 : num(lmp.num_target, "learner.learner_model_param.num_target", source);
  if (numTarget > 1)
    throw new ModelLoadError(`${source}: multi-target models (num_target=${numTarget}) are not supported`);
  const numGroup = Math.max(numClass, 1);
  const baseScore = parseBaseScore(lmp.base_score, numGroup, source);
  const baseMargin = new Float32Array(numGroup);
  for (let g = 0; g < numGroup; g++) baseMargin[g] = probToMargin(objective, baseScore[g], source);
  const featureNames = Array.isArray(learner.feature_names) ? learner.feature_names.map(String) : [];
  const gb = obj(learner.gradient_booster, "learner.gradient_booster", source);
  const name = String(gb.name);
  const base = { version, objective, numFeature, numGroup, baseMargin, featureNames };
  if (name === "gblinear") return { ...base, ...compileLinear(gb, numFeature, numGroup, source) };
  if (name !== "gbtree" && name !== "dart")
    throw new ModelLoadError(`${source}: booster "${name}" is not supported (gbtree, dart, gblinear)`);
  const treeModel = obj(
    name === "dart" ? obj(gb.gbtree, "learner.gradient_booster.gbtree", source).model : gb.model,
    "learner.gradient_booster.model",
    source,
  );
  const trees = compileTrees(treeModel, numFeature, numGroup, source);
  let treeWeight: Float32Array | undefined;
  if (name === "dart") {
    const w = arr(gb.weight_drop, "learner.gradient_booster.weight_drop", source);
    if (w.length !== trees.treeRoot.length)
      throw new ModelLoadError(
        `${source}: dart weight_drop has ${w.length} entries for ${trees.treeRoot.length} trees`,
      );
    treeWeight = Float32Array.from(w);
  }
  return { ...base, booster: name, ...trees, treeWeight };
}

function parseBaseScore(v: UbjValue | undefined, numGroup: number, source: string): number[] {
  const path = "learner.learner_model_param.base_score";
  if (v === undefined) return new Array(numGroup).fill(0.5);
  if (typeof v === "string" && v.includes(",")) {
    const parts = v
      .replace(/^\[|\]$/g, "")
      .split(",")
      .map((p) => num(p, path, source));
    if (parts.length !== numGroup)
      throw new ModelLoadError(`${source}: ${path} has ${parts.length} values for ${numGroup} outputs`);
    return parts;
  }
  return new Array(numGroup).fill(num(v, path, source));
}

/** The objective's link applied to base_score, in float32 like xgboost's ProbToMargin. */
function probToMargin(objective: string, baseScore: number, source: string): number {
  const f = Math.fround;
  const p = f(baseScore);
  switch (objective) {
    // binary:logitraw keeps base_score as the margin (xgboost 1.7 does no logit there).
    case "binary:logistic":
    case "reg:logistic":
      if (!(p > 0 && p < 1))
        throw new ModelLoadError(`${source}: base_score ${baseScore} must be in (0, 1) for ${objective}`);
      return f(-f(Math.log(f(f(1 / p) - 1))));
    case "reg:gamma":
    case "reg:tweedie":
    case "count:poisson":
      return f(Math.log(p));
    default:
      return p;
  }
}

function compileLinear(gb: Obj, numFeature: number, numGroup: number, source: string) {
  const model = obj(gb.model, "learner.gradient_booster.model", source);
  const w = arr(model.weights, "learner.gradient_booster.model.weights", source);
  if (w.length !== (numFeature + 1) * numGroup) {
    throw new ModelLoadError(
      `${source}: gblinear weights have ${w.length} entries, expected ${(numFeature + 1) * numGroup}`,
    );
  }
  const empty = new Int32Array(0);
  return {
    booster: "gblinear" as const,
    linearWeights: Float32Array.from(w),
    treeRoot: empty,
    treeGroup: empty,
    left: empty,
    right: empty,
    feature: empty,
    value: new Float32Array(0),
    defaultLeft: new Uint8Array(0),
  };
}

function compileTrees(model: Obj, numFeature: number, numGroup: number, source: string) {
  const trees = arr(model.trees, "gradient_booster.model.trees", source) as unknown as UbjValue[];
  const info = arr(model.tree_info, "gradient_booster.model.tree_info", source);
  if (info.length !== trees.length)
    throw new ModelLoadError(`${source}: tree_info has ${info.length} entries for ${trees.length} trees`);
  const parsed = trees.map((t, i) => parseTree(obj(t, `trees[${i}]`, source), i, numFeature, source));
  const total = parsed.reduce((s, t) => s + t.left.length, 0);
  const out = {
    treeRoot: new Int32Array(trees.length),
    treeGroup: new Int32Array(trees.length),
    left: new Int32Array(total),
    right: new Int32Array(total),
    feature: new Int32Array(total),
    value: new Float32Array(total),
    defaultLeft: new Uint8Array(total),
  };
  let offset = 0;
  parsed.forEach((t, i) => {
    const group = info[i];
    if (!(group >= 0 && group < numGroup))
      throw new ModelLoadError(`${source}: tree_info[${i}] = ${group} is not a valid output group`);
    out.treeRoot[i] = offset;
    out.treeGroup[i] = group;
    for (let n = 0; n < t.left.length; n++) {
      const leaf = t.left[n] === -1;
      out.left[offset + n] = leaf ? -1 : offset + t.left[n];
      out.right[offset + n] = leaf ? -1 : offset + t.right[n];
      out.feature[offset + n] = leaf ? 0 : t.feature[n];
      out.value[offset + n] = t.value[n];
      out.defaultLeft[offset + n] = t.defaultLeft[n] ? 1 : 0;
    }
    offset += t.left.length;
  });
  return out;
}

function parseTree(t: Obj, index: number, numFeature: number, source: string) {
  const at = (k: string) => arr(t[k], `trees[${index}].${k}`, source);
  const left = at("left_children");
  const right = at("right_children");
  const feature = at("split_indices");
  const value = at("split_conditions");
  const defaultLeft = at("default_left");
  const n = left.length;
  for (const [k, a] of [
    ["right_children", right],
    ["split_indices", feature],
    ["split_conditions", value],
    ["default_left", defaultLeft],
  ] as const) {
    if (a.length !== n)
      throw new ModelLoadError(`${source}: trees[${index}].${k} has ${a.length} entries, left_children has ${n}`);
  }
  if (n === 0) throw new ModelLoadError(`${source}: trees[${index}] has no nodes`);
  const param = t.tree_param && typeof t.tree_param === "object" ? (t.tree_param as Obj) : {};
  if (
    param.size_leaf_vector !== undefined &&
    num(param.size_leaf_vector, `trees[${index}].tree_param.size_leaf_vector`, source) > 1
  ) {
    throw new ModelLoadError(`${source}: trees[${index}] has vector leaves (multi-target trees are not supported)`);
  }
  const splitType = t.split_type === undefined ? undefined : at("split_type");
  if (splitType) {
    for (let i = 0; i < splitType.length; i++) {
      if (splitType[i] !== 0 && left[i] !== -1) {
        throw new ModelLoadError(
          `${source}: trees[${index}] node ${i} is a categorical split; categorical features are not supported yet (train with numeric/one-hot features)`,
        );
      }
    }
  }
  // Every node must be reached once from the root, children in range: a corrupt model
  // must fail here, not loop forever at prediction time.
  const seen = new Uint8Array(n);
  const stack = [0];
  while (stack.length) {
    const i = stack.pop()!;
    if (seen[i]) throw new ModelLoadError(`${source}: trees[${index}] node ${i} is reachable twice (corrupt tree)`);
    seen[i] = 1;
    if (left[i] === -1) continue;
    const l = left[i],
      r = right[i],
      f = feature[i];
    if (!(l > 0 && l < n && r > 0 && r < n))
      throw new ModelLoadError(`${source}: trees[${index}] node ${i} has children ${l}, ${r} outside 0..${n - 1}`);
    if (!(f >= 0 && f < numFeature))
      throw new ModelLoadError(
        `${source}: trees[${index}] node ${i} splits on feature ${f}, but the model has ${numFeature} features`,
      );
    stack.push(l, r);
  }
  return { left, right, feature, value, defaultLeft };
}
