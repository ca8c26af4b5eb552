/**
 * Request payload parsing for the XGBoost backend, following the SageMaker XGBoost
 * container (`encoder.csv_to_dmatrix`, `_get_sparse_matrix_from_libsvm`): the body is
 * stripped, rows are split on `\n`, empty CSV fields are missing values, numbers are read
 * as doubles and stored as float32. Pure: no I/O. Hand-written for speed (no csv-parse).
 */
import { mediaType } from "../../../capture/encoding";
import type { FeatureMatrix } from "./predict";
import { CaptureLabError } from "../../../errors";

/** A payload the model cannot use; `status` and `message` are what the container answers. */
export class PayloadError extends CaptureLabError {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** Request content types the container accepts, by media type (parameters dropped). */
type PayloadFormat = "csv" | "libsvm";

/** Maps a Content-Type to a format; throws a 415 like the container for anything else. */
export function payloadFormat(contentType: string | undefined): PayloadFormat {
  // The container treats a missing Content-Type as CSV.
  const media = mediaType(contentType ?? "text/csv");
  if (media === "text/csv" || media === "csv") return "csv";
  if (media === "text/libsvm" || media === "text/x-libsvm" || media === "libsvm") return "libsvm";
  throw new PayloadError(
    415,
    `Content-type ${media} not supported. Supported content-type is text/csv, text/libsvm, application/x-recordio-protobuf`,
  );
}

const SPECIAL: Record<string, number> = {
  nan: NaN,
  "+nan": NaN,
  "-nan": NaN,
  inf: Infinity,
  "+inf": Infinity,
  "-inf": -Infinity,
  infinity: Infinity,
  "+infinity": Infinity,
  "-infinity": -Infinity,
};

/** Python `float(s)` semantics for one field; undefined when Python would raise. */
function parseNumber(s: string): number | undefined {
  const v = Number(s);
  if (v === v) {
    // Number() also accepts hex/octal/binary literals and blank strings; Python does not.
    if (/[xXoObB]/.test(s) || s.trim() === "") return undefined;
    return v;
  }
  const key = s.trim().toLowerCase();
  return Object.hasOwn(SPECIAL, key) ? SPECIAL[key] : undefined;
}

function csvError(detail: string): PayloadError {
  return new PayloadError(
    415,
    `Loading csv data failed with Exception, please ensure data is in csv format:\n <class 'ValueError'>\n ${detail}`,
  );
}

function pickDelimiter(firstLine: string): string {
  for (const d of [",", "\t", ";", " ", ":"]) if (firstLine.includes(d)) return d;
  return ",";
}

/**
 * Parses a CSV body (no header, no label) into float32 rows of `numFeature` columns.
 * Rows may be shorter than the model (the rest is missing, as in xgboost) but must all
 * have the same length; longer rows are a 400 like xgboost's column check.
 */
export function parseCsvPayload(body: Buffer, numFeature: number): FeatureMatrix {
  const text = body.toString("utf8").trim();
  const lines = text.split("\n");
  const delimiter = pickDelimiter(lines[0]);
  const numRows = lines.length;
  const values = new Float32Array(numRows * numFeature).fill(NaN);
  let width = -1;
  for (let r = 0; r < numRows; r++) {
    const fields = lines[r].split(delimiter);
    if (width === -1) {
      width = fields.length;
      if (width > numFeature) throw tooManyColumns(numFeature, width);
    } else if (fields.length !== width) {
      throw csvError(
        `setting an array element with a sequence. The requested array has an inhomogeneous shape after 1 dimensions (row ${r + 1} has ${fields.length} fields, row 1 has ${width})`,
      );
    }
    const base = r * numFeature;
    for (let j = 0; j < width; j++) {
      const s = fields[j];
      if (s === "") continue; // empty field = missing (NaN)
      const v = parseNumber(s);
      if (v === undefined) throw csvError(`could not convert string to float: '${s}' (row ${r + 1}, field ${j + 1})`);
      values[base + j] = v;
    }
  }
  return { values, numRows };
}

function tooManyColumns(numFeature: number, width: number): PayloadError {
  return new PayloadError(
    400,
    `Unable to evaluate payload provided: Check failed: learner_model_param_.num_feature >= p_fmat->Info().num_col_ (${numFeature} vs. ${width}) : Number of columns does not match number of features in booster.`,
  );
}

/**
 * Parses a libsvm body (`label index:value ...` per line; the label is ignored).
 * Absent indices are missing values.
 */
export function parseLibsvmPayload(body: Buffer, numFeature: number): FeatureMatrix {
  const lines = body.toString("utf8").trim().split("\n");
  const numRows = lines.length;
  const values = new Float32Array(numRows * numFeature).fill(NaN);
  let maxIndex = -1;
  for (let r = 0; r < numRows; r++) {
    for (const item of lines[r].split(" ")) {
      const colon = item.indexOf(":");
      if (colon < 0) continue;
      const idxText = item.slice(0, colon);
      const valText = item.slice(colon + 1).split(":")[0];
      const idx = /^\s*\d+\s*$/.test(idxText) ? Number(idxText) : NaN;
      const v = parseNumber(valText);
      if (!Number.isSafeInteger(idx) || v === undefined) {
        throw new PayloadError(
          415,
          `Loading libsvm data failed with Exception, please ensure data is in libsvm format:\n <class 'ValueError'>\n invalid entry '${item}' (row ${r + 1})`,
        );
      }
      maxIndex = Math.max(maxIndex, idx);
      if (idx < numFeature) values[r * numFeature + idx] = v;
    }
  }
  if (maxIndex + 1 > numFeature) throw tooManyColumns(numFeature, maxIndex + 1);
  return { values, numRows };
}
