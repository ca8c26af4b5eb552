/**
 * Reading S3 requests: the path-style target and query, stored headers, and the body (decoding
 * aws-chunked, collecting trailers, and gathering the digests the client declared).
 */
import { promises as fsp } from "node:fs";
import type { IncomingMessage } from "node:http";
import { signedChunksOf } from "../http/signed-body";
import { AwsChunkedResult, decodeAwsChunked } from "./aws-chunked";
import {
  CHECKSUM_ALGORITHMS,
  checksumHeader,
  parseAlgorithm,
  verifyDigests,
  type ChecksumAlgorithm,
  type Checksums,
} from "./checksums";
import { S3Errors } from "./errors";
import type { StagedBody } from "./fs-util";
import type { S3Store } from "./store";
import type { ObjectHeaders, PutObjectMeta, RangeSpec } from "./types";

/** The addressed resource of a path-style request. */
export interface S3Target {
  bucket?: string;
  key?: string;
  /** Query parameters by (decoded) name; flags like `?uploads` have the value "". */
  query: Map<string, string>;
}

function decode(text: string, what: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw S3Errors.invalidURI(`bad percent-encoding in ${what}`);
  }
}

/**
 * Split a request target into bucket, key and query. The raw path is used as-is (no `..`
 * normalisation): `..` is just part of a key, and keys never become filesystem paths.
 */
export function parseTarget(rawUrl: string): S3Target {
  let url = rawUrl;
  const scheme = /^https?:\/\/[^/]*/i.exec(url);
  if (scheme) url = url.slice(scheme[0].length) || "/";
  const q = url.indexOf("?");
  const rawPath = q === -1 ? url : url.slice(0, q);
  const query = new Map<string, string>();
  if (q !== -1) {
    for (const part of url.slice(q + 1).split("&")) {
      if (part === "") continue;
      const eq = part.indexOf("=");
      const name = decode((eq === -1 ? part : part.slice(0, eq)).replace(/\+/g, " "), "query");
      query.set(name, eq === -1 ? "" : decode(part.slice(eq + 1).replace(/\+/g, " "), "query"));
    }
  }
  const p = rawPath.startsWith("/") ? rawPath.slice(1) : rawPath;
  if (p === "") return { query };
  const slash = p.indexOf("/");
  const bucket = decode(slash === -1 ? p : p.slice(0, slash), "bucket name");
  const rawKey = slash === -1 ? "" : p.slice(slash + 1);
  return { bucket, key: rawKey === "" ? undefined : decode(rawKey, "key"), query };
}

/** A single header value (first of repeated ones). */
export function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** Headers S3 stores with an object; `aws-chunked` is removed from Content-Encoding. */
export function storedHeaders(req: IncomingMessage): ObjectHeaders {
  const encoding = (header(req, "content-encoding") ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "" && s.toLowerCase() !== "aws-chunked")
    .join(", ");
  const metadata: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (name.startsWith("x-amz-meta-") && value !== undefined)
      metadata[name.slice(11)] = Array.isArray(value) ? value.join(",") : value;
  }
  return {
    contentType: header(req, "content-type"),
    contentEncoding: encoding || undefined,
    cacheControl: header(req, "cache-control"),
    contentDisposition: header(req, "content-disposition"),
    contentLanguage: header(req, "content-language"),
    expires: header(req, "expires"),
    metadata,
  };
}

/** Parse a `Range` header; unsupported or malformed forms are ignored (whole object), per HTTP. */
export function parseRange(value: string | undefined): RangeSpec | undefined {
  const m = /^\s*bytes=(\d*)-(\d*)\s*$/.exec(value ?? "");
  if (!m || (m[1] === "" && m[2] === "")) return undefined;
  if (m[1] === "") return { suffix: Number(m[2]) };
  const start = Number(m[1]);
  return m[2] === "" ? { start } : { start, end: Number(m[2]) };
}

