/** Shared fixtures for the capture-writer tests: settings, deterministic ids and clocks. */
import type { CaptureSettings } from "../../../src/capture";
import type { CaptureInvocation } from "../../../src/local/capture";

/** Settings as the SageMaker Python SDK would produce them, overridable per test. */
export function settings(overrides: Partial<CaptureSettings> = {}): CaptureSettings {
  return {
    enabled: true,
    samplingPercentage: 100,
    destinationS3Uri: "s3://bucket/capture/",
    captureInput: true,
    captureOutput: true,
    contentTypeHeader: { CsvContentTypes: ["text/csv"], JsonContentTypes: ["application/json"] },
    ...overrides,
  };
}

/** Lower-case UUID v4s `00000000-0000-4000-8000-00000000000N`, N = 1, 2, ... */
export function counterUuid(): () => string {
  let n = 0;
  return () => `00000000-0000-4000-8000-${(++n).toString(16).padStart(12, "0")}`;
}

/** The n-th id {@link counterUuid} returns. */
export function nthUuid(n: number): string {
  return `00000000-0000-4000-8000-${n.toString(16).padStart(12, "0")}`;
}

/** A CSV-in, CSV-out invocation at `time`. */
export function csvInvocation(time: Date, row = "1,2,3", extra: Partial<CaptureInvocation> = {}): CaptureInvocation {
  return {
    request: { body: Buffer.from(row), contentType: "text/csv" },
    response: { body: Buffer.from("0.5\n"), contentType: "text/csv; charset=utf-8" },
    time,
    ...extra,
  };
}

/** Polls `cond` every few ms until it holds, failing after `ms`. */
export async function until(cond: () => boolean, ms = 5000, what = "condition"): Promise<void> {
  const deadline = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 2));
  }
}

/** Splits a capture object into its lines, asserting the framing (every line ends in "\n"). */
export function linesOf(body: Buffer): string[] {
  const text = body.toString("utf8");
  if (!text.endsWith("\n")) throw new Error("capture object does not end in \\n");
  return text.slice(0, -1).split("\n");
}
