/**
 * The S3 wire handler (path style): routes a request to an operation on an {@link S3Store} and
 * writes S3's XML. Any failure becomes an S3 XML error; nothing a request sends stops the server.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { ServiceHandler } from "../http/service";
import { S3Error, S3Errors } from "./errors";
import type { S3Store } from "./store";
import { parseTarget, receiveXml, type S3Target } from "./request";
import { newRequestId, sendEmpty, sendError, sendXml } from "./reply";
import { objectOperation, type OpContext } from "./responses-objects";
import { childText, childrenNamed, parseXml, type XmlChild } from "./xml";
import { DEFAULT_LOCAL_ACCOUNT_ID, DEFAULT_LOCAL_REGION } from "../../defaults";

/** Options for {@link createS3Handler}. */
export interface S3HandlerOptions {
  /** Region reported by GetBucketLocation / HeadBucket; default `us-east-1`. */
  region?: string;
  /** Owner id in ListBuckets; default the local account `000000000000`. */
  ownerId?: string;
  /** Where unexpected (500) errors are logged; default `console.error`. */
  onInternalError?: (err: unknown) => void;
}

/** Sub-resources S3 has but this store does not implement: answered with 501 NotImplemented. */
const UNSUPPORTED = new Set([
  "acl", "tagging", "versioning", "versions", "policy", "policyStatus", "cors", "lifecycle", "website", "logging",
  "notification", "replication", "encryption", "ownershipControls", "publicAccessBlock", "object-lock", "retention",
  "legal-hold", "torrent", "restore", "select", "accelerate", "analytics", "inventory", "metrics", "intelligent-tiering",
  "requestPayment", "attributes", "session", "uploads-list", "metadataTable",
]);

/** Create the S3 service handler over a store. Mount it where requests are signed for `s3`. */
export function createS3Handler(store: S3Store, options: S3HandlerOptions = {}): ServiceHandler {
  const region = options.region ?? DEFAULT_LOCAL_REGION;
  const logInternal = options.onInternalError ?? ((err) => console.error("[s3] internal error:", err));
  return async (req: IncomingMessage, res: ServerResponse) => {
    const requestId = newRequestId();
    res.setHeader("x-amz-request-id", requestId);
    res.setHeader("x-amz-id-2", requestId);
    try {
      const target = parseTarget(req.url ?? "/");
      for (const name of target.query.keys()) if (UNSUPPORTED.has(name)) throw S3Errors.notImplemented(`?${name}`);
      const ctx: OpContext = { req, res, store, target, region };
      if (target.bucket === undefined) await serviceOperation(ctx, options.ownerId ?? DEFAULT_LOCAL_ACCOUNT_ID);
      else if (target.key === undefined) await bucketOperation(ctx, target.bucket);
      else await objectOperation(ctx, target.bucket, target.key);
    } catch (err) {
      if (req.readableDidRead && !req.complete && !req.destroyed) {
        // Failed before reading the whole body: discard the rest so the client gets the error.
        res.setHeader("connection", "close");
        req.resume();
      }
      if (err instanceof S3Error) {
        sendError(req, res, err, requestId);
      } else if (req.destroyed || res.destroyed) {
        res.destroy(); // the client went away mid-request: nobody to answer, nothing was stored
      } else {
        logInternal(err);
        sendError(req, res, S3Errors.internal(), requestId);
      }
    }
  };
}

async function serviceOperation({ req, res, store }: OpContext, ownerId: string): Promise<void> {
  if (req.method !== "GET") throw S3Errors.methodNotAllowed(req.method ?? "");
  sendXml(res, "ListAllMyBucketsResult", [
    ["Owner", [["ID", ownerId], ["DisplayName", "local"]]],
    ["Buckets", store.listBuckets().map((b): XmlChild => ["Bucket", [["Name", b.name], ["CreationDate", b.creationDate.toISOString()]]])],
  ]);
}

