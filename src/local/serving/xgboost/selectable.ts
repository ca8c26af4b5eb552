/**
 * "Selectable inference output" of the SageMaker XGBoost container: when the model's
 * Environment has `SAGEMAKER_INFERENCE_OUTPUT` (e.g. `predicted_label,probability`), the
 * container answers per row with the chosen keys in the Accept type (text/csv,
 * application/json, application/jsonlines), following `serve_utils.get_selected_predictions`
 * and `encode_selected_predictions`. Pure: no I/O.
 */
import { mediaType } from "../../../capture/encoding";
import type { Objective } from "./objective";
import { PayloadError } from "./payload";
import { pythonJsonFloat } from "./prediction-format";
import { pythonFloatRepr } from "../pyfloat";

type Value = { kind: "int"; v: number } | { kind: "float"; v: number } | { kind: "list"; v: Value[] };

const CLASSIFICATION = ["predicted_label", "labels", "probability", "probabilities", "raw_score", "raw_scores"];
const VALID: Partial<Record<Objective, string[]>> = {
  "reg:squarederror": ["predicted_score"],
  "reg:linear": ["predicted_score"],
  "reg:logistic": ["predicted_score"],
  "reg:gamma": ["predicted_score"],
  "reg:tweedie": ["predicted_score"],
  "binary:logistic": CLASSIFICATION,
  "binary:logitraw": ["predicted_label", "labels", "raw_score", "raw_scores"],
  "multi:softmax": ["predicted_label", "labels", "raw_score", "raw_scores"],
  "multi:softprob": CLASSIFICATION,
};
const ORDER = [...CLASSIFICATION, "predicted_score"];
const ACCEPTS = ["text/csv", "application/json", "application/jsonlines"];

/** Parses `SAGEMAKER_INFERENCE_OUTPUT` the way the container does. */
export function selectedKeys(env: string): string[] {
  return env.replace(/ /g, "").toLowerCase().split(",");
}

/** The response media type for selectable output; a 406 like the container when unsupported. */
export function selectableAccept(accept: string | undefined, defaultAccept = "text/csv"): string {
  const media = mediaType(accept ?? "");
  if (media === "" || media === "*/*") return defaultAccept;
  if (!ACCEPTS.includes(media)) {
    throw new PayloadError(
      406,
      `Accept type ${media} is not supported. Please use supported accept types: ['text/csv', 'application/json', 'application/jsonlines', 'application/x-recordio-protobuf'].`,
    );
  }
  return media;
}

const fl = (v: number): Value => ({ kind: "float", v });
const NAN = fl(NaN);

function keyValue(key: string, objective: Objective, row: number[], numClass: number): Value {
  const p = row[0];
  const argmax = () => row.indexOf(Math.max(...row));
  const pair = (x: number): Value => ({ kind: "list", v: [fl(1 - x), fl(x)] });
  const softprob = objective === "multi:softprob";
  switch (key) {
    case "predicted_label":
      if (objective === "multi:softmax") return fl(p);
      if (objective === "binary:logistic") return { kind: "int", v: p > 0.5 ? 1 : 0 };
      if (objective === "binary:logitraw") return { kind: "int", v: p > 0 ? 1 : 0 };
      return softprob ? { kind: "int", v: argmax() } : NAN;
    case "labels":
      if (objective.startsWith("binary:"))
        return {
          kind: "list",
          v: [
            { kind: "int", v: 0 },
            { kind: "int", v: 1 },
          ],
        };
      return { kind: "list", v: Array.from({ length: numClass }, (_, i) => ({ kind: "int" as const, v: i })) };
    case "probability":
      return softprob ? fl(Math.max(...row)) : fl(p);
    case "probabilities":
      return softprob ? { kind: "list", v: row.map(fl) } : pair(p);
    case "raw_score":
      return softprob ? fl(Math.max(...row)) : fl(p);
    case "raw_scores":
      return softprob ? { kind: "list", v: row.map(fl) } : pair(p);
    default:
      return fl(p); // predicted_score
  }
}

function pyStr(v: Value, json: boolean): string {
  if (v.kind === "list") return `[${v.v.map((x) => pyStr(x, json)).join(", ")}]`;
  if (v.kind === "int") return String(v.v);
  return json ? pythonJsonFloat(v.v) : pythonFloatRepr(v.v);
}

/** Encodes predictions (numRows × width) with the selected keys in the given media type. */
export function encodeSelected(
  preds: Float32Array,
  numRows: number,
  width: number,
  objective: Objective,
  numClass: number,
  keys: string[],
  accept: string,
  batch = false,
): string {
  const valid = VALID[objective];
  if (!valid)
    throw new PayloadError(500, `Objective \`${objective}\` unsupported for selectable inference predictions.`);
  const dictKeys = [
    ...ORDER.filter((k) => keys.includes(k) && valid.includes(k)),
    ...keys.filter((k) => !valid.includes(k)),
  ];
  const rows: Map<string, Value>[] = [];
  for (let r = 0; r < numRows; r++) {
    const row = Array.from(preds.subarray(r * width, r * width + width));
    rows.push(new Map(dictKeys.map((k) => [k, valid.includes(k) ? keyValue(k, objective, row, numClass) : NAN])));
  }
  const jsonRow = (m: Map<string, Value>) =>
    `{${[...m].map(([k, v]) => `${JSON.stringify(k)}: ${pyStr(v, true)}`).join(", ")}}`;
  if (accept === "application/json") return `{"predictions": [${rows.map(jsonRow).join(", ")}]}`;
  if (accept === "application/jsonlines") return rows.map((m) => `${jsonRow(m)}\n`).join("");
  const csv = rows
    .map((m) =>
      keys
        .map((k) => {
          const v = m.get(k) ?? NAN;
          return v.kind === "list" ? `"${pyStr(v, false)}"` : pyStr(v, false);
        })
        .join(","),
    )
    .join("\n");
  return batch ? `${csv}\n` : csv;
}
