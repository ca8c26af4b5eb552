/**
 * Per-test set-up shared by the capture-writer tests: a fresh {@link S3Double} for every test and
 * the {@link CaptureWriter}s the test makes on it, all closed after the test.
 */
import { CaptureWriter, type CaptureWriterEvent, type CaptureWriterOptions } from "../../../src/local/capture";
import { S3Double } from "./s3-double";
import { counterUuid } from "./helpers";

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
      const writer = new CaptureWriter({ s3: double.client, uuid: counterUuid(), onEvent: (e) => events.push(e), ...defaults, ...opts });
      writers.push(writer);
      return writer;
    },
  };
}
