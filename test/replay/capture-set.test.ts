import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { buildCaptureRecord, parseCaptureKey } from "../../src/capture";
import { readCaptureRecords } from "../../src/read/records";
import { candidateCaptureRecord, writeCandidateCaptures } from "../../src/replay/capture-set";

const original = buildCaptureRecord({
  input: { contentType: "text/csv", body: Buffer.from("1,2,3"), encoding: "CSV" },
  output: { contentType: "text/csv; charset=utf-8", body: Buffer.from("0.25"), encoding: "CSV" },
  eventId: "0b0c5a4e-1111-4a2b-8c3d-222233334444",
  inferenceId: "row-7",
  inferenceTime: new Date("2024-01-19T19:59:59Z"),
  customAttributes: "a=1",
});

describe("replay/capture-set", () => {
  it("a candidate's answer keeps the captured input, inferenceId, time and attributes, with a new eventId", () => {
    const r = candidateCaptureRecord({
      record: original,
      source: "x",
      body: Buffer.from("0.75"),
      contentType: "text/csv; charset=utf-8",
    });
    assert.deepEqual(r.captureData.endpointInput, original.captureData.endpointInput);
    assert.deepEqual(r.captureData.endpointOutput, {
      observedContentType: "text/csv; charset=utf-8",
      mode: "OUTPUT",
      data: "0.75",
      encoding: "CSV",
    });
    assert.equal(r.eventMetadata.inferenceId, "row-7");
    assert.equal(r.eventMetadata.inferenceTime, "2024-01-19T19:59:59Z");
    assert.deepEqual(r.eventMetadata.customAttributes, ["a=1"]);
    assert.notEqual(r.eventMetadata.eventId, original.eventMetadata.eventId);
    const json = candidateCaptureRecord({
      record: original,
      source: "x",
      body: Buffer.from("{}"),
      contentType: "application/json",
    });
    assert.equal(json.captureData.endpointOutput!.encoding, "JSON");
    const bin = candidateCaptureRecord({
      record: original,
      source: "x",
      body: Buffer.from([0xff]),
      contentType: "application/x-npy",
    });
    assert.equal(bin.captureData.endpointOutput!.encoding, "BASE64");
  });

  it("writes one file per captured file, in the layout, at the captured file's start time", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "capture-lab-replay-set-"));
    try {
      const source =
        "/data/datacapture/ep/AllTraffic/2024/01/19/19/59-58-123-0b0c5a4e-1111-4a2b-8c3d-222233334444.jsonl";
      const files = writeCandidateCaptures(dir, "cand", "AllTraffic", [
        { record: original, source, body: Buffer.from("0.5"), contentType: "text/csv" },
        { record: original, source, body: Buffer.from("0.6"), contentType: "text/csv" },
        { record: original, source: "other.jsonl", body: Buffer.from("0.7"), contentType: "text/csv" },
      ]);
      assert.equal(files.length, 2);
      const key = parseCaptureKey(path.relative(dir, files[0]!).split(path.sep).join("/"))!;
      assert.equal(key.endpointName, "cand");
      assert.equal(key.start.toISOString(), "2024-01-19T19:59:58.123Z");
      const outputs: string[] = [];
      for await (const r of readCaptureRecords(dir)) outputs.push(r.record.captureData.endpointOutput!.data);
      assert.deepEqual(outputs.sort(), ["0.5", "0.6", "0.7"]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
