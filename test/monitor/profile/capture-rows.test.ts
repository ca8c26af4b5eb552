import { strict as assert } from "node:assert";
import type { CaptureRecord } from "../../../src/capture";
import { captureRows } from "../../../src/monitor/profile/capture-rows";

function record(
  input: { data: string; encoding?: string; type?: string },
  output?: { data: string; encoding?: string; type?: string },
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
              observedContentType: output.type ?? "text/csv",
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

const pos = (...rows: Array<Array<string | null>>) => rows.map((positional) => ({ positional }));
const json = (data: string) => ({ data, encoding: "JSON", type: "application/json" });

describe("monitor/capture-rows (sagemakerCaptureJson rows)", () => {
  it("output first (START) or last (END); empty fields are missing", () => {
    const r = record({ data: "1,,3" }, { data: "0.9\n" });
    assert.deepEqual(captureRows(r).rows, pos(["0.9", "1", null, "3"]));
    assert.deepEqual(captureRows(r, "END").rows, pos(["1", null, "3", "0.9"]));
  });

  it("multi-line CSV: one row per line, paired with the output lines", () => {
    const r = record({ data: "1,2\r\n3,4\n" }, { data: "0.1\n0.2" });
    assert.deepEqual(captureRows(r).rows, pos(["0.1", "1", "2"], ["0.2", "3", "4"]));
  });

  it("JSON arrays, {features}, {instances} and {predictions} go by position, numbers as written", () => {
    const want = pos(["0.9", "1", "260.0", "x"]);
    assert.deepEqual(captureRows(record(json('[1, 260.0, "x"]'), json("0.9"))).rows, want);
    assert.deepEqual(
      captureRows(record(json('{"features": [1, 260.0, "x"]}'), json('{"predictions": [0.9]}'))).rows,
      want,
    );
    assert.deepEqual(
      captureRows(record(json('{"instances": [[1, 260.0, "x"], [2, 1e3, null]]}'), json("[0.9, 0.1]"))).rows,
      pos(["0.9", "1", "260.0", "x"], ["0.1", "2", "1e3", null]),
    );
    // JSON Lines: one instance per line.
    assert.deepEqual(captureRows(record(json('[1, 260.0, "x"]\n[2, 3.5, "y"]'), json("0.9\n0.1"))).rows, [
      ...want,
      ...pos(["0.1", "2", "3.5", "y"]),
    ]);
  });

  it("JSON objects go by name (flattened a.b); unnamed outputs take the baseline's first or last names", () => {
    const r = record(json('{"a": 1, "b": {"c": 260.0}, "s": true}'), json("0.9"));
    const names = ["label", "a", "b.c", "s"];
    assert.deepEqual(captureRows(r, { featureNames: names }).rows, [
      {
        named: [
          ["a", "1"],
          ["b.c", "260.0"],
          ["s", "true"],
          ["label", "0.9"],
        ],
      },
    ]);
    assert.deepEqual(captureRows(r, { position: "END", featureNames: ["a", "b.c", "s", "label"] }).rows[0]!.named![3], [
      "label",
      "0.9",
    ]);
  });

  it("BASE64 text is decoded and read by its content type; binary payloads and nested documents are problems naming a preprocessor", () => {
    const b64 = Buffer.from("5,6").toString("base64");
    assert.deepEqual(captureRows(record({ data: b64, encoding: "BASE64" }, { data: "1" })).rows, pos(["1", "5", "6"]));
    const b64json = Buffer.from("[5, 6.0]").toString("base64");
    assert.deepEqual(
      captureRows(record({ data: b64json, encoding: "BASE64", type: "application/json" }, { data: "1" })).rows,
      pos(["1", "5", "6.0"]),
    );
    const bin = captureRows(
      record(
        { data: Buffer.from([0xff, 0xfe, 0x00]).toString("base64"), encoding: "BASE64", type: "image/jpeg" },
        { data: "1" },
      ),
    );
    assert.deepEqual(bin.rows, []);
    assert.deepEqual(bin.problems, [
      {
        field: "captureData.endpointInput.data",
        message:
          "binary payload (image/jpeg, 3 bytes); Model Monitor reads CSV or flat JSON; use a record preprocessor to turn such payloads into features",
      },
    ]);
    const nested = captureRows(record(json("[[1, 2], 3]"), json("0.5")));
    assert.deepEqual(nested.rows, pos(["0.5", "[1,2]", "3"]));
    assert.match(nested.problems[0]!.message, /^value 1 is a nested JSON document; .*record preprocessor/);
  });

  it("a missing output, bad JSON or mismatched instance counts are reported", () => {
    const noOut = captureRows(record({ data: "1,2" }));
    assert.deepEqual(noOut.rows, pos(["1", "2"]));
    assert.deepEqual(noOut.problems, [{ field: "captureData.endpointOutput", message: "missing" }]);
    const mismatch = captureRows(record({ data: "1\n2" }, { data: "0.5" }));
    assert.deepEqual(mismatch.rows, pos(["0.5", "1"], ["2"]));
    assert.equal(mismatch.problems[0]!.message, "1 output instance(s) for 2 input instance(s)");
    const bad = captureRows(record(json("[1, 2"), json("0.5")));
    assert.deepEqual(bad.rows, []);
    assert.equal(bad.problems[0]!.field, "captureData.endpointInput.data");
    assert.match(bad.problems[0]!.message, /^not valid JSON/);
  });
});
