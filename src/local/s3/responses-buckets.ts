/**
 * Service- and bucket-level S3 operations: ListBuckets, Create/Head/DeleteBucket,
 * GetBucketLocation, ListObjectsV2 and DeleteObjects. `operations.ts` maps requests to them.
 */
import { S3Errors } from "./errors";
import type { BucketContext, OpContext } from "./operation-context";
import { receiveXml } from "./request";
import { sendEmpty, sendXml } from "./reply";
import { childText, childrenNamed, parseXml, type XmlChild } from "./xml";

/** ListBuckets. */
export function listBuckets({ res, store, ownerId }: OpContext): void {
  sendXml(res, "ListAllMyBucketsResult", [
    [
      "Owner",
      [
        ["ID", ownerId],
        ["DisplayName", "local"],
      ],
    ],
    [
      "Buckets",
      store.listBuckets().map((b): XmlChild => [
        "Bucket",
        [
          ["Name", b.name],
          ["CreationDate", b.creationDate.toISOString()],
        ],
      ]),
    ],
  ]);
}

/** CreateBucket. A CreateBucketConfiguration body carries nothing this store uses. */
export async function createBucket({ req, res, store, bucket }: BucketContext): Promise<void> {
  req.resume();
  await store.createBucket(bucket);
  sendEmpty(res, 200, { location: `/${bucket}` });
}

/** HeadBucket, with the region header the SDK uses to detect a bucket in another region. */
export function headBucket({ res, store, bucket, region }: BucketContext): void {
  store.headBucket(bucket);
  sendEmpty(res, 200, { "x-amz-bucket-region": region });
}

/** DeleteBucket (only when empty). */
export async function deleteBucket({ res, store, bucket }: BucketContext): Promise<void> {
  await store.deleteBucket(bucket);
  sendEmpty(res, 204);
}

/** GetBucketLocation: empty for us-east-1, as S3 answers. */
export function getBucketLocation({ res, store, bucket, region }: BucketContext): void {
  store.headBucket(bucket);
  sendXml(res, "LocationConstraint", region === "us-east-1" ? "" : region);
}

/** ListObjectsV2, with delimiter, start-after, continuation tokens and URL encoding. */
export function listObjectsV2({ res, store, bucket, target }: BucketContext): void {
  const q = target.query;
  const maxKeysText = q.get("max-keys");
  if (maxKeysText !== undefined && !/^\d{1,9}$/.test(maxKeysText)) {
    throw S3Errors.invalidArgument("Provided max-keys not an integer or within integer range");
  }
  const encodingType = q.get("encoding-type");
  if (encodingType !== undefined && encodingType !== "url")
    throw S3Errors.invalidArgument("Invalid Encoding Method specified in Request");
  const enc = (s: string) => (encodingType === "url" ? encodeURIComponent(s).replace(/%2F/g, "/") : s);
  const prefix = q.get("prefix") ?? "";
  const delimiter = q.get("delimiter") || undefined;
  const startAfter = q.get("start-after") || undefined;
  const token = q.get("continuation-token");
  const page = store.listObjectsV2({
    bucket,
    prefix,
    delimiter,
    startAfter,
    continuationToken: token,
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
    ...page.contents.map((o): XmlChild => [
      "Contents",
      [
        ["Key", enc(o.key)],
        ["LastModified", o.lastModified.toISOString()],
        ["ETag", o.etag],
        ["Size", o.size],
        ["StorageClass", "STANDARD"],
      ],
    ]),
    ...page.commonPrefixes.map((p): XmlChild => ["CommonPrefixes", [["Prefix", enc(p)]]]),
  ]);
}

/** S3 accepts at most this many keys per DeleteObjects request. */
const MAX_DELETE_KEYS = 1000;

/** DeleteObjects (at most 1000 keys; Quiet mode lists only errors). */
export async function deleteObjects({ req, res, store, bucket }: BucketContext): Promise<void> {
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
    ...result.errors.map((e): XmlChild => [
      "Error",
      [
        ["Key", e.key],
        ["Code", e.code],
        ["Message", e.message],
      ],
    ]),
  ]);
}
