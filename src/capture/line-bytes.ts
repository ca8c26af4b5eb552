/**
 * A capture record's line encoded straight to UTF-8 bytes, for the capture writer's response
 * path. A text payload (CSV/JSON) is never decoded into a JS string: its bytes are copied with
 * JSON.stringify's escapes applied byte by byte, and its exact output length is known before a
 * byte is written, so the writer can check its buffer bound and then write in place. The result
 * equals `serializeCaptureRecord(buildCaptureRecord(p))` byte for byte (tested on seeded inputs).
 */
import { isUtf8 } from "node:buffer";
import { toBase64 } from "./encoding";
import { CaptureFormatError } from "./errors";
import type { BuildCaptureRecordInput, CaptureBody } from "./line";
import { formatInferenceTime } from "./time";

/**
 * Extra output bytes per input byte under JSON.stringify's string escaping: 1 for `\"`, `\\`,
 * `\b`, `\t`, `\n`, `\f`, `\r`; 5 for the other C0 controls (`\u00xx`); 0 otherwise. Bytes of
 * valid UTF-8 never form a lone surrogate, the only other thing JSON.stringify escapes.
 */
const EXTRA = new Uint8Array(256);
/** The letter after `\` for the short escapes. */
const SHORT = new Uint8Array(256);
for (let b = 0; b < 0x20; b++) EXTRA[b] = 5;
for (const [b, c] of [
  [0x08, "b"],
  [0x09, "t"],
  [0x0a, "n"],
  [0x0c, "f"],
  [0x0d, "r"],
  [0x22, '"'],
  [0x5c, "\\"],
] as const) {
  EXTRA[b] = 1;
  SHORT[b] = c.charCodeAt(0);
}
/** Lower-case hex digits, as JSON.stringify writes `\u001f`. */
const HEX = new TextEncoder().encode("0123456789abcdef");

/** A text payload to copy with escapes; `escapedLength` includes them. */
interface TextPayload {
  bytes: Uint8Array;
  escapedLength: number;
}

/** One capture line, measured and ready to write. */
export class EncodedCaptureLine {
  /** Exact UTF-8 length of the line, trailing `\n` included. */
  readonly byteLength: number;
  private readonly pieceLengths: number[];

  /** @internal pieces alternate JSON text and escaped payload bytes; use {@link encodeCaptureLine}. */
  constructor(private readonly pieces: (string | TextPayload)[]) {
    let total = 0;
    this.pieceLengths = pieces.map((p) => {
      const n = typeof p === "string" ? Buffer.byteLength(p, "utf8") : p.escapedLength;
      total += n;
      return n;
    });
    this.byteLength = total;
  }

  /**
   * Writes the line into `target` at `offset` and returns the offset after it. `target` must
   * have {@link byteLength} bytes free there.
   */
  writeTo(target: Buffer, offset: number): number {
    if (offset < 0 || offset + this.byteLength > target.length) {
      throw new RangeError(
        `capture line of ${this.byteLength} bytes does not fit at offset ${offset} of a ${target.length}-byte buffer`,
      );
    }
    for (let i = 0; i < this.pieces.length; i++) {
      const p = this.pieces[i];
      if (typeof p === "string") target.write(p, offset, "utf8");
      else writeEscaped(p, target, offset);
      offset += this.pieceLengths[i];
    }
    return offset;
  }

  /** The line as a new buffer. */
  toBuffer(): Buffer {
    const out = Buffer.allocUnsafe(this.byteLength);
    this.writeTo(out, 0);
    return out;
  }
}

/**
 * Encodes the line {@link buildCaptureRecord} + {@link serializeCaptureRecord} would produce
 * (same decisions: a CSV/JSON body that is not valid UTF-8 is stored as BASE64).
 */
export function encodeCaptureLine(p: BuildCaptureRecordInput): EncodedCaptureLine {
  const pieces: (string | TextPayload)[] = [];
  let text = '{"captureData":{';
  const side = (name: string, mode: string, b: CaptureBody): void => {
    text += `"${name}":{`;
    if (b.contentType !== undefined) text += '"observedContentType":' + JSON.stringify(b.contentType) + ",";
    text += `"mode":"${mode}","data":"`;
    let encoding = b.encoding;
    if ((encoding === "CSV" || encoding === "JSON") && isUtf8(b.body)) {
      pieces.push(text, { bytes: b.body, escapedLength: escapedLength(b.body) });
      text = "";
    } else {
      if (encoding !== "BASE64" && encoding !== "CSV" && encoding !== "JSON") {
        throw new CaptureFormatError(`unknown encoding ${JSON.stringify(encoding)}; expected CSV, JSON or BASE64`, {
          field: "encoding",
        });
      }
      encoding = "BASE64";
      text += toBase64(b.body);
    }
    text += `","encoding":"${encoding}"}`;
  };
  if (p.input) side("endpointInput", "INPUT", p.input);
  if (p.output) {
    if (p.input) text += ",";
    side("endpointOutput", "OUTPUT", p.output);
  }
  text += '},"eventMetadata":{"eventId":' + JSON.stringify(p.eventId);
  if (p.inferenceId !== undefined) text += ',"inferenceId":' + JSON.stringify(p.inferenceId);
  text += ',"inferenceTime":"' + formatInferenceTime(p.inferenceTime) + '"';
  if (p.customAttributes !== undefined) text += ',"customAttributes":[' + JSON.stringify(p.customAttributes) + "]";
  pieces.push(text + '},"eventVersion":"0"}\n');
  return new EncodedCaptureLine(pieces);
}

function escapedLength(bytes: Uint8Array): number {
  let n = bytes.length;
  for (let i = 0; i < bytes.length; i++) n += EXTRA[bytes[i]];
  return n;
}

function writeEscaped(p: TextPayload, out: Buffer, o: number): void {
  const b = p.bytes;
  if (p.escapedLength === b.length) {
    out.set(b, o);
    return;
  }
  for (let i = 0; i < b.length; i++) {
    const c = b[i];
    const extra = EXTRA[c];
    if (extra === 0) {
      out[o++] = c;
    } else if (extra === 1) {
      out[o++] = 0x5c;
      out[o++] = SHORT[c];
    } else {
      out[o++] = 0x5c;
      out[o++] = 0x75; // u
      out[o++] = 0x30;
      out[o++] = 0x30;
      out[o++] = HEX[c >> 4];
      out[o++] = HEX[c & 15];
    }
  }
}
