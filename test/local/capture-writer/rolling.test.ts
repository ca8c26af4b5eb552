/** File naming, hour folders and rolling: one object per ~rollInterval window from its first record. */
import { strict as assert } from "node:assert";
import { csvInvocation, linesOf, nthUuid, settings, until } from "./helpers";
import { useWriterHarness } from "./helpers";

const EP = { endpointName: "Ep-Case", variantName: "AllTraffic" };
const at = (iso: string) => new Date(iso);

describe("CaptureWriter: naming and rolling", () => {
  const h = useWriterHarness();
  const times = (body: Buffer) => linesOf(body).map((l) => JSON.parse(l).eventMetadata.inferenceTime);

  it("starts a new object once a record falls rollIntervalMs after the file's first record", async () => {
    const writer = h.make();
    writer.capture(EP, settings(), csvInvocation(at("2024-03-10T08:15:07.250Z")));
    writer.capture(EP, settings(), csvInvocation(at("2024-03-10T08:16:07.249Z"))); // 59.999 s: same file
    writer.capture(EP, settings(), csvInvocation(at("2024-03-10T08:16:07.250Z"))); // 60 s: new file
    await writer.flush();
    assert.deepEqual(
      h.s3.puts.map((p) => p.key),
      [
        `capture/Ep-Case/AllTraffic/2024/03/10/08/15-07-250-${nthUuid(2)}.jsonl`,
        `capture/Ep-Case/AllTraffic/2024/03/10/08/16-07-250-${nthUuid(5)}.jsonl`,
      ],
    );
    assert.deepEqual(times(h.s3.puts[0].body), ["2024-03-10T08:15:07Z", "2024-03-10T08:16:07Z"]);
    assert.deepEqual(times(h.s3.puts[1].body), ["2024-03-10T08:16:07Z"]);
  });

  it("keeps records after an hour boundary in the file started in the previous hour", async () => {
    const writer = h.make();
    writer.capture(EP, settings(), csvInvocation(at("2024-12-31T23:59:30.500Z")));
    writer.capture(EP, settings(), csvInvocation(at("2025-01-01T00:00:20.000Z")));
    await writer.flush();
    assert.equal(h.s3.puts.length, 1);
    assert.equal(h.s3.puts[0].key, `capture/Ep-Case/AllTraffic/2024/12/31/23/59-30-500-${nthUuid(2)}.jsonl`);
    assert.deepEqual(times(h.s3.puts[0].body), ["2024-12-31T23:59:30Z", "2025-01-01T00:00:20Z"]);
  });

  it("writes nothing for an idle gap and names the next file after the next record", async () => {
    const writer = h.make();
    writer.capture(EP, settings(), csvInvocation(at("2024-03-10T08:00:00.000Z")));
    writer.capture(EP, settings(), csvInvocation(at("2024-03-10T09:47:13.042Z")));
    await writer.flush();
    await writer.flush(); // nothing pending: no empty objects
    assert.deepEqual(
      h.s3.puts.map((p) => p.key),
      [
        `capture/Ep-Case/AllTraffic/2024/03/10/08/00-00-000-${nthUuid(2)}.jsonl`,
        `capture/Ep-Case/AllTraffic/2024/03/10/09/47-13-042-${nthUuid(4)}.jsonl`,
      ],
    );
  });

  it("never appends to a written object: a flush mid-window starts a fresh object", async () => {
    const writer = h.make();
    writer.capture(EP, settings(), csvInvocation(at("2024-03-10T08:00:00.000Z")));
    await writer.flush();
    writer.capture(EP, settings(), csvInvocation(at("2024-03-10T08:00:10.000Z")));
    await writer.flush();
    assert.equal(h.s3.puts.length, 2);
    assert.notEqual(h.s3.puts[0].key, h.s3.puts[1].key);
    assert.equal(linesOf(h.s3.puts[0].body).length, 1);
    assert.match(h.s3.puts[1].key, /\/08\/00-10-000-/);
  });

  it("keeps one stream per (endpoint, variant) and strips the destination's trailing slash", async () => {
    const writer = h.make();
    const t = at("2024-03-10T08:00:00Z");
    writer.capture(EP, settings({ destinationS3Uri: "s3://bucket/a/b//" }), csvInvocation(t));
    writer.capture(
      { ...EP, variantName: "Shadow-01" },
      settings({ destinationS3Uri: "s3://bucket/a/b//" }),
      csvInvocation(t),
    );
    writer.capture(
      { endpointName: "other", variantName: "AllTraffic" },
      settings({ destinationS3Uri: "s3://bucket" }),
      csvInvocation(t),
    );
    await writer.flush({ endpointName: "Ep-Case" });
    assert.deepEqual(h.s3.puts.map((p) => p.key.split("/").slice(0, 4).join("/")).sort(), [
      "a/b/Ep-Case/AllTraffic",
      "a/b/Ep-Case/Shadow-01",
    ]);
    assert.equal(writer.stats("other").pendingRecords, 1);
    await writer.flush();
    assert.match(h.s3.puts[2].key, /^other\/AllTraffic\/2024\/03\/10\/08\//);
  });

  it("rolls the open file when the destination changes (UpdateEndpoint) so records never move", async () => {
    const writer = h.make();
    const t = at("2024-03-10T08:00:00Z");
    writer.capture(EP, settings({ destinationS3Uri: "s3://old/p" }), csvInvocation(t));
    writer.capture(EP, settings({ destinationS3Uri: "s3://new/p" }), csvInvocation(t));
    await writer.flush();
    assert.deepEqual(
      h.s3.puts.map((p) => p.bucket),
      ["old", "new"],
    );
  });

  it("background loop rolls an expired file and uploads it without a flush", async () => {
    let now = at("2024-03-10T08:00:00.000Z");
    let clockReads = 0;
    const writer = h.make({ now: () => (clockReads++, now), flushIntervalMs: 2, rollIntervalMs: 60_000 });
    writer.capture(EP, settings(), csvInvocation(now));
    now = at("2024-03-10T08:00:59.999Z");
    // Each background tick reads the clock: after several ticks inside the window, nothing rolled.
    const readsBefore = clockReads;
    await until(() => clockReads >= readsBefore + 5, 5000, "five background ticks");
    assert.equal(h.s3.puts.length, 0);
    assert.equal(writer.stats().pendingRecords, 1);
    now = at("2024-03-10T08:01:00.000Z");
    await until(() => h.s3.puts.length === 1, 5000, "the rolled file to be uploaded");
    assert.match(h.s3.puts[0].key, /\/08\/00-00-000-/);
    await until(() => writer.stats().pendingRecords === 0, 5000, "pending to drain");
  });

  it("reports an unusable destination as a capture error, once, and keeps serving", async () => {
    const events: string[] = [];
    const writer = h.make({ onEvent: (e) => events.push(e.type) });
    const bad = settings({ destinationS3Uri: "https://bucket.s3.amazonaws.com/x" });
    const t = at("2024-03-10T08:00:00Z");
    assert.equal(writer.capture(EP, bad, csvInvocation(t)), "error");
    assert.equal(writer.capture(EP, bad, csvInvocation(t)), "error");
    assert.equal(writer.capture(EP, settings(), { ...csvInvocation(t), time: new Date(NaN) }), "error");
    assert.equal(writer.capture(EP, settings(), csvInvocation(t)), "queued");
    assert.equal(writer.stats().captureErrors, 3);
    assert.deepEqual(events, ["capture-error", "capture-error"]); // the repeated one is not logged again
  });

  it("never throws for malformed input; counts it as an error", () => {
    const writer = h.make();
    const t = at("2024-03-10T08:00:00Z");
    assert.equal(writer.capture(null as any, settings(), csvInvocation(t)), "error");
    assert.equal(writer.capture(EP, null as any, csvInvocation(t)), "error");
    assert.equal(writer.capture(EP, settings(), {} as any), "error");
    assert.equal(writer.capture(EP, settings(), { ...csvInvocation(t), request: { body: "text" as any } }), "error");
    assert.equal(writer.stats().captureErrors, 4);
    assert.equal(writer.stats().pendingRecords, 0);
  });

  it("survives a throwing clock in the background loop and reports it", async () => {
    const events: string[] = [];
    let broken = true;
    const writer = h.make({
      flushIntervalMs: 1,
      now: () => {
        if (broken) throw new Error("clock");
        return at("2030-01-01T00:00:00Z");
      },
      onEvent: (e) => events.push(e.type),
    });
    writer.capture(EP, settings(), csvInvocation(at("2024-03-10T08:00:00Z")));
    await until(() => events.includes("internal-error"), 5000, "the loop to report the error");
    broken = false;
    await until(() => h.s3.puts.length === 1, 5000, "the loop to recover and upload");
  });
});
