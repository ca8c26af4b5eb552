/**
 * Uploads one rolled capture file as a new S3 object, retrying with exponential backoff.
 * Every attempt writes the whole file to the same (fresh) key, so a retry can never append
 * to or duplicate records in another object.
 */
import { PutObjectCommand } from "@aws-sdk/client-s3";
import type { SdkClient } from "../../sdk-client";
import type { CaptureFile } from "./stream";
import type { RetryPolicy } from "./types";
import { describeError } from "./describe-error";

/**
 * Object Content-Type. AWS's value is not public (docs/decisions.md §8); readers key off the
 * `.jsonl` name, so the generic binary type is the least surprising choice.
 */
export const CAPTURE_OBJECT_CONTENT_TYPE = "application/octet-stream";

const MAX_BACKOFF_MS = 30_000;

/** Result of {@link uploadWithRetry}. */
interface UploadResult {
  ok: boolean;
  attempts: number;
  /** Message of the last failure, when `ok` is false. */
  error?: string;
}

/** Delay before attempt `attempt + 1` (attempt counts from 1). */
function backoffDelayMs(policy: RetryPolicy, attempt: number): number {
  return Math.min(MAX_BACKOFF_MS, policy.baseDelayMs * 2 ** (attempt - 1));
}

/** Builds the PutObject input for a file: SSE-KMS only when the config names a key. */
function putObjectInput(file: CaptureFile, body: Buffer) {
  return {
    Bucket: file.bucket,
    Key: file.key,
    Body: body,
    ContentLength: body.length,
    ContentType: CAPTURE_OBJECT_CONTENT_TYPE,
    ...(file.kmsKeyId !== undefined ? { ServerSideEncryption: "aws:kms" as const, SSEKMSKeyId: file.kmsKeyId } : {}),
  };
}

/**
 * Puts `file` to S3, trying up to `policy.attempts` times. Never throws: failures are returned
 * and each failed attempt is reported through `onFailure`. `holdProcess` says, at each backoff,
 * whether someone awaits the result (then the backoff timer keeps the process alive).
 */
export async function uploadWithRetry(
  s3: SdkClient,
  file: CaptureFile,
  policy: RetryPolicy,
  onFailure: (attempt: number, error: string, willRetry: boolean) => void,
  holdProcess: () => boolean = () => false,
): Promise<UploadResult> {
  let body: Buffer;
  try {
    body = fileBody(file);
  } catch (err) {
    // Out of memory for the body: nothing can be retried, but it must still be reported.
    return { ok: false, attempts: 0, error: describeError(err) };
  }
  const attempts = Math.max(1, Math.floor(policy.attempts));
  let lastError = "";
  for (let attempt = 1; attempt <= attempts; attempt++) {
    try {
      await s3.send(new PutObjectCommand(putObjectInput(file, body)));
      return { ok: true, attempts: attempt };
    } catch (err) {
      lastError = describeError(err);
      const willRetry = attempt < attempts;
      onFailure(attempt, lastError, willRetry);
      if (willRetry) await sleep(backoffDelayMs(policy, attempt), holdProcess());
    }
  }
  return { ok: false, attempts, error: lastError };
}

/** The object bytes, checked against the byte count the buffer bound was charged with. */
function fileBody(file: CaptureFile): Buffer {
  const body = file.data.toBuffer();
  if (body.length !== file.bytes) throw new Error(`capture file body is ${body.length} bytes, expected ${file.bytes}`);
  return body;
}

/**
 * Backoff timer. Unref'd in the background so it never keeps a process alive, but held while a
 * flush()/close() is awaiting this upload: otherwise a script ending in `await writer.close()`
 * could exit mid-retry and lose the records.
 */
function sleep(ms: number, hold: boolean): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    if (!hold) timer.unref();
  });
}
