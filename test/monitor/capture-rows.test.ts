import { strict as assert } from "node:assert";
import type { CaptureRecord } from "../../src/capture";
import { captureRows } from "../../src/monitor/capture-rows";

function record(
  input: { data: string; encoding?: string; type?: string },
  output?: { data: string; encoding?: string },
): CaptureRecord {
  return {
    captureData: {
      endpointInput: {
        observedContentType: input.type ?? "text/csv",
        mode: "INPUT",
        data: input.data,
        encoding: input.encoding ?? "CSV",
      },
      ...(output
        ? {
            endpointOutput: {
              observedContentType: "text/csv",
              mode: "OUTPUT" as const,
              data: output.data,
              encoding: output.encoding ?? "CSV",
            },
          }
        : {}),
    },
    eventMetadata: { eventId: "e", inferenceTime: "2024-01-01T00:00:00Z" },
    eventVersion: "0",
  };
}

describe("monitor/capture-rows (sagemakerCaptureJson rows)", () => {
  it("output first (START) or last (END); empty fields are missing", () => {
    const r = record({ data: "1,,3" }, { data: "0.9\n" });
    assert.deepEqual(captureRows(r).rows, [["0.9", "1", null, "3"]]);
    assert.deepEqual(captureRows(r, "END").rows, [["1", null, "3", "0.9"]]);
  });

  it("multi-line CSV: one row per line, paired with the output lines", () => {
    const r = record({ data: "1,2\r\n3,4\n" }, { data: "0.1\n0.2" });
    assert.deepEqual(captureRows(r).rows, [
      ["0.1", "1", "2"],
      ["0.2", "3", "4"],
    ]);
  });

  it("BASE64 CSV is decoded; JSON and binary payloads are problems, not rows", () => {
    const b64 = Buffer.from("5,6").toString("base64");
    assert.deepEqual(captureRows(record({ data: b64, encoding: "BASE64" }, { data: "1" })).rows, [["1", "5", "6"]]);
    const json = captureRows(record({ data: '{"a":1}', encoding: "JSON", type: "application/json" }, { data: "1" }));
    assert.deepEqual(json.rows, []);
    assert.deepEqual(json.problems, [
      { field: "captureData.endpointInput.encoding", message: "JSON payload (application/json); CSV expected" },
    ]);
    const bin = captureRows(
      record({ data: Buffer.from([0xff, 0xfe, 0x00]).toString("base64"), encoding: "BASE64" }, { data: "1" }),
    );
    assert.equal(bin.problems[0]!.message, "binary payload; CSV expected");
  });

  it("a missing output or mismatched line counts are reported", () => {
    const noOut = captureRows(record({ data: "1,2" }));
    assert.deepEqual(noOut.rows, [["1", "2"]]);
    assert.deepEqual(noOut.problems, [{ field: "captureData.endpointOutput", message: "missing" }]);
    const mismatch = captureRows(record({ data: "1\n2" }, { data: "0.5" }));
    assert.deepEqual(mismatch.rows, [["0.5", "1"], ["2"]]);
    assert.equal(mismatch.problems[0]!.message, "1 output lines for 2 input lines");
  });
});
