import { strict as assert } from "node:assert";
import { buildCaptureRecord } from "../../src/capture";
import { comparisonRow } from "../../src/replay/comparison";
import { comparisonFrame } from "../../src/replay/comparison-frame";

describe("replay/comparisonFrame", function () {
  this.timeout(20_000); // danfojs loads TensorFlow.js on first use

  it("one row per request; inference ids stay text even when the first ones look like numbers", () => {
    const row = (id: string, out: string, answer?: string) =>
      comparisonRow({
        record: buildCaptureRecord({
          input: { contentType: "text/csv", body: Buffer.from("1,2"), encoding: "CSV" },
          output: { contentType: "text/csv", body: Buffer.from(out), encoding: "CSV" },
          eventId: "00000000-0000-4000-8000-000000000000",
          inferenceId: id,
          inferenceTime: new Date(0),
        }),
        source: "f.jsonl",
        line: 1,
        ...(answer !== undefined ? { body: Buffer.from(answer), contentType: "text/csv" } : { error: "ModelError: x" }),
      });
    const rows = [row("0", "0.25", "0.5"), ...Array.from({ length: 199 }, (_, i) => row(String(i + 1), "0.5", "0.5"))];
    const frame = comparisonFrame([...rows, row("shifted-0", "0.75")]);
    assert.deepEqual(frame.shape, [201, 13]);
    const ids = frame.column("inferenceId").values;
    assert.deepEqual([ids[0], ids[1], ids[200]], ["0", "1", "shifted-0"]);
    assert.equal(frame.column("inferenceId").dtype, "string");
    assert.deepEqual(frame.column("diff").values.slice(0, 2), [0.25, 0]);
    assert.ok(Number.isNaN(frame.column("diff").values[200] as number));
    assert.equal(frame.column("error").values[200], "ModelError: x");
  });
});
