/** 50 concurrent clients at 100 % sampling: every invocation lands in S3 exactly once. */
import { strict as assert } from "node:assert";
import { parseCaptureLine, parseCaptureKey } from "../../../src/capture";
import { CaptureWriter } from "../../../src/local/capture";
import { S3Double, type ReceivedPut } from "./s3-double";
import { csvInvocation, linesOf, settings } from "./helpers";

const CLIENTS = 50;
const PER_CLIENT = 40;
const ROLL_MS = 1000;

/** Checks every object: parses each line, then asserts each invocation appears exactly once. */
function assertExactlyOnce(puts: ReceivedPut[]): void {
  const eventIds = new Set<string>();
  const inferenceIds: string[] = [];
  for (const put of puts) {
    const parts = parseCaptureKey(put.key);
    assert.ok(parts, `not a capture key: ${put.key}`);
    linesOf(put.body).forEach((line, i) => {
      const r = parseCaptureLine(line, { source: put.key, line: i + 1 });
      eventIds.add(r.eventMetadata.eventId);
      inferenceIds.push(r.eventMetadata.inferenceId!);
      // Every record belongs to its file's window (second precision in the record).
      const t = Date.parse(r.eventMetadata.inferenceTime);
      assert.ok(t >= Math.floor(parts.start.getTime() / 1000) * 1000 && t < parts.start.getTime() + ROLL_MS, `${put.key} line ${i + 1}`);
    });
  }
  const expected: string[] = [];
  for (let c = 0; c < CLIENTS; c++) for (let j = 0; j < PER_CLIENT; j++) expected.push(`${c}-${j}`);
  assert.equal(inferenceIds.length, CLIENTS * PER_CLIENT, "record count");
  assert.equal(eventIds.size, CLIENTS * PER_CLIENT, "unique eventIds");
  assert.deepEqual([...inferenceIds].sort(), expected.sort());
}

describe("CaptureWriter: concurrency", () => {
  let s3: S3Double;
  beforeEach(async () => {
    s3 = await S3Double.start();
  });
  afterEach(async () => {
    await s3.stop();
  });

  it("captures 50 parallel clients exactly once across rolls, flushes and upload retries", async () => {
    let clock = Date.parse("2024-03-10T08:59:58.000Z"); // crosses an hour boundary mid-run
    const writer = new CaptureWriter({
      s3: s3.client,
      now: () => new Date(clock),
      rollIntervalMs: ROLL_MS,
      flushIntervalMs: 1,
      uploadConcurrency: 3,
      retry: { attempts: 6, baseDelayMs: 1 },
      onEvent: () => {},
    });
    const variants = ["AllTraffic", "Shadow-01"];
    const tick = () => new Promise<void>((r) => setImmediate(r));
    let running = true;
    const flusher = (async () => {
      while (running) {
        await writer.flush({ endpointName: "ep" });
        await tick();
      }
    })();
    const clients = Array.from({ length: CLIENTS }, async (_, c) => {
      for (let j = 0; j < PER_CLIENT; j++) {
        clock += 3; // fake time advances with traffic: ~1 roll per 333 captures per stream
        if (c === 7 && j === 20) s3.failNext = 4; // some uploads fail mid-run and are retried
        const id = { endpointName: "ep", variantName: variants[(c + j) % 2] };
        const outcome = writer.capture(id, settings(), csvInvocation(new Date(clock), `${c},${j}`, { inferenceId: `${c}-${j}` }));
        assert.equal(outcome, "captured");
        await tick();
      }
    });
    await Promise.all(clients);
    running = false;
    await flusher;
    await writer.close();

    assert.ok(s3.failed > 0, "the run exercised retries");
    assertExactlyOnce(s3.puts);
    const st = writer.stats();
    assert.equal(st.captured, CLIENTS * PER_CLIENT);
    assert.equal(st.recordsWritten, CLIENTS * PER_CLIENT);
    assert.equal(st.recordsLost, 0);
    assert.equal(st.pendingRecords, 0);
    assert.equal(st.filesWritten, s3.puts.length);
    // Files of one stream arrive in roll order (one upload in flight per stream).
    for (const v of variants) {
      const starts = s3.puts.filter((p) => p.key.includes(`/${v}/`)).map((p) => parseCaptureKey(p.key)!.start.getTime());
      assert.ok(starts.length > 1, `${v} rolled more than once`);
      assert.deepEqual(starts, [...starts].sort((a, b) => a - b), `${v} files out of order`);
    }
  });
});
