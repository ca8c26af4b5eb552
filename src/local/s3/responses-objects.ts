/**
 * Object-level S3 operations: Put/Get/Head/Delete/Copy and the multipart upload calls. Each takes
 * the request context; `operations.ts` maps requests to them by AWS operation name.
 */
import { pipeline } from "node:stream/promises";
import {
  CHECKSUM_ALGORITHMS,
  checksumHeader,
  parseAlgorithm,
  type ChecksumAlgorithm,
  type Checksums,
} from "./checksums";
import { S3Errors } from "./errors";
import type { ObjectContext } from "./operation-context";
import { header, parseRange, receiveBody, receiveXml, storedHeaders } from "./request";
import { objectHeaders, sendEmpty, sendXml } from "./reply";
import type { CompletedPart } from "./types";
import { childText, childrenNamed, parseXml, type XmlChild } from "./xml";

/** Checksum headers echoing what the client declared. */
function echoChecksums(declared: Checksums | undefined, stored: Checksums): Record<string, string> {
  const h: Record<string, string> = {};
  for (const alg of Object.keys(declared ?? {}) as ChecksumAlgorithm[]) {
    const value = stored[alg];
    if (value !== undefined) h[checksumHeader(alg)] = value;
  }
  return h;
}

export async function putObject({ req, res, store, bucket, key }: ObjectContext): Promise<void> {
  store.checkTarget(bucket, key); // before reading a possibly large body
  const { staged, meta } = await receiveBody(req, store);
  const result = await store.putObject(bucket, key, staged, { ...storedHeaders(req), ...meta });
  sendEmpty(res, 200, { etag: result.etag, ...echoChecksums(meta.checksums, result.checksums) });
}

export async function getObject({ req, res, store, target, bucket, key }: ObjectContext, head = false): Promise<void> {
  const checksumMode = (header(req, "x-amz-checksum-mode") ?? "").toUpperCase() === "ENABLED";
  const range = parseRange(header(req, "range"));
  if (head) {
    const info = store.headObject(bucket, key);
    const headers = objectHeaders(info, { checksumMode, ranged: false, query: target.query });
    res.writeHead(200, { ...headers, "content-length": info.size });
    res.end();
    return;
  }
  const { info, range: resolved, handle } = await store.openObject(bucket, key, range);
  const stream = handle.createReadStream(resolved ? { start: resolved.start, end: resolved.end } : {});
  const headers = objectHeaders(info, { checksumMode, ranged: resolved !== undefined, query: target.query });
  if (resolved) {
    headers["content-range"] = `bytes ${resolved.start}-${resolved.end}/${info.size}`;
    headers["content-length"] = resolved.end - resolved.start + 1;
  } else {
    headers["content-length"] = info.size;
  }
  try {
    res.writeHead(resolved ? 206 : 200, headers);
    await pipeline(stream, res);
  } catch (err) {
    stream.destroy();
    if (!res.headersSent) throw err;
    res.destroy(); // client went away mid-body: nothing more to say
  }
}

export async function copyObject({ req, res, store, bucket, key }: ObjectContext): Promise<void> {
  let source = header(req, "x-amz-copy-source") ?? "";
  source = source.split("?", 1)[0].replace(/^\/+/, "");
  const slash = source.indexOf("/");
  if (slash <= 0 || slash === source.length - 1)
    throw S3Errors.invalidArgument("Copy Source must mention the source bucket and key: sourcebucket/sourcekey");
  let srcBucket: string;
  let srcKey: string;
  try {
    srcBucket = decodeURIComponent(source.slice(0, slash));
    srcKey = decodeURIComponent(source.slice(slash + 1));
  } catch {
    throw S3Errors.invalidArgument("x-amz-copy-source is not validly percent-encoded");
  }
  req.resume();
  const replace = (header(req, "x-amz-metadata-directive") ?? "COPY").toUpperCase() === "REPLACE";
  const result = await store.copyObject(srcBucket, srcKey, bucket, key, replace ? storedHeaders(req) : undefined);
  sendXml(res, "CopyObjectResult", [
    ["ETag", result.etag],
    ["LastModified", result.lastModified.toISOString()],
  ]);
}

