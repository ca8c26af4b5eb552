/**
 * How a payload is stored in a capture record (docs/capture-format.md §6): the choice of
 * `encoding` from the content type, and encoding/decoding of the `data` string.
 */
import { isUtf8 } from "node:buffer";
import type { CaptureEncoding, CaptureSide } from "./record";
import { CaptureFormatError } from "./errors";

/** `DataCaptureConfig.CaptureContentTypeHeader`: content types captured as text. */
export interface ContentTypeHeader {
  /** Content types stored as `"CSV"` (UTF-8 text verbatim). */
  CsvContentTypes?: string[];
  /** Content types stored as `"JSON"` (UTF-8 text verbatim; JSON Lines included). */
  JsonContentTypes?: string[];
}

/** Lower-cased media type without parameters: `"Text/CSV; charset=utf-8"` -> `"text/csv"`. */
export function mediaType(contentType: string): string {
  const semi = contentType.indexOf(";");
  return (semi >= 0 ? contentType.slice(0, semi) : contentType).trim().toLowerCase();
}

/**
 * Chooses the encoding AWS would record for one side (§6.1): parameters are dropped and the
 * type lower-cased, then compared for exact equality with the CSV list first, then the JSON
 * list; anything else, a `null`/absent type, or no header at all gives `"BASE64"`.
 * Case-insensitive matching and no wildcard support are Capture Lab's choice (§16-3).
 */
export function chooseEncoding(
  observedContentType: string | null | undefined,
  header?: ContentTypeHeader,
): CaptureEncoding {
  if (observedContentType === null || observedContentType === undefined || !header) return "BASE64";
  const type = mediaType(observedContentType);
  if (type === "") return "BASE64";
  const inList = (list?: string[]) => (list ?? []).some((t) => t.trim().toLowerCase() === type);
  if (inList(header.CsvContentTypes)) return "CSV";
  if (inList(header.JsonContentTypes)) return "JSON";
  return "BASE64";
}

// fatal: reject invalid UTF-8 instead of inserting U+FFFD; ignoreBOM: keep a leading BOM as data.
/**
 * The body as text when it is valid UTF-8 (a BOM is kept), else `undefined`. Runs for every
 * captured payload, so it validates with `isUtf8` instead of a throwing strict TextDecoder.
 */
export function utf8OrUndefined(bytes: Uint8Array): string | undefined {
  if (!isUtf8(bytes)) return undefined;
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("utf8");
}

/** Standard base64 (RFC 4648 alphabet, `=` padding, no line breaks). */
export function toBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("base64");
}

/**
 * The encoding actually used for a body: `CSV`/`JSON` only when the body is valid UTF-8.
 * A body declared as text that is not UTF-8 is stored as `BASE64` so no byte is lost
 * (what AWS does here is unknown, §16-3; this is Capture Lab's choice).
 */
export function encodeCaptureBody(
  body: Uint8Array,
  encoding: CaptureEncoding,
): { data: string; encoding: CaptureEncoding } {
  if (encoding === "CSV" || encoding === "JSON") {
    const text = utf8OrUndefined(body);
    if (text !== undefined) return { data: text, encoding };
  } else if (encoding !== "BASE64") {
    throw new CaptureFormatError(`unknown encoding ${JSON.stringify(encoding)}; expected CSV, JSON or BASE64`, {
      field: "encoding",
    });
  }
  return { data: toBase64(body), encoding: "BASE64" };
}

/**
 * The `data` string for a body in the given encoding: UTF-8 text verbatim for CSV/JSON,
 * standard padded base64 for BASE64. Because the result alone cannot say that a fallback
 * happened, a CSV/JSON body that is not valid UTF-8 throws here; use
 * {@link encodeCaptureBody} (as `buildCaptureRecord` does) to fall back to BASE64 instead.
 * @throws CaptureFormatError for invalid UTF-8 under CSV/JSON, or an unknown encoding.
 */
export function encodeCaptureData(body: Uint8Array, encoding: CaptureEncoding): string {
  const out = encodeCaptureBody(body, encoding);
  if (out.encoding !== encoding) {
    throw new CaptureFormatError(
      `body is not valid UTF-8, so it cannot be stored as ${encoding}; use encodeCaptureBody to fall back to BASE64`,
      { field: "data" },
    );
  }
  return out.data;
}

/** A decoded `data` value. */
export interface DecodedCaptureData {
  /** The payload as text: CSV/JSON data, BASE64 bytes that are valid UTF-8, or the raw value of an unknown encoding. */
  text?: string;
  /** The payload bytes (UTF-8 of the text for text encodings). */
  bytes: Uint8Array;
  /** True when `text` is set. */
  isText: boolean;
  /** The encoding that was applied (`BASE64` when the record had none, §15). */
  encoding: string;
  /** True for an encoding this library does not know; `text` then holds `data` unchanged. */
  unknownEncoding: boolean;
}

const BASE64_RE = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * Decodes one side's `data` (§15): CSV/JSON are text; BASE64 (also assumed when `encoding`
 * is missing) gives bytes, plus text when they are valid UTF-8; an unknown encoding keeps
 * the raw value as text and flags `unknownEncoding`.
 * @throws CaptureFormatError when BASE64 data is not valid standard base64.
 */
export function decodeCaptureData(
  side: Pick<CaptureSide, "data"> & { encoding?: CaptureSide["encoding"] | null },
): DecodedCaptureData {
  const encoding = side.encoding ?? "BASE64";
  if (encoding !== "BASE64") {
    const unknown = encoding !== "CSV" && encoding !== "JSON";
    return { text: side.data, bytes: Buffer.from(side.data, "utf8"), isText: true, encoding, unknownEncoding: unknown };
  }
  // Line breaks are tolerated on read (MIME-style base64); AWS writes none.
  const compact = side.data.replace(/[\r\n]/g, "");
  if (!BASE64_RE.test(compact)) {
    throw new CaptureFormatError(`not valid base64 (standard alphabet with = padding expected)`, { field: "data" });
  }
  const buf = Buffer.from(compact, "base64");
  const bytes = new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
  const text = utf8OrUndefined(bytes);
  return text === undefined
    ? { bytes, isText: false, encoding, unknownEncoding: false }
    : { text, bytes, isText: true, encoding, unknownEncoding: false };
}

/** The payload as text (see {@link decodeCaptureData}), or `undefined` for binary BASE64 data. */
export function decodeCaptureText(
  side: Pick<CaptureSide, "data"> & { encoding?: CaptureSide["encoding"] | null },
): string | undefined {
  return decodeCaptureData(side).text;
}
