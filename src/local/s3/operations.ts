/**
 * Every S3 operation the store serves, by its AWS name: which requests it matches (level, method,
 * query and headers) and the function that handles it; and the sub-resources it does not serve. The first match wins, so the more specific
 * entries of a method come first. Requests S3 knows but this store does not serve are listed too,
 * answered with 501 NotImplemented naming the operation.
 */
import { S3Errors } from "./errors";
import type { BucketContext, ObjectContext, OpContext } from "./operation-context";
import { header } from "./request";
import {
  createBucket,
  deleteBucket,
  deleteObjects,
  getBucketLocation,
  headBucket,
  listBuckets,
  listObjectsV2,
} from "./responses-buckets";
import {
  abortMultipartUpload,
  completeMultipartUpload,
  copyObject,
  createMultipartUpload,
  deleteObject,
  getObject,
  listParts,
  putObject,
  uploadPart,
} from "./responses-objects";

/** Sub-resources S3 has but this store does not implement: answered with 501 NotImplemented. */
export const UNSUPPORTED_SUBRESOURCES = new Set([
  "acl",
  "tagging",
  "versioning",
  "versions",
  "policy",
  "policyStatus",
  "cors",
  "lifecycle",
  "website",
  "logging",
  "notification",
  "replication",
  "encryption",
  "ownershipControls",
  "publicAccessBlock",
  "object-lock",
  "retention",
  "legal-hold",
  "torrent",
  "restore",
  "select",
  "accelerate",
  "analytics",
  "inventory",
  "metrics",
  "intelligent-tiering",
  "requestPayment",
  "attributes",
  "session",
  "uploads-list",
  "metadataTable",
]);

/** Which part of the path a request names: the service, a bucket, or an object. */
type S3Level = "service" | "bucket" | "object";

type ContextOf<L extends S3Level> = L extends "object" ? ObjectContext : L extends "bucket" ? BucketContext : OpContext;

/** One row of the table. */
interface S3Operation<L extends S3Level = S3Level> {
  /** The AWS operation name (or a description for requests answered NotImplemented). */
  op: string;
  level: L;
  method: "GET" | "HEAD" | "PUT" | "POST" | "DELETE";
  /** Further conditions on the query or headers; absent = any request of this method. */
  match?: (ctx: ContextOf<L>) => boolean;
  handler: (ctx: ContextOf<L>) => Promise<void> | void;
}

const hasQuery = (name: string) => (ctx: OpContext) => ctx.target.query.has(name);
const isPartRequest = (ctx: OpContext) => ctx.target.query.has("partNumber") || ctx.target.query.has("uploadId");
const isCopy = (ctx: OpContext) => Boolean(header(ctx.req, "x-amz-copy-source"));
const notImplemented = (what: string) => () => {
  throw S3Errors.notImplemented(what);
};

function row<L extends S3Level>(r: S3Operation<L>): S3Operation {
  return r as unknown as S3Operation;
}

/** The operation table, in match order. */
export const S3_OPERATIONS: readonly S3Operation[] = [
  row({ op: "ListBuckets", level: "service", method: "GET", handler: listBuckets }),

  row({ op: "CreateBucket", level: "bucket", method: "PUT", handler: createBucket }),
  row({ op: "HeadBucket", level: "bucket", method: "HEAD", handler: headBucket }),
  row({ op: "DeleteBucket", level: "bucket", method: "DELETE", handler: deleteBucket }),
  row({ op: "DeleteObjects", level: "bucket", method: "POST", match: hasQuery("delete"), handler: deleteObjects }),
  row({
    op: "POST on a bucket without ?delete",
    level: "bucket",
    method: "POST",
    handler: notImplemented("POST on a bucket without ?delete"),
  }),
  row({
    op: "GetBucketLocation",
    level: "bucket",
    method: "GET",
    match: hasQuery("location"),
    handler: getBucketLocation,
  }),
  row({
    op: "ListMultipartUploads",
    level: "bucket",
    method: "GET",
    match: hasQuery("uploads"),
    handler: notImplemented("ListMultipartUploads"),
  }),
  row({
    op: "ListObjectsV2",
    level: "bucket",
    method: "GET",
    match: (c) => c.target.query.get("list-type") === "2",
    handler: listObjectsV2,
  }),
  row({
    op: "ListObjects",
    level: "bucket",
    method: "GET",
    handler: notImplemented("ListObjects (version 1); use ListObjectsV2"),
  }),

  row({
    op: "UploadPartCopy",
    level: "object",
    method: "PUT",
    match: (c) => isPartRequest(c) && isCopy(c),
    handler: notImplemented("UploadPartCopy"),
  }),
  row({ op: "UploadPart", level: "object", method: "PUT", match: isPartRequest, handler: uploadPart }),
  row({ op: "CopyObject", level: "object", method: "PUT", match: isCopy, handler: copyObject }),
  row({ op: "PutObject", level: "object", method: "PUT", handler: putObject }),
  row({ op: "ListParts", level: "object", method: "GET", match: hasQuery("uploadId"), handler: listParts }),
  row({ op: "GetObject", level: "object", method: "GET", handler: (c) => getObject(c, false) }),
  row({ op: "HeadObject", level: "object", method: "HEAD", handler: (c) => getObject(c, true) }),
  row({
    op: "AbortMultipartUpload",
    level: "object",
    method: "DELETE",
    match: hasQuery("uploadId"),
    handler: abortMultipartUpload,
  }),
  row({ op: "DeleteObject", level: "object", method: "DELETE", handler: deleteObject }),
  row({
    op: "CreateMultipartUpload",
    level: "object",
    method: "POST",
    match: hasQuery("uploads"),
    handler: createMultipartUpload,
  }),
  row({
    op: "CompleteMultipartUpload",
    level: "object",
    method: "POST",
    match: hasQuery("uploadId"),
    handler: completeMultipartUpload,
  }),
  row({
    op: "POST on an object without ?uploads or ?uploadId",
    level: "object",
    method: "POST",
    handler: notImplemented("POST on an object without ?uploads or ?uploadId"),
  }),
];

/**
 * The operation a request names.
 * @throws S3Error NotImplemented for an unsupported sub-resource, MethodNotAllowed for a method S3
 * has no operation for at that level.
 */
export function findS3Operation(ctx: OpContext): S3Operation {
  for (const name of ctx.target.query.keys())
    if (UNSUPPORTED_SUBRESOURCES.has(name)) throw S3Errors.notImplemented(`?${name}`);
  const level: S3Level =
    ctx.target.bucket === undefined ? "service" : ctx.target.key === undefined ? "bucket" : "object";
  for (const op of S3_OPERATIONS) {
    if (op.level === level && op.method === ctx.req.method && (op.match === undefined || op.match(ctx))) return op;
  }
  throw S3Errors.methodNotAllowed(ctx.req.method ?? "");
}
