/**
 * Captured requests as dataset rows, the way Model Monitor's analyzer reads
 * `sagemakerCaptureJson`: the record's rows as `loadCaptures` reads them (`recordValues`,
 * src/read/record-values.ts), put in the baseline's terms. Unnamed values (CSV fields, JSON
 * arrays, `{"features": [...]}`, `{"predictions": [...]}`) go by position, the output values
 * first (`START`, the usual layout where the label is the training data's first column) or
 * last (`END`); named values (JSON objects, flattened `a.b`) go by name. Pure.
 *
 * This is the step a record preprocessor replaces: any {@link RecordToRows} will do.
 */
import type { CaptureRecord } from "../../capture";
import { recordValues, type RecordProblem, type SideValues } from "../../read/record-values";
import type { SourcedRecord } from "../../read/records";

export type { RecordProblem } from "../../read/record-values";

/** Where the output values sit in a row, as in the baseline dataset. */
export type OutputColumnsPosition = "START" | "END";

/**
 * One row's values in the baseline's terms: `positional[i]` is the baseline's i-th feature
 * (values past its width are extra columns `_cN`), `named` pairs a feature name with a value.
 * A value is its text as written (`"260.0"`), or `null` when missing.
 */
export interface FeatureValues {
  positional?: Array<string | null>;
  named?: Array<[string, string | null]>;
}

/** Rows of one record, with the problems found. */
export interface RecordRows {
  rows: FeatureValues[];
  problems: RecordProblem[];
}

/**
 * The seam between reading a record and profiling it: a parsed capture record (with where it
 * came from) to rows of feature values. {@link captureRows} is the default; a record
 * preprocessor (AWS's `preprocess_handler` returns a flat dict feature -> value) is another:
 * by name, `{ named: Object.entries(dict) }`; by sorted key position,
 * `{ positional: keys.sort().map((k) => dict[k]) }`; `[]` rows to drop the record.
 */
export type RecordToRows = (record: SourcedRecord) => RecordRows;

/** Options of {@link captureRows}. */
export interface CaptureRowsOptions {
  /** Where the output values sit (default `START`). */
  position?: OutputColumnsPosition;
  /**
   * The baseline's feature names: with them, unnamed output values of a record whose input
   * values are named (a JSON object) take the names of the first (`START`) or last (`END`)
   * columns, since there is no input position to count from.
   */
  featureNames?: readonly string[];
}

function place(
  input: SideValues | undefined,
  output: SideValues | undefined,
  position: OutputColumnsPosition,
  names: readonly string[] | undefined,
): FeatureValues {
  const inPos = input?.positional;
  let outPos = output?.positional;
  const named = [...(input?.named ?? []), ...(output?.named ?? [])];
  if (outPos && !inPos && names && names.length > 0) {
    // Inputs by name (or none): the outputs' columns are the baseline's first or last ones.
    const first = position === "START" ? 0 : names.length - outPos.length;
    outPos.forEach((v, j) => {
      const name = names[first + j];
      if (name !== undefined) named.push([name, v]);
    });
    outPos = undefined;
  }
  const out: FeatureValues = {};
  if (inPos || outPos) {
    const a = inPos ?? [];
    const b = outPos ?? [];
    out.positional = position === "START" ? [...b, ...a] : [...a, ...b];
  }
  if (named.length > 0) out.named = named;
  return out;
}

/**
 * The rows of one capture record in the baseline's terms. A record whose input cannot be read
 * gives no rows and a problem; an output that is missing or cannot be read leaves the output
 * values out (the rows are short) and gives a problem; instance counts that differ pair what
 * they can (see `recordValues`).
 * @example
 * captureRows(record).rows; // [{ positional: ["0.9", "1", null, "3"] }] for input "1,,3", output "0.9"
 */
export function captureRows(
  record: CaptureRecord,
  options: OutputColumnsPosition | CaptureRowsOptions = {},
  where?: { source: string; line: number },
): RecordRows {
  const o = typeof options === "string" ? { position: options } : options;
  const position = o.position ?? "START";
  const r = recordValues(record, where);
  return { rows: r.rows.map((row) => place(row.input, row.output, position, o.featureNames)), problems: r.problems };
}

/** The default {@link RecordToRows}: {@link captureRows} with these options. */
export function captureRowsStep(options: CaptureRowsOptions = {}): RecordToRows {
  return (r) => captureRows(r.record, options, r);
}
