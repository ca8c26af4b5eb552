/** `s3://bucket/key` URIs and key joining without `//` (docs/capture-format.md §2, docs/decisions.md §7). */

/** Joins key parts with single `/`: leading/trailing slashes of each part are dropped, runs of `/` collapse, empty parts are skipped. Never yields `//` or a leading `/`. */
export function joinS3Key(...parts: string[]): string {
  return parts
    .map((p) => p.replace(/\/{2,}/g, "/").replace(/^\/+|\/+$/g, ""))
    .filter((p) => p !== "")
    .join("/");
}

/**
 * Parses `s3://bucket/key`. The key loses trailing `/` (a destination `s3://b/p/` means
 * prefix `p`), so keys joined under it never contain `//`: a doubled slash made Model
 * Monitor look in the wrong place (aws/amazon-sagemaker-examples#1938).
 * @throws Error saying what was expected for anything that is not an `s3://` URI with a bucket.
 */
export function parseS3Uri(uri: string): { bucket: string; key: string } {
  if (typeof uri !== "string") throw new TypeError(`S3 URI must be a string, got ${typeof uri}`);
  const m = /^s3:\/\/([^/]*)(?:\/(.*))?$/s.exec(uri);
  if (!m) throw new Error(`Invalid S3 URI ${JSON.stringify(uri)}: expected s3://bucket/key`);
  const bucket = m[1];
  if (!/^[a-zA-Z0-9][a-zA-Z0-9._-]*$/.test(bucket)) {
    throw new Error(
      `Invalid S3 URI ${JSON.stringify(uri)}: bucket ${JSON.stringify(bucket)} must be non-empty letters, digits, '.', '-' or '_'`,
    );
  }
  return { bucket, key: (m[2] ?? "").replace(/\/+$/, "") };
}

/** `s3://bucket/key` (leading `/` of the key dropped); `s3://bucket` for an empty key. */
export function formatS3Uri(bucket: string, key: string): string {
  const k = key.replace(/^\/+/, "");
  return k === "" ? `s3://${bucket}` : `s3://${bucket}/${k}`;
}
