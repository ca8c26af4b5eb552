/** Failure handling: retries, dead-letter counts, the bounded buffer and the disk pause. */
import { strict as assert } from "node:assert";
import * as os from "node:os";
import { CaptureWriter, statfsUsage } from "../../../src/local/capture-writer";
import { csvInvocation, linesOf, settings, until } from "./helpers";
import { useWriterHarness } from "./helpers";

const EP = { endpointName: "ep", variantName: "AllTraffic" };
const t0 = new Date("2024-03-10T08:00:00Z");
const later = (s: number) => new Date(t0.getTime() + s * 1000);

describe("CaptureWriter: failures and back-pressure", () => {
  const h = useWriterHarness({ retry: { attempts: 3, baseDelayMs: 1 } });
  const types = () => h.events.map((e) => e.type);

  it("retries a failed upload and writes the file exactly once", async () => {
    const writer = h.make();
    writer.capture(EP, settings(), csvInvocation(t0));
    h.s3.failNext = 2;
    const result = await writer.flush();
    assert.equal(h.s3.failed, 2);
    assert.equal(h.s3.puts.length, 1);
    assert.equal(linesOf(h.s3.puts[0].body).length, 1);
    assert.deepEqual(types(), ["upload-failed", "upload-failed", "file-uploaded"]);
    assert.deepEqual(
      h.events.filter((e) => e.type === "upload-failed").map((e) => (e as { willRetry: boolean }).willRetry),
      [true, true],
    );
    assert.deepEqual(result, { filesWritten: 1, recordsWritten: 1, filesLost: 0, recordsLost: 0 });
    const st = writer.stats();
    assert.equal(st.uploadFailures, 2);
    assert.equal(st.filesWritten, 1);
    assert.equal(st.recordsLost, 0);
  });

  it("counts records as lost after the last attempt, reports it, and keeps the stream going", async () => {
    const writer = h.make();
    writer.capture(EP, settings(), csvInvocation(t0));
    writer.capture(EP, settings(), csvInvocation(later(1)));
    h.s3.failNext = 3;
    const result = await writer.flush();
    assert.deepEqual(result, { filesWritten: 0, recordsWritten: 0, filesLost: 1, recordsLost: 2 });
    const lost = h.events.find((e) => e.type === "records-lost");
    assert.ok(lost && lost.type === "records-lost");
    assert.equal(lost.records, 2);
    assert.equal(lost.attempts, 3);
    assert.match(lost.error, /HTTP 500/);
    assert.match(lost.key, /^capture\/ep\/AllTraffic\/2024\/03\/10\/08\//);
    let st = writer.stats("ep");
    assert.equal(st.recordsLost, 2);
    assert.equal(st.filesLost, 1);
    assert.equal(st.uploadFailures, 3);
    assert.equal(st.pendingRecords, 0);
    assert.equal(st.pendingBytes, 0);
    // The next file still goes out.
    writer.capture(EP, settings(), csvInvocation(later(2)));
    await writer.flush();
    st = writer.stats("ep");
    assert.equal(st.filesWritten, 1);
    assert.equal(h.s3.puts.length, 1);
  });

  it("uploads a stream's files in roll order even when the first one needs retries", async () => {
    const writer = h.make({ retry: { attempts: 4, baseDelayMs: 5 } });
    writer.capture(EP, settings(), csvInvocation(t0));
    writer.capture(EP, settings(), csvInvocation(later(61)));
    writer.capture(EP, settings(), csvInvocation(later(122)));
    h.s3.failNext = 2;
    await writer.flush();
    assert.deepEqual(
      h.s3.puts.map((p) => p.key.split("/")[7].slice(0, 5)),
      ["00-00", "01-01", "02-02"],
    );
  });

  it("drops (and counts) records whose encoded bytes would overflow the buffer, and accepts again once uploaded", async () => {
    const probe = new CaptureWriter({ s3: h.s3.client, onEvent: () => {} });
    probe.capture(EP, settings(), csvInvocation(t0));
    const lineBytes = probe.stats().pendingBytes;
    await probe.close();
    h.s3.puts.length = 0;

    const writer = h.make({ maxBufferedBytes: 2 * lineBytes + Math.floor(lineBytes / 2) });
    // The raw payloads of all four fit, so all are queued; encoding then has room for two.
    const outcomes = [0, 1, 2, 3].map((i) => writer.capture(EP, settings(), csvInvocation(later(i))));
    assert.deepEqual(outcomes, ["queued", "queued", "queued", "queued"]);
    const st = writer.stats();
    assert.equal(st.captured, 2);
    assert.equal(st.droppedBufferFull, 2);
    assert.equal(st.pendingBytes, 2 * lineBytes);
    assert.deepEqual(types(), ["buffer-full"]); // logged once per episode, counted every time
    await writer.flush();
    assert.equal(writer.stats().pendingBytes, 0);
    assert.equal(writer.capture(EP, settings(), csvInvocation(later(5))), "queued");
    await writer.flush();
    const records = h.s3.bodies().flatMap(linesOf);
    assert.equal(records.length, 3);
    assert.equal(writer.stats().captured, 3);
  });

  it("refuses at once an invocation whose raw payload alone would pass the bound, so queued bytes stay bounded", async () => {
    const writer = h.make({ maxBufferedBytes: 1000 });
    const big = csvInvocation(t0, "9".repeat(600));
    assert.equal(writer.capture(EP, settings(), big), "queued"); // 600 raw bytes: fits
    assert.equal(writer.capture(EP, settings(), big), "dropped-buffer-full"); // 1200 queued would not
    const st = writer.stats();
    assert.equal(st.droppedBufferFull, 1);
    assert.equal(st.captured, 1);
    assert.deepEqual(types(), ["buffer-full"]);
  });

  it("pauses above the disk threshold, counts skipped captures, and resumes below it", async () => {
    let usage = 0.5;
    const writer = h.make({ diskUsage: async () => usage, diskPollIntervalMs: 3_600_000 });
    assert.equal(await writer.checkDisk(), false);
    assert.equal(writer.capture(EP, settings(), csvInvocation(t0)), "queued");
    usage = 0.75; // "keep below 75 %": exactly at the threshold still captures
    assert.equal(await writer.checkDisk(), false);
    usage = 0.9;
    assert.equal(await writer.checkDisk(), true);
    assert.equal(writer.stats().paused, true);
    assert.equal(writer.capture(EP, settings(), csvInvocation(later(1))), "paused-disk");
    assert.equal(writer.capture(EP, settings({ samplingPercentage: 0 }), csvInvocation(later(1))), "sampled-out");
    usage = 0.6;
    assert.equal(await writer.checkDisk(), false);
    assert.equal(writer.capture(EP, settings(), csvInvocation(later(2))), "queued");
    const st = writer.stats("ep");
    assert.equal(st.pausedDisk, 1);
    assert.equal(st.captured, 2);
    assert.equal(st.paused, false);
    assert.deepEqual(types(), ["paused-disk", "resumed-disk"]);
    const paused = h.events[0];
    assert.ok(paused.type === "paused-disk" && paused.usage === 0.9 && paused.threshold === 0.75);
  });

  it("polls disk usage in the background and reports a failing probe without changing state", async () => {
    let usage: number | Error = 0.95;
    const writer = h.make({
      diskUsage: async () => {
        if (usage instanceof Error) throw usage;
        return usage;
      },
      diskPollIntervalMs: 2,
      diskThreshold: 0.8,
    });
    await until(() => writer.stats().paused, 5000, "the background poll to pause capture");
    usage = new Error("statfs failed");
    await until(() => types().includes("disk-check-failed"), 5000, "a failed probe to be reported");
    assert.equal(writer.stats().paused, true);
    usage = 0.1;
    await until(() => !writer.stats().paused, 5000, "the background poll to resume capture");
  });

  it("statfsUsage reports a fraction of a real volume", async () => {
    const u = await statfsUsage(os.tmpdir())();
    assert.ok(u >= 0 && u <= 1, String(u));
  });

  it("after close() captures are refused and counted, nothing is pending", async () => {
    const writer = h.make();
    writer.capture(EP, settings(), csvInvocation(t0));
    await writer.close();
    assert.equal(h.s3.puts.length, 1);
    assert.equal(writer.capture(EP, settings(), csvInvocation(t0)), "closed");
    const st = writer.stats();
    assert.equal(st.afterClose, 1);
    assert.equal(st.pendingRecords, 0);
    await writer.close(); // idempotent
  });
});
