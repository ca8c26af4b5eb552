/** Writing S3 responses: XML bodies, S3 XML errors, and object headers. */
import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { checksumHeader, type ChecksumAlgorithm } from "./checksums";
import { S3Error } from "./errors";
import type { ObjectInfo } from "./types";
import { renderXml, type XmlValue } from "./xml";

/** A request id in S3's style (16 upper-case hex digits). */
export function newRequestId(): string {
  return randomBytes(8).toString("hex").toUpperCase();
}

/** Send an XML document (status 200 unless given). */
export function sendXml(res: ServerResponse, root: string, content: XmlValue, status = 200): void {
  const body = Buffer.from(renderXml(root, content), "utf8");
  res.writeHead(status, { "content-type": "application/xml", "content-length": body.length });
  res.end(body);
}

/** Send an empty response. */
export function sendEmpty(res: ServerResponse, status: number, headers: Record<string, string | number> = {}): void {
  res.writeHead(status, { ...headers, "content-length": 0 });
  res.end();
}

/** Send an S3 error: XML body with code, message, resource and request id; no body for HEAD. */
export function sendError(req: IncomingMessage, res: ServerResponse, err: S3Error, requestId: string): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  for (const [name, value] of Object.entries(err.headers)) res.setHeader(name, value);
  if (req.method === "HEAD") {
    res.writeHead(err.status, { "content-length": 0 });
    res.end();
    return;
  }
  const content: [string, string][] = [
    ["Code", err.code],
    ["Message", err.message],
  ];
  if (err.resource) content.push([err.resource.kind, err.resource.value]);
  content.push(["RequestId", requestId]);
  // Errors are the one S3 XML document without the namespace.
  const body = Buffer.from(renderXml("Error", content, false));
  res.writeHead(err.status, { "content-type": "application/xml", "content-length": body.length });
  res.end(body);
}

/** Query overrides GetObject honours (`response-content-type=...`). */
const OVERRIDES: Record<string, string> = {
  "response-content-type": "content-type",
  "response-content-disposition": "content-disposition",
  "response-cache-control": "cache-control",
  "response-content-encoding": "content-encoding",
  "response-content-language": "content-language",
  "response-expires": "expires",
};

/**
 * Headers describing an object on GET/HEAD. Checksums go out only when asked for
 * (`x-amz-checksum-mode: ENABLED`) and only as full-object values: not for ranges or multipart.
 */
export function objectHeaders(
  info: ObjectInfo,
  opts: { checksumMode: boolean; ranged: boolean; query: Map<string, string> },
): Record<string, string | number> {
  const h: Record<string, string | number> = {
    "content-type": info.contentType,
    etag: info.etag,
    "last-modified": info.lastModified.toUTCString(),
    "accept-ranges": "bytes",
  };
  if (info.contentEncoding) h["content-encoding"] = info.contentEncoding;
  if (info.cacheControl) h["cache-control"] = info.cacheControl;
  if (info.contentDisposition) h["content-disposition"] = info.contentDisposition;
  if (info.contentLanguage) h["content-language"] = info.contentLanguage;
  if (info.expires) h.expires = info.expires;
  if (info.partsCount) h["x-amz-mp-parts-count"] = info.partsCount;
  for (const [name, value] of Object.entries(info.metadata)) h[`x-amz-meta-${name}`] = value;
  if (opts.checksumMode && !opts.ranged && !info.partsCount) {
    for (const [alg, value] of Object.entries(info.checksums) as [ChecksumAlgorithm, string][])
      h[checksumHeader(alg)] = value;
    if (Object.keys(info.checksums).length > 0) h["x-amz-checksum-type"] = "FULL_OBJECT";
  }
  for (const [param, name] of Object.entries(OVERRIDES)) {
    const value = opts.query.get(param);
    if (value !== undefined) h[name] = value;
  }
  return h;
}