async function bucketOperation(ctx: OpContext, bucket: string): Promise<void> {
  const { req, res, store, target, region } = ctx;
  const q = target.query;
  switch (req.method) {
    case "PUT":
      req.resume(); // a CreateBucketConfiguration body carries nothing this store uses
      await store.createBucket(bucket);
      return sendEmpty(res, 200, { location: `/${bucket}` });
    case "HEAD":
      store.headBucket(bucket);
      return sendEmpty(res, 200, { "x-amz-bucket-region": region });
    case "DELETE":
      await store.deleteBucket(bucket);
      return sendEmpty(res, 204);
    case "POST":
      if (q.has("delete")) return deleteObjects(ctx, bucket);
      throw S3Errors.notImplemented(`POST on a bucket without ?delete`);
    case "GET":
      if (q.has("location")) {
        store.headBucket(bucket);
        return sendXml(res, "LocationConstraint", region === "us-east-1" ? "" : region);
      }
      if (q.has("uploads")) throw S3Errors.notImplemented("ListMultipartUploads");
      if (q.get("list-type") === "2") return listObjectsV2(ctx, bucket, q);
      throw S3Errors.notImplemented("ListObjects (version 1); use ListObjectsV2");
    default:
      throw S3Errors.methodNotAllowed(req.method ?? "");
  }
}

function listObjectsV2({ res, store }: OpContext, bucket: string, q: S3Target["query"]): void {
  const maxKeysText = q.get("max-keys");
  if (maxKeysText !== undefined && !/^\d{1,9}$/.test(maxKeysText)) {
    throw S3Errors.invalidArgument("Provided max-keys not an integer or within integer range");
  }
  const encodingType = q.get("encoding-type");
  if (encodingType !== undefined && encodingType !== "url") throw S3Errors.invalidArgument("Invalid Encoding Method specified in Request");
  const enc = (s: string) => (encodingType === "url" ? encodeURIComponent(s).replace(/%2F/g, "/") : s);
  const prefix = q.get("prefix") ?? "";
  const delimiter = q.get("delimiter") || undefined;
  const startAfter = q.get("start-after") || undefined;
  const token = q.get("continuation-token");
  const page = store.listObjectsV2({
    bucket, prefix, delimiter, startAfter, continuationToken: token,
    maxKeys: maxKeysText === undefined ? undefined : Number(maxKeysText),
  });
  sendXml(res, "ListBucketResult", [
    ["Name", bucket],
    ["Prefix", enc(prefix)],
    delimiter !== undefined && ["Delimiter", enc(delimiter)],
    ["MaxKeys", page.maxKeys],
    ["KeyCount", page.keyCount],
    ["IsTruncated", page.isTruncated],
    token !== undefined && ["ContinuationToken", token],
    page.nextContinuationToken !== undefined && ["NextContinuationToken", page.nextContinuationToken],
    startAfter !== undefined && ["StartAfter", enc(startAfter)],
    encodingType !== undefined && ["EncodingType", encodingType],
    ...page.contents.map((o): XmlChild => ["Contents", [
      ["Key", enc(o.key)],
      ["LastModified", o.lastModified.toISOString()],
      ["ETag", o.etag],
      ["Size", o.size],
      ["StorageClass", "STANDARD"],
    ]]),
    ...page.commonPrefixes.map((p): XmlChild => ["CommonPrefixes", [["Prefix", enc(p)]]]),
  ]);
}

/** S3 accepts at most this many keys per DeleteObjects request. */
const MAX_DELETE_KEYS = 1000;

async function deleteObjects(ctx: OpContext, bucket: string): Promise<void> {
  const { req, res, store } = ctx;
  store.checkTarget(bucket);
  const root = parseXml(await receiveXml(req, store));
  if (root.name !== "Delete") throw S3Errors.malformedXML(`root element is <${root.name}>, expected <Delete>`);
  const objects = childrenNamed(root, "Object");
  if (objects.length === 0 || objects.length > MAX_DELETE_KEYS) {
    throw S3Errors.malformedXML(`<Delete> must list 1 to ${MAX_DELETE_KEYS} <Object> elements`);
  }
  const keys = objects.map((o, i) => {
    const key = childText(o, "Key");
    if (key === undefined) throw S3Errors.malformedXML(`<Object> number ${i + 1} has no <Key>`);
    return key;
  });
  const quiet = (childText(root, "Quiet") ?? "").trim().toLowerCase() === "true";
  const result = await store.deleteObjects(bucket, keys);
  sendXml(res, "DeleteResult", [
    ...(quiet ? [] : result.deleted.map((k): XmlChild => ["Deleted", [["Key", k]]])),
    ...result.errors.map((e): XmlChild => ["Error", [["Key", e.key], ["Code", e.code], ["Message", e.message]]]),
  ]);
}
