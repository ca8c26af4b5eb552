/**
 * recordValues: a record's rows as value texts, the same rows and values loadCaptures builds
 * for the record (checked against the loader for every payload shape).
 */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import { parseCaptureLine } from "../../src/capture";
import { loadCaptures } from "../../src/read";
import { recordValues, type SideValues } from "../../src/read/record-values";
import { captureLine, tempDir, writeFile, type SideSpec } from "./helpers";

const json = (data: string, type = "application/json"): SideSpec => ({ data, type, encoding: "JSON" });
const b64 = (text: string, type: string): SideSpec => ({
  data: Buffer.from(text).toString("base64"),
  type,
  encoding: "BASE64",
});

/** Records of every shape the loader tabulates. */
const SHAPES: Array<{ input: SideSpec; output: SideSpec }> = [
  { input: { data: "1,2.50,x" }, output: { data: "0.9\n" } },
  { input: { data: '1,"a,b", ,4\r\n5,"c""d",,8\n' }, output: { data: "0.1\n0.2" } },
  { input: json("[1, 260.0, 3]"), output: json("[0.25, 0.75]") },
  { input: json('{"instances": [[1, 2.0], [3, 4e2]]}'), output: json('{"predictions": [0.5, 0.6]}') },
  { input: json('{"features": [1, 2.5], "id": "q"}'), output: json('{"predictions": [{"score": 0.5, "label": 1}]}') },
  { input: json('{"a": 1, "b": {"c": 2.0, "d": [3, 4]}, "s": "t", "n": null}'), output: json('{"score": 0.25}') },
  { input: json('{"a": 1}\n{"a": 2.0}', "application/jsonlines"), output: json('{"p": 1}\n{"p": 2}') },
  { input: json("[[1, 2], [3, 4]]"), output: json("[0.1, 0.2]") },
  { input: b64("7,8.0", "text/csv"), output: b64('{"p": 0.5}', "application/json") },
  { input: json('{"instances": [1.0, 2]}'), output: json("[1, 0]") },
];

function expectedColumns(row: SideValues | undefined, which: "input" | "output"): Map<string, string | null> {
  const out = new Map<string, string | null>();
  const pos = row?.positional ?? [];
  pos.forEach((v, i) => out.set(which === "input" ? `f${i}` : pos.length === 1 ? "prediction" : `prediction_${i}`, v));
  for (const [k, v] of row?.named ?? []) out.set(k, v);
  return out;
}

describe("read/record-values (one reading of a record)", () => {
  let dir: string;
  beforeEach(() => (dir = tempDir("record-values")));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  SHAPES.forEach((shape, n) => {
    it(`gives loadCaptures's rows and values: ${shape.input.data.slice(0, 40).replace(/\n/g, "\\n")}`, async () => {
      const line = captureLine({ ...shape, eventId: `e${n}` });
      const file = writeFile(dir, "c.jsonl", line + "\n");
      const { frame } = await loadCaptures(file, { timeAs: "ms" });
      const got = recordValues(parseCaptureLine(line));
      assert.equal(got.rows.length, frame.shape[0], "rows");
      const columns = frame.columns as string[];
      const values = frame.values as unknown[][];
      got.rows.forEach((row, r) => {
        const want = new Map([...expectedColumns(row.input, "input"), ...expectedColumns(row.output, "output")]);
        for (const [name, text] of want) {
          const c = columns.indexOf(name);
          assert.ok(c >= 0, `column ${name} in ${columns.join(",")}`);
          const v = values[r]![c];
          if (text === null) assert.ok(v === null || v === undefined || Number.isNaN(v), `${name}: ${String(v)}`);
          else if (typeof v === "number") assert.equal(v, Number(text), `${name}: ${text}`);
          else assert.equal(v, text, name);
        }
        // And nothing the loader has is left out.
        const payload = columns.filter(
          (c) => !["eventId", "inferenceId", "inferenceTime", "instanceIndex"].includes(c),
        );
        assert.deepEqual(
          payload.filter((c) => !want.has(c)),
          [],
          "columns only the loader has",
        );
      });
    });
  });

  it("numbers keep their text: JSON 260.0 is the text 260.0, as the CSV field is", () => {
    const a = recordValues(parseCaptureLine(captureLine({ input: json("[260.0, 3]"), output: json("1.0") })));
    const b = recordValues(parseCaptureLine(captureLine({ input: { data: "260.0,3" }, output: { data: "1.0" } })));
    assert.deepEqual(a.rows, b.rows);
    assert.deepEqual(a.rows, [{ input: { positional: ["260.0", "3"] }, output: { positional: ["1.0"] } }]);
  });

  it("a record without readable input gives no rows; the problem names the field", () => {
    const r = recordValues(parseCaptureLine(captureLine({ input: json("{"), output: { data: "1" } })));
    assert.deepEqual(r.rows, []);
    assert.equal(r.problems[0]!.field, "captureData.endpointInput.data");
    const enc = recordValues(parseCaptureLine(captureLine({ input: { data: "1", encoding: "UTF-16" } })));
    assert.deepEqual(enc.rows, []);
    assert.deepEqual(
      enc.problems.map((p) => p.field),
      ["captureData.endpointOutput", "captureData.endpointInput.encoding"],
    );
  });
});
