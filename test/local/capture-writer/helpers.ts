/** Shared set-up for the capture-writer tests: settings, deterministic ids and clocks, and a writer per test on a fresh S3 double. */
import type { CaptureSettings } from "../../../src/capture";
import {
  CaptureWriter,
  type CaptureInvocation,
  type CaptureWriterEvent,
  type CaptureWriterOptions,
} from "../../../src/local/capture-writer";
import { S3Double } from "./s3-double";

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

/** Splits a capture object into its lines, asserting the framing (every line ends in "\n"). */
export function linesOf(body: Buffer): string[] {
  const text = body.toString("utf8");
  if (!text.endsWith("\n")) throw new Error("capture object does not end in \\n");
  return text.slice(0, -1).split("\n");
}

export { until } from "../../helpers";

/**
 * Per-test set-up shared by the capture-writer tests: a fresh {@link S3Double} for every test and
 * the {@link CaptureWriter}s the test makes on it, all closed after the test.
 */

/** What a test reads from {@link useWriterHarness}; valid inside `it` (after `beforeEach`). */
export interface WriterHarness {
  /** This test's S3 double. */
  readonly s3: S3Double;
  /** Events of the writer when its `onEvent` is not overridden, in order. */
  readonly events: CaptureWriterEvent[];
  /**
   * Builds this test's writer on the double: deterministic ids (`counterUuid`), events recorded in
   * `events`, then the harness defaults, then `opts`. Closed after the test (before the double).
   */
  make(opts?: Partial<CaptureWriterOptions>): CaptureWriter;
}

/**
 * Registers `beforeEach`/`afterEach` in the calling `describe` and returns the harness whose
 * properties hold the current test's double and events (read them inside `it`, not at describe level).
 */
export function useWriterHarness(defaults: Partial<CaptureWriterOptions> = {}): WriterHarness {
  let s3: S3Double | undefined;
  let writers: CaptureWriter[] = [];
  let events: CaptureWriterEvent[] = [];
  beforeEach(async () => {
    s3 = await S3Double.start();
    writers = [];
    events = [];
  });
  afterEach(async () => {
    try {
      for (const w of writers) await w.close();
    } finally {
      await s3?.stop();
    }
  });
  // Reading before the hooks ran is a bug in the test; say so instead of a TypeError on undefined.
  const current = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`writer harness: ${what} read outside a test`);
    return value;
  };
  return {
    get s3() {
      return current(s3, "s3");
    },
    get events() {
      return events;
    },
    make(opts = {}) {
      const double = current(s3, "s3");
      const writer = new CaptureWriter({
        s3: double.client,
        uuid: counterUuid(),
        onEvent: (e) => events.push(e),
        ...defaults,
        ...opts,
      });
      writers.push(writer);
      return writer;
    },
  };
}
