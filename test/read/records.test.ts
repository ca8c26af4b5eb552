import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import { captureRecordBatches, type SourcedRecord } from "../../src/read/records";
import { captureLine, tempDir, writeFile } from "./helpers";

describe("read/records: captureRecordBatches with onRecord", () => {
  let dir: string;
  beforeEach(() => (dir = tempDir("records")));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const lines = (n: number) =>
    Array.from({ length: n }, (_, i) => captureLine({ input: { data: `${i}` }, eventId: `e${i}` })).join("\n") + "\n";

  it("hands every record to onRecord in order, with empty batches", async () => {
    const file = writeFile(dir, "a.jsonl", lines(5));
    const seen: SourcedRecord[] = [];
    for await (const batch of captureRecordBatches(file, {}, undefined, (r) => seen.push(r)))
      assert.equal(batch.length, 0);
    assert.deepEqual(
      seen.map((r) => [r.record.eventMetadata.eventId, r.line]),
      [0, 1, 2, 3, 4].map((i) => [`e${i}`, i + 1]),
    );
  });

  it("lets an error of onRecord through unchanged, in skip mode too (it is no read error)", async () => {
    const file = writeFile(dir, "a.jsonl", lines(3));
    const boom = new TypeError("consumer bug");
    const read = async () => {
      for await (const _ of captureRecordBatches(file, { onError: "skip" }, undefined, () => {
        throw boom;
      }));
    };
    await assert.rejects(read, (err) => err === boom);
  });
});
