/**
 * Which region a bucket is in. S3 answers HeadBucket for a bucket of another region with a bare
 * 301 (or 400) whose only clue is the `x-amz-bucket-region` header; the SDK's error message
 * ("UnknownError") does not mention it, so it is read from the response.
 */
import { HeadBucketCommand } from "@aws-sdk/client-s3";
import type { SdkClient } from "../sdk-client";

/** What HeadBucket said about a bucket. */
interface BucketHead {
  /** `ok`: exists and readable; `missing`: 404; `forbidden`: 403; `elsewhere`: in another region. */
  state: "ok" | "missing" | "forbidden" | "elsewhere";
  /** The bucket's region, when S3 said (`x-amz-bucket-region`). */
  region?: string;
  /** The error, for states other than `ok`. */
  error?: Error;
}

interface S3ErrorShape {
  name?: string;
  $metadata?: { httpStatusCode?: number };
  $response?: { headers?: Record<string, string | undefined> };
  BucketRegion?: string;
}

/** HeadBucket, classified; never throws for the answers above (other failures are thrown). */
export async function headBucket(s3: SdkClient, bucket: string): Promise<BucketHead> {
  try {
    const out = await s3.send(new HeadBucketCommand({ Bucket: bucket }));
    return { state: "ok", ...(out.BucketRegion ? { region: out.BucketRegion } : {}) };
  } catch (e) {
    const err = e as Error & S3ErrorShape;
    const status = err.$metadata?.httpStatusCode;
    const region = err.$response?.headers?.["x-amz-bucket-region"] ?? err.BucketRegion;
    const base = { error: err, ...(region ? { region } : {}) };
    if (status === 301 || status === 307 || (status === 400 && region)) return { state: "elsewhere", ...base };
    if (status === 403) return { state: "forbidden", ...base };
    if (status === 404 || err.name === "NotFound" || err.name === "NoSuchBucket") return { state: "missing", ...base };
    throw e;
  }
}

/** The message for a bucket in another region than the session's, naming both and the fixes. */
export function regionMismatchMessage(bucket: string, bucketRegion: string | undefined, sessionRegion: string): string {
  const where = bucketRegion ? `is in region ${bucketRegion}` : "is in another region (S3 did not say which)";
  const fix = bucketRegion
    ? `set AWS_REGION=${bucketRegion} (or CAPTURE_LAB_REGION)`
    : "set AWS_REGION to the bucket's region";
  return (
    `Bucket ${bucket} ${where}, but this session uses ${sessionRegion}: SageMaker needs the model artifact (and this walkthrough ` +
    `keeps the captures beside it) in the endpoint's region. Either ${fix}, or choose a CAPTURE_LAB_BUCKET in ${sessionRegion}`
  );
}
