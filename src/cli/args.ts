/** Small helpers shared by the `baseline` and `monitor` command parsers. */
import type { SdkClient } from "../sdk-client";
import { connect } from "../session";

/** Parses an ISO date-time flag value. */
export function isoDate(flag: string, raw: string): Date {
  const d = new Date(raw);
  if (Number.isNaN(d.getTime()))
    throw new Error(`${flag}: expected an ISO date-time like 2024-01-19T19:00:00Z, got "${raw}"`);
  return d;
}

/**
 * An S3 client for `s3://` arguments: the target from the environment (CAPTURE_LAB_TARGET,
 * local by default, which must already be running). Closed by the returned function.
 */
export async function s3ForUris(
  uris: ReadonlyArray<string | undefined>,
): Promise<{ s3?: SdkClient; close(): Promise<void> }> {
  if (!uris.some((u) => u?.startsWith("s3://"))) return { close: async () => {} };
  const session = await connect({ startLocal: false });
  return { s3: session.s3, close: () => session.close() };
}
