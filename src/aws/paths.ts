/** Step 1 of the AWS page: where the model, captures, reports and monitor code live in S3. */
import { CreateBucketCommand, type BucketLocationConstraint } from "@aws-sdk/client-s3";
import { headBucket, regionMismatchMessage } from "./bucket-region";
import { formatS3Uri, joinS3Key } from "../capture/s3uri";
import type { CaptureLabSession } from "../session/connect";

/** The S3 locations of the walkthrough, mirroring the AWS page's variables. */
export interface CapturePaths {
  /** Bucket. */
  bucket: string;
  /** Key prefix (`sagemaker/DEMO-ModelMonitor` by default). */
  prefix: string;
  /** `s3://{bucket}/{prefix}/datacapture`: the DataCaptureConfig destination. */
  captureUri: string;
  /** `s3://{bucket}/{prefix}/reports`. */
  reportsUri: string;
  /** `s3://{bucket}/{prefix}/code`. */
  codeUri: string;
  /** `s3://{bucket}/{prefix}/code/preprocessor.py`. */
  preprocessorUri: string;
  /** `s3://{bucket}/{prefix}/code/postprocessor.py`. */
  postprocessorUri: string;
}

/** Computes {@link CapturePaths} for the session's bucket and prefix (or the given ones). Pure. */
export function capturePaths(
  session: Pick<CaptureLabSession, "bucket" | "prefix">,
  options: { prefix?: string; bucket?: string } = {},
): CapturePaths {
  const bucket = options.bucket ?? session.bucket;
  const prefix = joinS3Key(options.prefix ?? session.prefix);
  const uri = (...parts: string[]): string => formatS3Uri(bucket, joinS3Key(prefix, ...parts));
  return {
    bucket,
    prefix,
    captureUri: uri("datacapture"),
    reportsUri: uri("reports"),
    codeUri: uri("code"),
    preprocessorUri: uri("code", "preprocessor.py"),
    postprocessorUri: uri("code", "postprocessor.py"),
  };
}

/** Result of {@link ensureBucket}. */
export interface EnsureBucketResult {
  /** Bucket name. */
  bucket: string;
  /** True when this call created it. */
  created: boolean;
}

/**
 * Makes sure the bucket exists: HeadBucket first and CreateBucket only on 404 (on AWS the
 * bucket usually exists and the role may lack `s3:CreateBucket`); outside us-east-1 the
 * create carries the region's LocationConstraint. A bucket created concurrently counts as existing.
 * @throws Error explaining a 403 (bucket owned by another account or no permission), a bucket in
 *   another region than the session's (naming that region), or other failures.
 */
export async function ensureBucket(
  session: CaptureLabSession,
  bucket: string = session.bucket,
): Promise<EnsureBucketResult> {
  let head;
  try {
    head = await headBucket(session.s3, bucket);
  } catch (e) {
    throw new Error(`Bucket ${bucket}: HeadBucket failed: ${(e as Error).name}: ${(e as Error).message}`, { cause: e });
  }
  if (
    head.state === "elsewhere" ||
    (head.state === "ok" && head.region !== undefined && head.region !== session.region)
  ) {
    throw new Error(regionMismatchMessage(bucket, head.region, session.region));
  }
  if (head.state === "ok") return { bucket, created: false };
  if (head.state === "forbidden") {
    throw new Error(
      `Bucket ${bucket}: access denied (HTTP 403). It belongs to another account or your credentials lack s3:ListBucket; choose another CAPTURE_LAB_BUCKET`,
    );
  }
  try {
    const cfg =
      session.region !== "us-east-1"
        ? { CreateBucketConfiguration: { LocationConstraint: session.region as BucketLocationConstraint } }
        : {};
    await session.s3.send(new CreateBucketCommand({ Bucket: bucket, ...cfg }));
    return { bucket, created: true };
  } catch (e) {
    const name = (e as Error).name;
    if (name === "BucketAlreadyOwnedByYou") return { bucket, created: false };
    throw new Error(`Bucket ${bucket}: CreateBucket failed: ${name}: ${(e as Error).message}`, { cause: e });
  }
}
