/**
 * Signing raw requests for the tests with the AWS SDK's own signer (@smithy/signature-v4), so
 * the verifier is checked against an independent implementation, and sending them with
 * `http.request` (full control over Host, Origin and the body).
 */
import * as crypto from "node:crypto";
import * as http from "node:http";
import { SignatureV4 } from "@smithy/signature-v4";
import { DEFAULT_LOCAL_CREDENTIALS } from "../../../src/defaults";

type Data = string | ArrayBuffer | ArrayBufferView;
const bytes = (d: Data): string | Uint8Array =>
  typeof d === "string"
    ? d
    : d instanceof ArrayBuffer
      ? new Uint8Array(d)
      : new Uint8Array(d.buffer, d.byteOffset, d.byteLength);

/** node:crypto behind the signer's hash interface. */
class Sha256 {
  private readonly h: crypto.Hash | crypto.Hmac;
  constructor(secret?: Data) {
    this.h = secret !== undefined ? crypto.createHmac("sha256", bytes(secret)) : crypto.createHash("sha256");
  }
  update(data: Data): void {
    this.h.update(bytes(data));
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.h.digest());
  }
}

/** A request to sign and send. `path` is the raw (already encoded) path, `query` decoded values. */
export interface RawRequest {
  method: string;
  path: string;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  body?: Buffer | string;
}

/** Signing options. */
export interface SignOptions {
  service?: "s3" | "sagemaker";
  credentials?: { accessKeyId: string; secretAccessKey: string };
  region?: string;
  signingDate?: Date;
  /** S3: sign `x-amz-content-sha256` with this value instead of the body hash. */
  contentSha256?: string;
}

/** What came back. */
export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

function signer(opts: SignOptions): SignatureV4 {
  const service = opts.service ?? "s3";
  return new SignatureV4({
    service,
    region: opts.region ?? "us-east-1",
    credentials: opts.credentials ?? DEFAULT_LOCAL_CREDENTIALS,
    sha256: Sha256,
    uriEscapePath: service !== "s3",
    applyChecksum: service === "s3",
  });
}

function httpRequest(endpoint: string, r: RawRequest) {
  const url = new URL(endpoint);
  return {
    method: r.method,
    protocol: "http:",
    hostname: url.hostname,
    port: Number(url.port),
    path: r.path,
    query: r.query ?? {},
    headers: { host: url.host, ...(r.headers ?? {}) } as Record<string, string>,
    body: r.body,
  };
}

/** Signs `r` for `endpoint` (header auth) and returns the headers to send. */
export async function signedHeaders(
  endpoint: string,
  r: RawRequest,
  opts: SignOptions = {},
): Promise<Record<string, string>> {
  const req = httpRequest(endpoint, r);
  if (opts.contentSha256 !== undefined) req.headers["x-amz-content-sha256"] = opts.contentSha256;
  const signed = await signer(opts).sign(req, { signingDate: opts.signingDate });
  return signed.headers as Record<string, string>;
}

/** A presigned URL path+query for `r` (S3 query auth). */
export async function presignedPath(
  endpoint: string,
  r: RawRequest,
  expiresIn: number,
  opts: SignOptions = {},
): Promise<string> {
  const req = httpRequest(endpoint, r);
  req.headers["x-amz-content-sha256"] = "UNSIGNED-PAYLOAD"; // as @aws-sdk/s3-request-presigner does
  const signed = await signer(opts).presign(req, { expiresIn, signingDate: opts.signingDate });
  const q = Object.entries(signed.query ?? {})
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
    .join("&");
  return `${signed.path}?${q}`;
}

/** Sends a request as given (no signing). `headers.host` overrides the Host header. */
export function send(endpoint: string, r: RawRequest): Promise<RawResponse> {
  const url = new URL(endpoint);
  const q = Object.entries(r.query ?? {})
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
    .join("&");
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: url.hostname,
        port: Number(url.port),
        method: r.method,
        path: q ? `${r.path}?${q}` : r.path,
        headers: r.headers,
        agent: false,
      },
      (res) => {
        const parts: Buffer[] = [];
        res.on("data", (d: Buffer) => parts.push(d));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(parts).toString("utf8") }),
        );
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(r.body);
  });
}

/** Signs then sends; `extra` headers are added after signing (unsigned, like a browser's Origin). */
export async function sendSigned(
  endpoint: string,
  r: RawRequest,
  opts: SignOptions = {},
  extra: Record<string, string> = {},
): Promise<RawResponse> {
  const headers = await signedHeaders(endpoint, r, opts);
  return send(endpoint, { ...r, query: r.query, headers: { ...headers, ...extra } });
}

/**
 * An aws-chunked body signed chunk by chunk (STREAMING-AWS4-HMAC-SHA256-PAYLOAD) after the
 * seed signature of `seedHeaders`: each chunk's signature chains on the previous one.
 */
export function chunkSignedBody(
  seedHeaders: Record<string, string>,
  secret: string,
  region: string,
  chunks: Buffer[],
): Buffer {
  const auth = seedHeaders.authorization;
  const seed = /Signature=([0-9a-f]{64})/.exec(auth)![1];
  const date = seedHeaders["x-amz-date"];
  const scope = `${date.slice(0, 8)}/${region}/s3/aws4_request`;
  const hmac = (key: crypto.BinaryLike, data: string) => crypto.createHmac("sha256", key).update(data).digest();
  const key = hmac(hmac(hmac(hmac(`AWS4${secret}`, date.slice(0, 8)), region), "s3"), "aws4_request");
  const sha = (b: Buffer | string) => crypto.createHash("sha256").update(b).digest("hex");
  const out: Buffer[] = [];
  let prev = seed;
  for (const chunk of [...chunks, Buffer.alloc(0)]) {
    const toSign = ["AWS4-HMAC-SHA256-PAYLOAD", date, scope, prev, sha(""), sha(chunk)].join("\n");
    prev = crypto.createHmac("sha256", key).update(toSign).digest("hex");
    out.push(Buffer.from(`${chunk.length.toString(16)};chunk-signature=${prev}\r\n`), chunk, Buffer.from("\r\n"));
  }
  return Buffer.concat(out);
}
