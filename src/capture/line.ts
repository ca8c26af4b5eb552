/**
 * One line of a capture file: lenient parsing of what AWS (or an SDK fixture) wrote, and
 * byte-exact writing (docs/capture-format.md §4, §5, §15).
 */
import type { CaptureEncoding, CaptureRecord, CaptureSide } from "./record";
import { CaptureFormatError, type CaptureLocation } from "./errors";
import { encodeCaptureBody } from "./encoding";
import { formatInferenceTime } from "./time";

export { CaptureFormatError } from "./errors";
export type { CaptureLocation } from "./errors";
export { formatInferenceTime, parseInferenceTime } from "./time";

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const typeName = (v: unknown): string => (v === null ? "null" : Array.isArray(v) ? "array" : typeof v);

/** Turns a JSON.parse failure into a message that says whether the line was cut short. */
function jsonProblem(text: string, err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  const pos = /position (\d+)/.exec(msg);
  const atEnd = pos !== null && Number(pos[1]) >= text.trimEnd().length - 1;
  if (/Unterminated|end of JSON|Unexpected end/i.test(msg) || atEnd) {
    return `line is truncated: unterminated JSON after ${text.length} characters (the record was cut short; ${msg})`;
  }
  return `not valid JSON: ${msg}`;
}

function checkSide(side: unknown, name: string, where: CaptureLocation): void {
  const path = `captureData.${name}`;
  const fail = (field: string, expected: string, got: unknown): never => {
    throw new CaptureFormatError(`expected ${expected}, got ${typeName(got)}`, { ...where, field: `${path}${field}` });
  };
  if (!isObject(side)) return fail("", "an object (or the key absent)", side);
  if (typeof side.data !== "string") fail(".data", "a string", side.data);
  const ct = side.observedContentType;
  if (ct !== undefined && ct !== null && typeof ct !== "string") fail(".observedContentType", "a string or null", ct);
  if (side.encoding !== undefined && typeof side.encoding !== "string") fail(".encoding", "a string", side.encoding);
  if (side.mode !== undefined && typeof side.mode !== "string") fail(".mode", "a string", side.mode);
}

/**
 * Parses one line of a capture file.
 *
 * Lenient where real files differ (§15): a trailing `\r` or a leading BOM, any key order,
 * either side absent, `observedContentType` null or absent, `encoding` absent (read as
 * BASE64 by {@link decodeCaptureData}) or unknown (kept), `mode`/`eventVersion` absent,
 * `customAttributes` as a string or an array of strings. `inferenceTime` must be a string
 * but its format is not checked here (SDK templates hold placeholders); use
 * `parseInferenceTime` when you need the Date.
 *
 * Strict where data would be misread: invalid or truncated JSON, a missing `captureData`,
 * `eventMetadata`, `eventId` or `inferenceTime`, and wrongly typed fields, each reported
 * with the field path.
 *
 * The returned object is `JSON.parse`'s output unchanged (same key order, nothing added),
 * so `serializeCaptureRecord(parseCaptureLine(l)) === l + "\n"` for every AWS-written line.
 * @throws CaptureFormatError saying `source:line`, the field and what was expected.
 */
export function parseCaptureLine(line: string, where: CaptureLocation = {}): CaptureRecord {
  let text = line.endsWith("\r") ? line.slice(0, -1) : line;
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === "") throw new CaptureFormatError("empty line; expected one JSON capture record", where);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new CaptureFormatError(jsonProblem(text, err), where);
  }
  if (!isObject(value)) {
    throw new CaptureFormatError(`expected a JSON object (a capture record), got ${typeName(value)}`, where);
  }
  const need = (obj: Json, key: string, path: string): Json => {
    const v = obj[key];
    if (v === undefined)
      throw new CaptureFormatError("missing; a capture record requires it", { ...where, field: path });
    if (!isObject(v)) throw new CaptureFormatError(`expected an object, got ${typeName(v)}`, { ...where, field: path });
    return v;
  };
  const captureData = need(value, "captureData", "captureData");
  for (const name of ["endpointInput", "endpointOutput"]) {
    if (captureData[name] !== undefined) checkSide(captureData[name], name, where);
  }
  const meta = need(value, "eventMetadata", "eventMetadata");
  for (const key of ["eventId", "inferenceTime"]) {
    const v = meta[key];
    const field = `eventMetadata.${key}`;
    if (v === undefined) throw new CaptureFormatError("missing; a capture record requires it", { ...where, field });
    if (typeof v !== "string")
      throw new CaptureFormatError(`expected a string, got ${typeName(v)}`, { ...where, field });
  }
  if (meta.inferenceId !== undefined && typeof meta.inferenceId !== "string") {
    throw new CaptureFormatError(`expected a string, got ${typeName(meta.inferenceId)}`, {
      ...where,
      field: "eventMetadata.inferenceId",
    });
  }
  const ca = meta.customAttributes;
  if (ca !== undefined && typeof ca !== "string" && !(Array.isArray(ca) && ca.every((x) => typeof x === "string"))) {
    throw new CaptureFormatError(`expected a string or an array of strings, got ${typeName(ca)}`, {
      ...where,
      field: "eventMetadata.customAttributes",
    });
  }
  if (value.eventVersion !== undefined && typeof value.eventVersion !== "string") {
    throw new CaptureFormatError(`expected a string, got ${typeName(value.eventVersion)}`, {
      ...where,
      field: "eventVersion",
    });
  }
  return value as unknown as CaptureRecord;
}

