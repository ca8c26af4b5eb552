/** The CSV hot path gives the profiles the general path (captureRows + FeatureProfiler.add) gives. */
import { strict as assert } from "node:assert";
import type { CaptureRecord } from "../../../src/capture";
import { captureRows } from "../../../src/monitor/profile/capture-rows";
import { profileCsvInPlace } from "../../../src/monitor/profile/csv-in-place";
import { FeatureProfiler } from "../../../src/monitor/profile/feature-profiler";

function record(input: string, output: string): CaptureRecord {
  const side = (mode: "INPUT" | "OUTPUT", data: string) => ({
    observedContentType: "text/csv",
    mode,
    data,
    encoding: "CSV",
  });
  return {
    captureData: { endpointInput: side("INPUT", input), endpointOutput: side("OUTPUT", output) },
    eventMetadata: { eventId: "e", inferenceTime: "2024-01-01T00:00:00Z" },
    eventVersion: "0",
  };
}

const numeric = [true, true, true, false];
const profilers = () => numeric.map((n, i) => new FeatureProfiler(`_c${i}`, { maxDistinct: n ? 0 : 100 }));

describe("monitor/csv-in-place (the CSV hot path)", () => {
  it("profiles what captureRows gives: blank fields missing, spaces, signs, non-numbers, long numbers", () => {
    const inputs = ["12,3.50,x", " ,4,y", "-7, 2.0,", "+ 5,abc,z", "1234567890123456789,1.,w", "0,.5,\t"];
    const fast = profilers();
    const slow = profilers();
    const bad: string[] = [];
    for (const [i, input] of inputs.entries()) {
      const r = record(input, i % 2 ? "0.25\n" : "1\r\n");
      assert.ok(
        profileCsvInPlace(r, "START", fast, numeric, (c, v) => bad.push(`${c}:${v}`)),
        input,
      );
      for (const row of captureRows(r).rows) row.positional!.forEach((v, c) => slow[c]!.add(v));
    }
    assert.deepEqual(
      fast.map((p) => p.statistics()),
      slow.map((p) => p.statistics()),
    );
    assert.deepEqual(bad, ["2:abc"]);
  });

  it("leaves quoted, multi-line and other-width records to the general path, untouched", () => {
    for (const [input, output] of [
      ['1,"2",x', "1"],
      ["1,2,x\n3,4,y", "1\n0"],
      ["1,2", "1"],
      ["1,2,x", "1,2"],
      ["1,2,x\n\n", "1"],
      ["1,2\n,x", "1"],
      ["1,2,x", "1,2,3,4"],
      ["", "1,2,3,4"],
    ] as const) {
      const p = profilers();
      assert.equal(
        profileCsvInPlace(record(input, output), "START", p, numeric, () => {}),
        false,
        input,
      );
      assert.ok(p.every((x) => x.total === 0));
    }
  });
});