export async function createMultipartUpload({ req, res, store, bucket, key }: ObjectContext): Promise<void> {
  req.resume();
  const uploadId = await store.createMultipartUpload(bucket, key, storedHeaders(req));
  const alg = parseAlgorithm(header(req, "x-amz-checksum-algorithm"));
  if (alg) res.setHeader("x-amz-checksum-algorithm", alg);
  sendXml(res, "InitiateMultipartUploadResult", [
    ["Bucket", bucket],
    ["Key", key],
    ["UploadId", uploadId],
  ]);
}

export async function uploadPart({ req, res, store, target, bucket, key }: ObjectContext): Promise<void> {
  const partText = target.query.get("partNumber") ?? "";
  if (!/^\d{1,5}$/.test(partText))
    throw S3Errors.invalidArgument("Part number must be an integer between 1 and 10000, inclusive");
  store.checkTarget(bucket, key);
  const { staged, meta } = await receiveBody(req, store);
  const part = await store.uploadPart(bucket, key, target.query.get("uploadId") ?? "", Number(partText), staged, meta);
  sendEmpty(res, 200, { etag: part.etag, ...echoChecksums(meta.checksums, part.checksums) });
}

export async function completeMultipartUpload({ req, res, store, target, bucket, key }: ObjectContext): Promise<void> {
  store.checkTarget(bucket, key);
  const root = parseXml(await receiveXml(req, store));
  if (root.name !== "CompleteMultipartUpload") {
    throw S3Errors.malformedXML(`root element is <${root.name}>, expected <CompleteMultipartUpload>`);
  }
  const parts: CompletedPart[] = childrenNamed(root, "Part").map((p, i) => {
    const number = (childText(p, "PartNumber") ?? "").trim();
    const etag = childText(p, "ETag");
    if (!/^\d{1,5}$/.test(number) || etag === undefined) {
      throw S3Errors.malformedXML(`<Part> number ${i + 1} needs a numeric <PartNumber> and an <ETag>`);
    }
    const checksums: Checksums = {};
    for (const alg of CHECKSUM_ALGORITHMS) {
      const value = childText(p, `Checksum${alg}`);
      if (value !== undefined) checksums[alg] = value.trim();
    }
    return { partNumber: Number(number), etag, checksums };
  });
  const result = await store.completeMultipartUpload(bucket, key, target.query.get("uploadId") ?? "", parts);
  sendXml(res, "CompleteMultipartUploadResult", [
    ["Location", `/${bucket}/${key}`],
    ["Bucket", bucket],
    ["Key", key],
    ["ETag", result.etag],
  ]);
}

export async function listParts({ res, store, target, bucket, key }: ObjectContext): Promise<void> {
  const uploadId = target.query.get("uploadId") ?? "";
  const parts = await store.listParts(bucket, key, uploadId);
  sendXml(res, "ListPartsResult", [
    ["Bucket", bucket],
    ["Key", key],
    ["UploadId", uploadId],
    ["PartNumberMarker", 0],
    parts.length > 0 && ["NextPartNumberMarker", parts[parts.length - 1].partNumber],
    ["MaxParts", 10000],
    ["IsTruncated", false],
    ...parts.map((p): XmlChild => [
      "Part",
      [
        ["PartNumber", p.partNumber],
        ["LastModified", p.lastModified.toISOString()],
        ["ETag", p.etag],
        ["Size", p.size],
      ],
    ]),
  ]);
}

/** AbortMultipartUpload: drops the upload's parts. */
export async function abortMultipartUpload({ res, store, target, bucket, key }: ObjectContext): Promise<void> {
  await store.abortMultipartUpload(bucket, key, target.query.get("uploadId") ?? "");
  sendEmpty(res, 204);
}

/** DeleteObject: 204 whether or not the key existed, as S3 answers. */
export async function deleteObject({ res, store, bucket, key }: ObjectContext): Promise<void> {
  await store.deleteObject(bucket, key);
  sendEmpty(res, 204);
}