function isAwsChunked(req: IncomingMessage): boolean {
  const encodings = (header(req, "content-encoding") ?? "")
    .toLowerCase()
    .split(",")
    .map((s) => s.trim());
  return encodings.includes("aws-chunked") || (header(req, "x-amz-content-sha256") ?? "").startsWith("STREAMING-");
}

/** Algorithms the client announced (headers, `x-amz-trailer`), so they are computed while streaming. */
function announcedAlgorithms(req: IncomingMessage): ChecksumAlgorithm[] {
  const found = new Set<ChecksumAlgorithm>();
  for (const name of ["x-amz-sdk-checksum-algorithm", "x-amz-checksum-algorithm"]) {
    const alg = parseAlgorithm(header(req, name));
    if (alg) found.add(alg);
  }
  const trailer = (header(req, "x-amz-trailer") ?? "").toLowerCase();
  for (const alg of CHECKSUM_ALGORITHMS) {
    if (header(req, checksumHeader(alg)) !== undefined || trailer.includes(checksumHeader(alg))) found.add(alg);
  }
  if (/^[0-9a-f]{64}$/i.test(header(req, "x-amz-content-sha256") ?? "")) found.add("SHA256");
  return [...found];
}

/** A staged request body plus the digests the client declared for it. */
interface ReceivedBody {
  staged: StagedBody;
  meta: Pick<PutObjectMeta, "checksums" | "contentMd5">;
}

/**
 * Stream the request body into a staged file, decoding aws-chunked and checking the decoded
 * length and any hex `x-amz-content-sha256`. Declared checksums are returned for the store to verify.
 */
export async function receiveBody(req: IncomingMessage, store: S3Store): Promise<ReceivedBody> {
  const chunked = isAwsChunked(req) ? new AwsChunkedResult() : undefined;
  // When storing fails mid-body (a full disk), leaving the loop must not destroy the request:
  // that resets the connection before the client can read the error.
  const body: AsyncIterable<Buffer> = req.iterator({ destroyOnReturn: false });
  const source: AsyncIterable<Buffer> = chunked ? decodeAwsChunked(body, chunked, signedChunksOf(req)) : body;
  const staged = await store.stage(source, announcedAlgorithms(req));
  try {
    const declared = header(req, "x-amz-decoded-content-length");
    if (chunked && declared !== undefined && Number(declared) !== chunked.decodedLength) {
      throw S3Errors.incompleteBody(
        `x-amz-decoded-content-length is ${declared} but the body decoded to ${chunked.decodedLength} bytes.`,
      );
    }
    const sha = header(req, "x-amz-content-sha256") ?? "";
    if (
      /^[0-9a-f]{64}$/i.test(sha) &&
      Buffer.from(staged.checksums.SHA256 ?? "", "base64").toString("hex") !== sha.toLowerCase()
    ) {
      throw S3Errors.contentSha256Mismatch();
    }
    const checksums: Checksums = {};
    for (const alg of CHECKSUM_ALGORITHMS) {
      const value = header(req, checksumHeader(alg)) ?? chunked?.trailers[checksumHeader(alg)];
      if (value !== undefined) checksums[alg] = value;
    }
    return { staged, meta: { checksums, contentMd5: header(req, "content-md5") } };
  } catch (err) {
    await store.discard(staged);
    throw err;
  }
}

/** Largest XML request body accepted (a 10,000-part Complete is about 1.5 MB). */
const MAX_XML_BODY = 4 * 1024 * 1024;

/** Read a small XML request body (Delete, CompleteMultipartUpload), verifying declared digests. */
export async function receiveXml(req: IncomingMessage, store: S3Store): Promise<string> {
  const { staged, meta } = await receiveBody(req, store);
  try {
    if (staged.size > MAX_XML_BODY) throw S3Errors.malformedXML(`request body larger than ${MAX_XML_BODY} bytes`);
    verifyDigests(staged, meta.checksums ?? {}, meta.contentMd5);
    return await fsp.readFile(staged.path, "utf8");
  } finally {
    await store.discard(staged);
  }
}
