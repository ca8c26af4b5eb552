/**
 * Streaming decoder for `aws-chunked` request bodies:
 *   `hex-size[;ext]\r\n <data> \r\n` ... `0\r\n` then `name:value\r\n` trailers, then `\r\n`.
 * Data is passed through as sub-views of the incoming chunks (never copied or buffered whole).
 * For a signed body (STREAMING-AWS4-HMAC-SHA256-PAYLOAD) each chunk's `chunk-signature` is
 * checked before the chunk's last bytes are passed on.
 */
import * as crypto from "node:crypto";
import { S3Error, S3Errors } from "./errors";

/** Longest size or trailer line accepted (a signed chunk header is about 90 bytes). */
const MAX_LINE = 8 * 1024;

/** What the decoder learned once the body ended. */
export class AwsChunkedResult {
  /** Trailer headers, lower-cased names (e.g. `x-amz-checksum-crc32`). */
  readonly trailers: Record<string, string> = {};
  /** Decoded payload bytes. */
  decodedLength = 0;
}

type State = "size" | "data" | "crlf" | "trailer" | "done";

/** The expected signature of each chunk in turn, given the chunk data's SHA-256 (hex). */
interface ChunkSignatures {
  next(chunkSha256Hex: string): string;
}

const signatureMismatch = (detail: string) =>
  new S3Error(
    "SignatureDoesNotMatch",
    `The request signature we calculated does not match the signature you provided: ${detail}`,
    403,
  );

const framing = (detail: string) => S3Errors.incompleteBody(`Malformed aws-chunked body: ${detail}`);

/**
 * Decode an aws-chunked body. Throws `IncompleteBody` on bad framing or a truncated body; the
 * trailers and decoded length are filled into `result` when the generator finishes.
 */
export async function* decodeAwsChunked(
  source: AsyncIterable<Buffer | Uint8Array | string> | Iterable<Buffer | Uint8Array | string>,
  result: AwsChunkedResult,
  signatures?: ChunkSignatures,
): AsyncGenerator<Buffer> {
  let state = "size" as State;
  let line: Buffer[] = [];
  let lineLength = 0;
  let remaining = 0;
  let chunkIndex = 0;
  let claimed = "";
  let hash: crypto.Hash | undefined;
  const checkChunk = (): void => {
    const expected = (signatures as ChunkSignatures).next((hash as crypto.Hash).digest("hex"));
    if (claimed !== expected) throw signatureMismatch(`chunk ${chunkIndex} has a wrong chunk-signature`);
    chunkIndex++;
  };

  const onLine = (text: string) => {
    if (state === "size") {
      const sizeText = text.split(";", 1)[0].trim();
      if (!/^[0-9a-fA-F]{1,15}$/.test(sizeText))
        throw framing(`bad chunk size line ${JSON.stringify(text.slice(0, 40))}`);
      remaining = parseInt(sizeText, 16);
      if (signatures) {
        claimed = /;\s*chunk-signature=([0-9a-f]{64})/.exec(text)?.[1] ?? "";
        if (claimed === "") throw signatureMismatch(`chunk ${chunkIndex} carries no chunk-signature`);
        hash = crypto.createHash("sha256");
        if (remaining === 0) checkChunk();
      }
      state = remaining === 0 ? "trailer" : "data";
    } else if (state === "crlf") {
      if (text !== "") throw framing("chunk data longer than its declared size");
      state = "size";
    } else if (text === "") {
      state = "done";
    } else {
      const colon = text.indexOf(":");
      if (colon <= 0) throw framing(`bad trailer line ${JSON.stringify(text.slice(0, 40))}`);
      result.trailers[text.slice(0, colon).trim().toLowerCase()] = text.slice(colon + 1).trim();
    }
  };

  for await (const raw of source) {
    const chunk =
      typeof raw === "string"
        ? Buffer.from(raw)
        : Buffer.isBuffer(raw)
          ? raw
          : Buffer.from(raw.buffer, raw.byteOffset, raw.length);
    let pos = 0;
    while (pos < chunk.length) {
      if (state === "data") {
        const n = Math.min(remaining, chunk.length - pos);
        const piece = chunk.subarray(pos, pos + n);
        pos += n;
        remaining -= n;
        result.decodedLength += n;
        hash?.update(piece);
        if (remaining === 0) {
          state = "crlf";
          if (signatures) checkChunk();
        }
        yield piece;
        continue;
      }
      if (state === "done") {
        if (chunk.subarray(pos).toString("latin1").trim() !== "") throw framing("data after the final trailer line");
        break;
      }
      const nl = chunk.indexOf(0x0a, pos);
      const end = nl === -1 ? chunk.length : nl + 1;
      line.push(chunk.subarray(pos, end));
      lineLength += end - pos;
      pos = end;
      if (lineLength > MAX_LINE) throw framing("header line too long");
      if (nl === -1) continue;
      const full = Buffer.concat(line, lineLength);
      line = [];
      lineLength = 0;
      if (full.length < 2 || full[full.length - 2] !== 0x0d) throw framing("line not terminated by CRLF");
      onLine(full.subarray(0, full.length - 2).toString("latin1"));
    }
  }
  // Tolerate a missing final empty line after complete trailer lines.
  if (state === "done" || (state === "trailer" && lineLength === 0)) return;
  throw S3Errors.incompleteBody("The aws-chunked body ended before its final chunk.");
}
