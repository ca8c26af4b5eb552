/**
 * One capture record as rows of value texts: the reading `loadCaptures` makes of a record
 * (one row per instance; CSV, JSON document, JSON Lines, `{"instances": ...}`,
 * `{"features": [...]}`, `{"predictions": ...}`, BASE64 text), kept as texts so a value's
 * type can be read from how it was written (`260.0` stays `260.0`). The monitor profiles
 * these rows; the loader builds its columns by the same rules (side-decode.ts,
 * csv-payload.ts, json-payload.ts), with a faster CSV scanner. Pure.
 */
import type { CaptureRecord, CaptureSide } from "../capture";
import { csvFieldTexts } from "./csv-payload";
import { CaptureReadError, type CaptureReadIssue } from "./errors";
import { jsonInputInstances, jsonOutputInstances, type Instance } from "./json-payload";
import { jsonValueText, parseJsonText } from "./json-text";
import { decodeSide, type Side } from "./side-decode";

/** Values of one side of one instance: unnamed ones in order, named ones (flattened `a.b`) by name. */
export interface SideValues {
  positional?: Array<string | null>;
  named?: Array<[string, string | null]>;
}

/** One row: an instance's input and output values (absent when that side gave none). */
export interface ValueRow {
  input?: SideValues;
  output?: SideValues;
}

/** A problem in one record: the field (`captureData.endpointInput.data`) and what went wrong. */
export interface RecordProblem {
  field: string;
  message: string;
}

/** The rows of one record, and what could not be read. */
export interface RecordValues {
  rows: ValueRow[];
  problems: RecordProblem[];
}

/** The advice for what fits no rule (issue 18 adds the preprocessor itself). */
export const PREPROCESSOR_HINT =
  "Model Monitor reads CSV or flat JSON; use a record preprocessor to turn such payloads into features";

const fieldOf = (which: Side) => `captureData.${which === "input" ? "endpointInput" : "endpointOutput"}`;

function texts(inst: Instance, field: string, problems: RecordProblem[]): SideValues {
  const out: SideValues = {};
  if (inst.positional) out.positional = inst.positional.map(jsonValueText);
  if (inst.named) out.named = inst.named.map(([k, v]) => [k, jsonValueText(v)]);
  for (const i of inst.nested ?? [])
    problems.push({
      field: `${field}.data`,
      message: `value ${i + 1} is a nested JSON document; ${PREPROCESSOR_HINT}`,
    });
  return out;
}

/** A side's instances as values, or undefined (with a problem) when it cannot be tabulated. */
function sideValues(
  side: CaptureSide,
  which: Side,
  inputCount: number,
  where: { source: string; line: number },
  problems: RecordProblem[],
): SideValues[] | undefined {
  const field = fieldOf(which);
  let d;
  try {
    d = decodeSide(side, which, where, [] as CaptureReadIssue[]);
  } catch (e) {
    problems.push({ field: `${field}.data`, message: e instanceof CaptureReadError ? e.problem : String(e) });
    return undefined;
  }
  const type = side.observedContentType ?? "no content type";
  if (d.kind === "binary") {
    problems.push({
      field: `${field}.data`,
      message: `binary payload (${type}, ${d.bytes} bytes); ${PREPROCESSOR_HINT}`,
    });
    return undefined;
  }
  if (d.kind === "raw") {
    problems.push({
      field: `${field}.encoding`,
      message: `unknown encoding ${JSON.stringify(side.encoding)}; expected CSV, JSON or BASE64`,
    });
    return undefined;
  }
  try {
    if (d.kind === "csv") return csvFieldTexts(d.text).map((positional) => ({ positional }));
    const instances =
      which === "input"
        ? jsonInputInstances(d.text, parseJsonText)
        : jsonOutputInstances(d.text, inputCount, parseJsonText);
    return instances.map((inst) => texts(inst, field, problems));
  } catch (e) {
    problems.push({ field: `${field}.data`, message: (e as Error).message });
    return undefined;
  }
}

/**
 * The rows of one record, as `loadCaptures` reads it: one per instance, the input's and the
 * output's paired by position; when the counts differ the record gets max(inputs, outputs)
 * rows (the short side absent) and a problem says so. A side that cannot be read (bad
 * CSV/JSON, binary, unknown encoding, invalid base64) is a problem and gives no values; a
 * record without readable input values gives no rows.
 * `where` only locates decoding errors' own texts.
 * @example
 * recordValues(record).rows; // [{ input: { positional: ["1", "260.0"] }, output: { positional: ["0.9"] } }]
 */
export function recordValues(record: CaptureRecord, where = { source: "", line: 0 }): RecordValues {
  const problems: RecordProblem[] = [];
  const { endpointInput, endpointOutput } = record.captureData;
  if (!endpointInput) problems.push({ field: "captureData.endpointInput", message: "missing" });
  if (!endpointOutput) problems.push({ field: "captureData.endpointOutput", message: "missing" });
  const inputs = endpointInput ? sideValues(endpointInput, "input", 0, where, problems) : undefined;
  // Without input values a row would be only the model's output: the record gives none.
  if (!inputs) return { rows: [], problems };
  const outputs = endpointOutput ? sideValues(endpointOutput, "output", inputs.length, where, problems) : undefined;
  const nIn = inputs.length;
  const nOut = outputs?.length ?? 0;
  if (outputs && nIn !== nOut) {
    problems.push({
      field: "captureData.endpointOutput.data",
      message: `${nOut} output instance(s) for ${nIn} input instance(s)`,
    });
  }
  const rows: ValueRow[] = [];
  for (let i = 0; i < Math.max(nIn, nOut); i++) {
    const row: ValueRow = {};
    if (i < nIn) row.input = inputs[i];
    if (outputs && i < nOut) row.output = outputs[i];
    rows.push(row);
  }
  return { rows, problems };
}