/**
 * Writes one record as AWS does: compact JSON (no spaces, `/` unescaped) in the object's own
 * key order, followed by `\n`.
 */
export function serializeCaptureRecord(record: CaptureRecord): string {
  return JSON.stringify(record) + "\n";
}

/** `customAttributes` as a list, whichever form the record used (string or array); `undefined` when absent. */
export function customAttributesOf(record: CaptureRecord): string[] | undefined {
  const ca: unknown = record.eventMetadata.customAttributes;
  if (ca === undefined) return undefined;
  return typeof ca === "string" ? [ca] : (ca as string[]);
}

/** One captured payload, as the builder receives it. */
export interface CaptureBody {
  /** The Content-Type as sent (parameters included), or `null` when there was none. */
  contentType: string | null;
  /** The raw body bytes. */
  body: Uint8Array;
  /** The encoding chosen for the content type (see `chooseEncoding`). */
  encoding: CaptureEncoding;
}

/** Input of {@link buildCaptureRecord}. */
export interface BuildCaptureRecordInput {
  /** The request; omit when the config does not capture input. */
  input?: CaptureBody;
  /** The response; omit when the config does not capture output. */
  output?: CaptureBody;
  /** Lower-case UUID v4 (e.g. `crypto.randomUUID()`). */
  eventId: string;
  /** The caller's `InferenceId`, verbatim. */
  inferenceId?: string;
  /** Capture time; written at second precision, UTC. */
  inferenceTime: Date;
  /** The `X-Amzn-SageMaker-Custom-Attributes` request header value, verbatim. */
  customAttributes?: string;
}

function buildSide(mode: "INPUT" | "OUTPUT", b: CaptureBody): CaptureSide {
  const { data, encoding } = encodeCaptureBody(b.body, b.encoding);
  // Key order is the wire order (§5): observedContentType, mode, data, encoding.
  return { observedContentType: b.contentType, mode, data, encoding };
}

/**
 * Builds a record in AWS key order (§5), ready for {@link serializeCaptureRecord}.
 *
 * Decisions on open questions (docs/capture-format.md §16, decided in docs/decisions.md §1-§3):
 * - §16-1: `customAttributes` is a one-element array holding the header value verbatim,
 *   placed after `inferenceTime` (AWS's example schema types it as an array of strings).
 * - §16-2: with input-only or output-only capture the other side is omitted, not emptied.
 * - §16-3: a CSV/JSON body that is not valid UTF-8 is stored as BASE64 (the effective
 *   encoding is recorded), so no byte is lost.
 */
export function buildCaptureRecord(p: BuildCaptureRecordInput): CaptureRecord {
  const captureData: CaptureRecord["captureData"] = {};
  if (p.input) captureData.endpointInput = buildSide("INPUT", p.input);
  if (p.output) captureData.endpointOutput = buildSide("OUTPUT", p.output);
  // Spreads keep the wire order: eventId, [inferenceId], inferenceTime, [customAttributes].
  const eventMetadata: CaptureRecord["eventMetadata"] = {
    eventId: p.eventId,
    ...(p.inferenceId !== undefined ? { inferenceId: p.inferenceId } : {}),
    inferenceTime: formatInferenceTime(p.inferenceTime),
    ...(p.customAttributes !== undefined ? { customAttributes: [p.customAttributes] } : {}),
  };
  return { captureData, eventMetadata, eventVersion: "0" };
}

/** A record and the 1-based line it came from. */
export interface NumberedCaptureRecord {
  /** 1-based line number in the text. */
  line: number;
  /** The parsed record. */
  record: CaptureRecord;
}

/**
 * Parses a whole capture file already in memory: splits on `\n`, skips empty lines, and
 * tolerates `\r\n` and a missing final newline (§15). For multi-megabyte files prefer
 * streaming lines into {@link parseCaptureLine}.
 * @throws CaptureFormatError for the first bad line, naming `source` and its line number.
 */
export function parseCaptureText(text: string, source?: string): NumberedCaptureRecord[] {
  const out: NumberedCaptureRecord[] = [];
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i].endsWith("\r") ? lines[i].slice(0, -1) : lines[i];
    if (l.trim() === "") continue;
    out.push({ line: i + 1, record: parseCaptureLine(l, { source, line: i + 1 }) });
  }
  return out;
}
