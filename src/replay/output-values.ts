/**
 * A model's answer decoded into instances and values, the way the reader tabulates outputs:
 * CSV (one instance per line, or one per field when one line answers several input rows),
 * JSON (`{"predictions": [...]}`, arrays, JSON Lines, objects flattened). Pure.
 */
import { csvRows } from "../read/csv-payload";
import { jsonInputInstances, jsonOutputInstances, type Instance } from "../read/json-payload";

/** One value of an answer: a number, a label, or missing. */
export type OutputValue = number | string | null;

/** True when a payload should be read as JSON: its content type says so, or it starts like JSON. */
export function looksLikeJson(text: string, contentType: string | null | undefined): boolean {
  const type = (contentType ?? "").toLowerCase();
  if (type.includes("json")) return true;
  if (type.includes("csv")) return false;
  const first = text.trimStart()[0];
  return first === "{" || first === "[";
}

/** Number of instances in a request body (CSV lines, JSON instances); 1 for anything unreadable. */
export function inputInstanceCount(text: string | undefined, contentType: string | null | undefined): number {
  if (text === undefined || text.trim() === "") return 1;
  try {
    if (looksLikeJson(text, contentType)) return Math.max(1, jsonInputInstances(text).length);
    return Math.max(1, csvRows(text).length);
  } catch {
    return 1;
  }
}

function scalar(v: unknown): OutputValue {
  if (v === null || v === undefined) return null;
  if (typeof v === "number") return v;
  if (typeof v === "boolean") return v ? 1 : 0;
  return String(v);
}

function instanceValues(i: Instance): OutputValue[] {
  return [...(i.positional ?? []).map(scalar), ...(i.named ?? []).map(([, v]) => scalar(v))];
}

/**
 * The values of an answer, per instance.
 * @param inputCount instances in the request: a one-line CSV answer (or bare JSON array) with
 *   exactly that many values (> 1) is one value per instance, as the XGBoost container answers.
 * @throws Error when a JSON answer is not JSON (the caller keeps it as text).
 */
export function outputInstances(text: string, contentType: string | null | undefined, inputCount = 1): OutputValue[][] {
  if (looksLikeJson(text, contentType)) return jsonOutputInstances(text, inputCount).map(instanceValues);
  const rows = csvRows(text);
  if (rows.length === 1 && inputCount > 1 && rows[0]!.length === inputCount) return rows[0]!.map((v) => [v]);
  return rows;
}
