/** Small helpers shared by the `baseline`, `monitor` and `replay` commands. */
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
export async function s3ForUris(uris: ReadonlyArray<string | undefined>): Promise<S3Arguments> {
  if (!uris.some((u) => u?.startsWith("s3://"))) return { close: async () => {}, loc: (p) => p };
  const session = await connect({ startLocal: false });
  const s3 = session.s3;
  return { s3, close: () => session.close(), loc: (p) => (p.startsWith("s3://") ? { s3, uri: p } : p) };
}

/** What {@link s3ForUris} gives: the client (when an argument is `s3://`) and the arguments as locations. */
export interface S3Arguments {
  s3?: SdkClient;
  close(): Promise<void>;
  /** A path as the library takes it: `{ s3, uri }` for an `s3://` URI, else the path itself. */
  loc(p: string): string | { s3: SdkClient; uri: string };
}

/** The closing lines of a run's summary: its first bad rows, the files written, the post-analytics output. */
export function writeRunTail(
  out: NodeJS.WritableStream,
  r: {
    issueCount: number;
    issues: ReadonlyArray<{ source: string; line: number; field?: string; message: string }>;
    written: readonly string[];
    postAnalytics?: { script: string; output: string };
  },
  issuesTitle: string,
): void {
  if (r.issueCount > 0) {
    out.write(`  ${r.issueCount} ${issuesTitle}:\n`);
    for (const i of r.issues.slice(0, 10))
      out.write(`    ${i.source}:${i.line}${i.field ? ` ${i.field}` : ""}: ${i.message}\n`);
    if (r.issueCount > 10) out.write(`    ... ${r.issueCount - 10} more\n`);
  }
  for (const w of r.written) out.write(`  wrote ${w}\n`);
  if (r.postAnalytics) {
    out.write(`  post-analytics processor ${r.postAnalytics.script}:\n`);
    for (const line of r.postAnalytics.output.trimEnd().split("\n")) if (line) out.write(`    ${line}\n`);
  }
}
