/** Shapes shared by the S3 store and its wire layer. */
import type { Checksums } from "./checksums";

/** Headers S3 stores with an object and returns on GET/HEAD. */
export interface ObjectHeaders {
  contentType?: string;
  /** Stored without `aws-chunked`. */
  contentEncoding?: string;
  cacheControl?: string;
  contentDisposition?: string;
  contentLanguage?: string;
  expires?: string;
  /** User metadata (`x-amz-meta-*`), names lower-cased, without the prefix. */
  metadata?: Record<string, string>;
}

/** Options of a put: stored headers plus the digests the client declared (verified). */
export interface PutObjectMeta extends ObjectHeaders {
  /** Declared checksums (base64); a mismatch fails the put with `BadDigest`. */
  checksums?: Checksums;
  /** Declared `Content-MD5` (base64); a mismatch fails the put with `BadDigest`. */
  contentMd5?: string;
}

/** What is known about a stored object (the sidecar record, minus storage details). */
export interface ObjectInfo {
  key: string;
  size: number;
  /** Quoted, as on the wire: `"<md5 hex>"` or `"<md5 of part md5s>-N"`. */
  etag: string;
  lastModified: Date;
  contentType: string;
  contentEncoding?: string;
  cacheControl?: string;
  contentDisposition?: string;
  contentLanguage?: string;
  expires?: string;
  metadata: Record<string, string>;
  /** Full-object checksums (empty for multipart objects). */
  checksums: Checksums;
  /** Number of parts for a multipart object. */
  partsCount?: number;
}

/** A byte range request: `bytes=start-end`, `bytes=start-` or `bytes=-suffix`. */
export type RangeSpec = { start: number; end?: number } | { suffix: number };

/** A resolved, satisfiable range (inclusive bounds). */
export interface ResolvedRange {
  start: number;
  end: number;
}

/** A bucket as listed. */
export interface BucketInfo {
  name: string;
  creationDate: Date;
}

/** ListObjectsV2 input. */
export interface ListObjectsV2Input {
  bucket: string;
  prefix?: string;
  delimiter?: string;
  /** 0..1000; default 1000 (larger values are capped, as S3 does). */
  maxKeys?: number;
  continuationToken?: string;
  startAfter?: string;
}

/** ListObjectsV2 output. */
export interface ListObjectsV2Output {
  contents: ObjectInfo[];
  commonPrefixes: string[];
  isTruncated: boolean;
  keyCount: number;
  maxKeys: number;
  nextContinuationToken?: string;
}

/** A part as listed or referenced by CompleteMultipartUpload. */
export interface PartInfo {
  partNumber: number;
  size: number;
  etag: string;
  lastModified: Date;
  checksums: Checksums;
}

/** A part named in CompleteMultipartUpload. */
export interface CompletedPart {
  partNumber: number;
  etag: string;
  checksums?: Checksums;
}
