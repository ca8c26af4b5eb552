/** One side of a record, decoded and classified for tabulation. */
import { decodeCaptureData, type CaptureSide } from "../capture";
import { toReadError, type CaptureReadIssue } from "./errors";
import type { SourcedRecord } from "./records";

/** Which side of the invocation. */
export type Side = "input" | "output";

/** A side as text to read as CSV or JSON, a binary payload (only its size is kept), or raw data of an unknown encoding. */
export type DecodedSide =
  { kind: "csv" | "json"; text: string } | { kind: "binary"; bytes: number } | { kind: "raw"; text: string };

/**
 * Decodes a side by its `encoding`. CSV/JSON are text as is. BASE64 (also when `encoding`
 * is missing) is decoded; text is read as JSON or CSV by the content type (`json`/`csv` in
 * the media type), else JSON when it starts with `{` or `[`, else CSV; bytes that are not
 * UTF-8 are binary. An unknown encoding keeps the data raw and adds a warning to `warnings`.
 * @throws CaptureReadError for invalid base64, naming the side's `data` field.
 */
export function decodeSide(
  side: CaptureSide,
  which: Side,
  r: Pick<SourcedRecord, "source" | "line">,
  warnings: CaptureReadIssue[],
): DecodedSide {
  const enc: string = side.encoding ?? "BASE64";
  if (enc === "CSV") return { kind: "csv", text: side.data };
  if (enc === "JSON") return { kind: "json", text: side.data };
  // Past the hot path (two calls a record): the field's name is built only when needed.
  const field = `captureData.${which === "input" ? "endpointInput" : "endpointOutput"}`;
  if (enc !== "BASE64") {
    warnings.push({
      source: r.source,
      line: r.line,
      field: `${field}.encoding`,
      message: `${r.source}:${r.line}: ${field}.encoding: unknown encoding ${JSON.stringify(enc)}; expected CSV, JSON or BASE64. The data is kept as is in column ${which}Raw`,
    });
    return { kind: "raw", text: side.data };
  }
  let d;
  try {
    d = decodeCaptureData(side);
  } catch (err) {
    throw toReadError(err, r.source, r.line, field);
  }
  if (d.text === undefined) return { kind: "binary", bytes: d.bytes.length };
  const type = (side.observedContentType ?? "").toLowerCase();
  if (type.includes("json")) return { kind: "json", text: d.text };
  if (type.includes("csv")) return { kind: "csv", text: d.text };
  const first = d.text.trimStart()[0];
  return { kind: first === "{" || first === "[" ? "json" : "csv", text: d.text };
}
