/**
 * S3 error model: one typed error carrying the wire code, HTTP status and the resource it is
 * about, so the store can fail precisely and the wire layer only has to serialise it.
 */
import { CaptureLabError } from "../../errors";

/** Which element names the resource in the XML error body. */
export type S3ErrorResource =
  | { kind: "BucketName"; value: string }
  | { kind: "Key"; value: string }
  | { kind: "UploadId"; value: string }
  | { kind: "Resource"; value: string };

/** An S3 error with its real wire code (e.g. `NoSuchKey`) and HTTP status. */
export class S3Error extends CaptureLabError {
  /** The S3 error code, e.g. `NoSuchBucket`. */
  readonly code: string;
  /** The HTTP status S3 answers with. */
  readonly status: number;
  /** The bucket, key or upload the error is about, if any. */
  readonly resource?: S3ErrorResource;
  /** Extra headers to send with the error (e.g. `Content-Range` for InvalidRange). */
  readonly headers: Record<string, string>;

  /** Create an error; prefer the factory functions in {@link S3Errors}. */
  constructor(
    code: string,
    message: string,
    status: number,
    resource?: S3ErrorResource,
    headers: Record<string, string> = {},
  ) {
    super(message);
    this.code = code;
    this.status = status;
    this.resource = resource;
    this.headers = headers;
  }
}

const bucketRes = (value: string): S3ErrorResource => ({ kind: "BucketName", value });
const keyRes = (value: string): S3ErrorResource => ({ kind: "Key", value });

/** Factories for the S3 errors this store raises, with AWS's messages. */
export const S3Errors = {
  noSuchBucket: (bucket: string) =>
    new S3Error("NoSuchBucket", "The specified bucket does not exist", 404, bucketRes(bucket)),
  noSuchKey: (key: string) => new S3Error("NoSuchKey", "The specified key does not exist.", 404, keyRes(key)),
  bucketAlreadyOwnedByYou: (bucket: string) =>
    new S3Error(
      "BucketAlreadyOwnedByYou",
      "Your previous request to create the named bucket succeeded and you already own it.",
      409,
      bucketRes(bucket),
    ),
  bucketNotEmpty: (bucket: string) =>
    new S3Error("BucketNotEmpty", "The bucket you tried to delete is not empty", 409, bucketRes(bucket)),
  invalidBucketName: (bucket: string, why: string) =>
    new S3Error("InvalidBucketName", `The specified bucket is not valid: ${why}`, 400, bucketRes(bucket)),
  keyTooLong: (key: string) =>
    new S3Error(
      "KeyTooLongError",
      "Your key is too long (maximum 1024 bytes of UTF-8).",
      400,
      keyRes(key.slice(0, 64)),
    ),
  entityTooSmall: (partNumber: number, size: number) =>
    new S3Error(
      "EntityTooSmall",
      `Your proposed upload is smaller than the minimum allowed object size (part ${partNumber} is ${size} bytes; ` +
        "every part but the last must be at least 5 MiB).",
      400,
    ),
  entityTooLarge: (max: number) =>
    new S3Error("EntityTooLarge", `Your proposed upload exceeds the maximum allowed object size (${max} bytes).`, 400),
  invalidPart: (detail: string) =>
    new S3Error(
      "InvalidPart",
      `One or more of the specified parts could not be found. The part may not have been uploaded, or the specified entity tag may not match the part's entity tag. (${detail})`,
      400,
    ),
  invalidPartOrder: () =>
    new S3Error(
      "InvalidPartOrder",
      "The list of parts was not in ascending order. Parts must be ordered by part number.",
      400,
    ),
  noSuchUpload: (uploadId: string) =>
    new S3Error(
      "NoSuchUpload",
      "The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.",
      404,
      { kind: "UploadId", value: uploadId },
    ),
  badDigest: (what: string) =>
    new S3Error("BadDigest", `The ${what} you specified did not match the calculated checksum.`, 400),
  contentSha256Mismatch: () =>
    new S3Error(
      "XAmzContentSHA256Mismatch",
      "The provided 'x-amz-content-sha256' header does not match what was computed.",
      400,
    ),
  invalidDigest: (what: string) => new S3Error("InvalidDigest", `The ${what} you specified is not valid.`, 400),
  invalidArgument: (message: string) => new S3Error("InvalidArgument", message, 400),
  invalidRange: (size: number) =>
    new S3Error("InvalidRange", "The requested range is not satisfiable", 416, undefined, {
      "content-range": `bytes */${size}`,
    }),
  incompleteBody: (message: string) => new S3Error("IncompleteBody", message, 400),
  malformedXML: (detail: string) =>
    new S3Error(
      "MalformedXML",
      `The XML you provided was not well-formed or did not validate against our published schema (${detail}).`,
      400,
    ),
  invalidURI: (detail: string) => new S3Error("InvalidURI", `Couldn't parse the specified URI: ${detail}`, 400),
  metadataTooLarge: () =>
    new S3Error("MetadataTooLarge", "Your metadata headers exceed the maximum allowed metadata size (2 KB).", 400),
  notImplemented: (what: string) =>
    new S3Error(
      "NotImplemented",
      `A header or query you provided implies functionality that is not implemented: ${what}`,
      501,
    ),
  methodNotAllowed: (method: string) =>
    new S3Error("MethodNotAllowed", `The specified method (${method}) is not allowed against this resource.`, 405),
  internal: () => new S3Error("InternalError", "We encountered an internal error. Please try again.", 500),
  /**
   * Not an AWS error (S3 never fills up): HTTP 507 like MinIO's `XMinioStorageFull`, which the
   * SDK does not retry on its own, with a message saying what to do.
   */
  insufficientStorage: (root: string, cause: string) =>
    new S3Error(
      "InsufficientStorage",
      `The local S3 store's disk is full (${cause}); nothing was stored. Free space on the volume of ${root} and retry.`,
      507,
    ),
};
