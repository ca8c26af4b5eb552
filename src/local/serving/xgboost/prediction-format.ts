/**
 * Response bodies exactly as the SageMaker XGBoost container (algorithm mode) writes them.
 * Pure: no I/O.
 *
 * Findings (aws/sagemaker-xgboost-container, `algorithm_mode/serve.py`,
 * `handler_service.py`, `serve_utils.py`):
 * - Real-time CSV: `",".join(map(str, preds.tolist()))`, no trailing newline, Flask
 *   mimetype `text/csv` (sent as `text/csv; charset=utf-8`). multi:softprob rows are
 *   Python lists, so two rows give `[0.1, 0.2, 0.7],[0.3, 0.3, 0.4]` (the source calls
 *   this "invalid CSV ... retained for backwards compatibility").
 * - Batch transform (`SAGEMAKER_BATCH` set): one prediction per line, trailing `\n`.
 * - JSON: `serve_utils.encode_predictions_as_json` → `json.dumps({"predictions":
 *   [{"score": p}, ...]})` with Python's default separators (`", "`, `": "`).
 */
import { pythonFloatRepr } from "../pyfloat";

/** Python `str()` of one prediction row: a float, or a list of floats for multi-output. */
function pythonRowRepr(preds: Float32Array, row: number, width: number): string {
  if (width === 1) return pythonFloatRepr(preds[row]);
  const parts: string[] = new Array(width);
  for (let k = 0; k < width; k++) parts[k] = pythonFloatRepr(preds[row * width + k]);
  return `[${parts.join(", ")}]`;
}

/** The container's CSV body for `numRows` predictions of `width` values each. */
export function encodeCsvPredictions(preds: Float32Array, numRows: number, width: number, batch = false): string {
  const rows: string[] = new Array(numRows);
  for (let r = 0; r < numRows; r++) rows[r] = pythonRowRepr(preds, r, width);
  return batch ? `${rows.join("\n")}\n` : rows.join(",");
}

/** Python `json.dumps` of a float (NaN and infinities as Python writes them). */
export function pythonJsonFloat(x: number): string {
  if (Number.isNaN(x)) return "NaN";
  if (x === Infinity) return "Infinity";
  if (x === -Infinity) return "-Infinity";
  return pythonFloatRepr(x);
}

/** `{"predictions": [{"score": ...}, ...]}` as `json.dumps` writes it. */
export function encodeJsonPredictions(preds: Float32Array, numRows: number, width: number): string {
  const items: string[] = new Array(numRows);
  for (let r = 0; r < numRows; r++) {
    let score: string;
    if (width === 1) score = pythonJsonFloat(preds[r]);
    else {
      const parts: string[] = [];
      for (let k = 0; k < width; k++) parts.push(pythonJsonFloat(preds[r * width + k]));
      score = `[${parts.join(", ")}]`;
    }
    items[r] = `{"score": ${score}}`;
  }
  return `{"predictions": [${items.join(", ")}]}`;
}
