/**
 * Step 6 of the AWS page: find the capture files of an endpoint. AWS delivers a file about
 * 1-2 minutes after its first record; the local stack can be told to write pending captures now.
 */
import { GetObjectCommand } from "@aws-sdk/client-s3";
import { formatS3Uri, joinS3Key, parseS3Uri } from "../capture/s3uri";
// The listing module alone: the read index also loads danfojs, which these helpers never need.
import { listCaptureFiles, type CaptureFileInfo, type S3CaptureSource } from "../read/sources";
import type { CaptureLabSession } from "../session/connect";
import { capturePaths } from "./paths";
import { describeCapture } from "./update";
import { isNotFound } from "./waiters";

/** What one poll of {@link waitForCaptures} found. */
export interface CapturePoll {
  /** Files listed. */
  files: number;
  /** Records counted in them (only when `expectedRecords` is set). */
  records?: number;
  /** Milliseconds since the wait began. */
  elapsedMs: number;
}

/** Options of {@link waitForCaptures}. */
export interface WaitForCapturesOptions {
  /** Endpoint whose captures to find. */
  endpointName: string;
  /** Only this variant's folder (default: all variants). */
  variantName?: string;
  /** Capture destination (default: the endpoint's `DestinationS3Uri`, else `{prefix}/datacapture`). */
  destination?: string;
  /** Wait until at least this many records are captured (counted as lines of the files). */
  expectedRecords?: number;
  /** Wait until at least this many files exist (default 1). */
  minFiles?: number;
  /** Only files that may hold records captured at or after this time. */
  from?: Date;
  /** Give up after this long (default 15 s locally, 10 min on AWS). */
  timeoutMs?: number;
  /** Delay between listings (default 250 ms locally, 10 s on AWS). */
  pollMs?: number;
  /** Called after each listing. */
  onPoll?: (p: CapturePoll) => void;
}

/** The capture folder of an endpoint (and variant) under a destination: `{destination}/{endpoint}[/{variant}]`. */
function captureFolderUri(destination: string, endpointName: string, variantName?: string): string {
  const { bucket, key } = parseS3Uri(destination);
  return formatS3Uri(bucket, joinS3Key(key, endpointName, variantName ?? ""));
}

async function resolveDestination(session: CaptureLabSession, endpointName: string, given?: string): Promise<string> {
  if (given !== undefined) return given;
  try {
    const summary = await describeCapture(session, endpointName);
    if (summary?.DestinationS3Uri) return summary.DestinationS3Uri;
  } catch (e) {
    // A deleted endpoint's captures stay in S3: fall back to the walkthrough's destination.
    if (!isNotFound(e)) throw e;
  }
  return capturePaths(session).captureUri;
}

/**
 * The source object (`{ s3, uri }`) that `listCaptureFiles`, `readCaptureRecords` and
 * `loadCaptures` accept, for one endpoint's captures (one variant's, when given).
 * @param destination capture destination (default: the endpoint's, else `{prefix}/datacapture`).
 */
export async function captureSourceFor(
  session: CaptureLabSession,
  endpointName: string,
  variantName?: string,
  destination?: string,
): Promise<S3CaptureSource> {
  const dest = await resolveDestination(session, endpointName, destination);
  return { s3: session.s3, uri: captureFolderUri(dest, endpointName, variantName) };
}

async function countLines(session: CaptureLabSession, uri: string): Promise<number> {
  const { bucket, key } = parseS3Uri(uri);
  const res = await session.s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  const text = res.Body ? await res.Body.transformToString("utf8") : "";
  return text.split("\n").filter((l) => l.trim() !== "").length;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * Polls the endpoint's capture folder until at least `minFiles` files (and `expectedRecords`
 * records) exist. Against the local stack, pending captures are flushed before each listing.
 * @returns the files found, in reading order.
 * @throws Error after `timeoutMs`, saying what was found versus expected.
 * @example
 * ```ts
 * const files = await waitForCaptures(session, { endpointName, expectedRecords: 200 });
 * const { frame } = await loadCaptures(await captureSourceFor(session, endpointName));
 * ```
 */
export async function waitForCaptures(
  session: CaptureLabSession,
  options: WaitForCapturesOptions,
): Promise<CaptureFileInfo[]> {
  const isLocal = session.target.kind === "local";
  const timeoutMs = options.timeoutMs ?? (isLocal ? 15_000 : 600_000);
  const pollMs = options.pollMs ?? (isLocal ? 250 : 10_000);
  const minFiles = options.minFiles ?? 1;
  const source = await captureSourceFor(session, options.endpointName, options.variantName, options.destination);
  // Files are immutable once written, so each is counted once.
  const lineCounts = new Map<string, number>();
  const t0 = Date.now();
  let flushProblem: string | undefined;
  let files: CaptureFileInfo[];
  let records = 0;
  for (;;) {
    if (isLocal && session.local) {
      try {
        await session.local.flushCapture(options.endpointName);
        flushProblem = undefined;
      } catch (e) {
        flushProblem = (e as Error).message; // keep polling: the stack still rolls files on its timer
      }
    }
    files = await listCaptureFiles(source, options.from ? { from: options.from } : {});
    if (options.expectedRecords !== undefined) {
      for (const f of files) {
        const id = `${f.source}#${f.size}`;
        if (!lineCounts.has(id)) lineCounts.set(id, await countLines(session, f.source));
      }
      records = files.reduce((n, f) => n + (lineCounts.get(`${f.source}#${f.size}`) ?? 0), 0);
    }
    const elapsedMs = Date.now() - t0;
    options.onPoll?.({ files: files.length, ...(options.expectedRecords !== undefined ? { records } : {}), elapsedMs });
    if (files.length >= minFiles && (options.expectedRecords === undefined || records >= options.expectedRecords))
      return files;
    if (elapsedMs + pollMs > timeoutMs) break;
    await sleep(pollMs);
  }
  const found = `${files.length} file(s)` + (options.expectedRecords !== undefined ? ` with ${records} record(s)` : "");
  const wanted =
    `${minFiles} file(s)` + (options.expectedRecords !== undefined ? ` with ${options.expectedRecords} record(s)` : "");
  throw new Error(
    `waitForCaptures: found ${found} under ${source.uri} after ${Math.round((Date.now() - t0) / 1000)} s, expected at least ${wanted}. ` +
      (isLocal
        ? `Check that capture is enabled with sampling > 0 for ${options.endpointName}` +
          (flushProblem ? ` (flush failed: ${flushProblem})` : "") +
          "."
        : "AWS delivers capture files about 1-2 minutes after the first captured request; wait longer (timeoutMs) or check that capture is enabled with sampling > 0."),
  );
}
