/** 50 concurrent clients at 100 % sampling: every invocation lands in S3 exactly once. */
import { strict as assert } from "node:assert";
import { parseCaptureKey } from "../../../src/capture";
import { CaptureWriter } from "../../../src/local/capture-writer";
import { CLIENTS, PER_CLIENT, VARIANTS, assertExactlyOnce, fakeClock, runFiftyClients } from "./fifty-clients";
import { useWriterHarness } from "./helpers";

const ROLL_MS = 1000;

describe("CaptureWriter: concurrency", () => {
  const h = useWriterHarness();

  it("captures 50 parallel clients exactly once across rolls, flushes and upload retries", async () => {
    const clock = fakeClock("2024-03-10T08:59:58.000Z"); // crosses an hour boundary mid-run
    const writer = new CaptureWriter({
      s3: h.s3.client,
      now: clock.now,
      rollIntervalMs: ROLL_MS,
      flushIntervalMs: 1,
      uploadConcurrency: 3,
      retry: { attempts: 6, baseDelayMs: 1 },
      onEvent: () => {},
    });
    await runFiftyClients(writer, clock, "ep", "s3://bucket/capture", (c, j) => {
      if (c === 7 && j === 20) h.s3.failNext = 4; // some uploads fail mid-run and are retried
    });
    await writer.close();

    assert.ok(h.s3.failed > 0, "the run exercised retries");
    assertExactlyOnce(h.s3.puts, ROLL_MS);
    const st = writer.stats();
    assert.equal(st.captured, CLIENTS * PER_CLIENT);
    assert.equal(st.recordsWritten, CLIENTS * PER_CLIENT);
    assert.equal(st.recordsLost, 0);
    assert.equal(st.pendingRecords, 0);
    assert.equal(st.filesWritten, h.s3.puts.length);
    // Files of one stream arrive in roll order (one upload in flight per stream).
    for (const v of VARIANTS) {
      const starts = h.s3.puts
        .filter((p) => p.key.includes(`/${v}/`))
        .map((p) => parseCaptureKey(p.key)!.start.getTime());
      assert.ok(starts.length > 1, `${v} rolled more than once`);
      assert.deepEqual(
        starts,
        [...starts].sort((a, b) => a - b),
        `${v} files out of order`,
      );
    }
  });
});
