/** loadCaptures: columns, typing, multi-row payloads, JSON flattening, projection, names. */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { loadCaptures } from "../../src/read";
import { captureLine, column, tempDir, writeFile } from "./helpers";

const FIX = path.resolve(__dirname, "../fixtures/read");
const CSV_ROWS = path.join(FIX, "csv-rows.jsonl");
const SHAPES = path.join(FIX, "shapes.jsonl");

describe("read/loadCaptures", () => {
  let dir: string;
  beforeEach(() => (dir = tempDir("load")));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("splits multi-row CSV into one row per instance with typed feature and output columns", async () => {
    const { frame, report } = await loadCaptures(CSV_ROWS, { maxRecords: 3 });
    assert.deepEqual(frame.columns, [
      "eventId",
      "inferenceId",
      "inferenceTime",
      "instanceIndex",
      "f0",
      "f1",
      "f2",
      "prediction",
    ]);
    assert.deepEqual(frame.dtypes, [
      "string",
      "string",
      "datetime",
      "int32",
      "float32",
      "float32",
      "string",
      "float32",
    ]);
    assert.deepEqual(column(frame, "eventId"), ["c1", "c2", "c2", "c3", "c3"]);
    assert.deepEqual(column(frame, "inferenceId"), ["0", "1", "1", "2", "2"]);
    assert.deepEqual(column(frame, "instanceIndex"), [0, 0, 1, 0, 1]);
    assert.deepEqual(column(frame, "f0"), [10, 20, 30, 40, 50]);
    assert.deepEqual(column(frame, "f1"), [1.5, 2.5, NaN, 4.5, 5.5]); // empty field: NaN
    assert.deepEqual(column(frame, "f2"), ["x", "y", "z", "w", "v"]);
    assert.deepEqual(column(frame, "prediction"), [0.1, 0.2, 0.3, 0.4, NaN]);
    const times = column(frame, "inferenceTime") as Date[];
    assert.ok(times[0] instanceof Date);
    assert.equal(times[1].toISOString(), "2022-04-18T00:21:49.000Z");
    assert.equal(report.rows, 5);
    assert.equal(report.recordsRead, 3);
    // c3 has 2 input rows and 1 output: kept as 2 rows, reported.
    assert.equal(report.mismatches.length, 1);
    assert.deepEqual(
      [report.mismatches[0].eventId, report.mismatches[0].kind, report.mismatches[0].line],
      ["c3", "instances", 3],
    );
    assert.match(report.mismatches[0].message, /csv-rows\.jsonl:3: 2 input instance\(s\) but 1 output/);
  });

  it("gives the same frame for AWS's plain line layout (regular-expression path) and the same records spaced out (JSON.parse)", async () => {
    const lines = [
      captureLine({
        input: { data: "1,2.5,-3.25,x-long-text-value-13+" },
        output: { data: "0.12114864587783813\n" },
        inferenceId: "7",
      }),
      captureLine({
        input: { data: "0,65535.5,298.3,y\n4,5,6,z" },
        output: { data: "0.5" },
        eventId: "e-2-long-id-0000000000",
      }),
      captureLine({ input: { data: "9,,1e3,", type: null }, output: { data: "yes", type: null } }),
      captureLine({ input: { data: "raw-data-of-an-unknown-encoding", encoding: "XYZ" }, output: { data: "1" } }),
    ];
    const plain = writeFile(dir, "plain.jsonl", lines.join("\n") + "\n");
    const spaced = writeFile(dir, "spaced.jsonl", lines.map((l) => l.replace(/":/g, '": ')).join("\n") + "\n");
    const a = await loadCaptures(plain);
    const b = await loadCaptures(spaced);
    assert.deepEqual(a.frame.columns, b.frame.columns);
    assert.deepEqual(a.frame.dtypes, b.frame.dtypes);
    for (const c of a.frame.columns) assert.deepEqual(column(a.frame, c), column(b.frame, c), c);
    assert.deepEqual(column(a.frame, "f1"), [2.5, 65535.5, 5, NaN, NaN]);
    assert.deepEqual(column(a.frame, "f3"), ["x-long-text-value-13+", "y", "z", null, null]);
    assert.deepEqual(
      a.report.warnings.map((w) => w.line),
      b.report.warnings.map((w) => w.line),
    );
  });

  it("parses quoted CSV fields with csv-parse and names several output values prediction_0..", async () => {
    const { frame } = await loadCaptures(CSV_ROWS);
    assert.deepEqual(column(frame, "f1").slice(-1), ["6,5"]);
    assert.deepEqual(column(frame, "f1").slice(0, 2), ["1.5", "2.5"]); // the column became text: numbers kept as their text
    assert.deepEqual(frame.columns.slice(-3), ["prediction", "prediction_0", "prediction_1"]);
    assert.deepEqual(column(frame, "prediction_1").slice(-1), ["yes"]);
    assert.deepEqual(column(frame, "prediction_0").slice(-1), [0.6]);
  });

  it("flattens the JSON payload shapes real endpoints send (E2-E5)", async () => {
    const { frame, report } = await loadCaptures(SHAPES);
    assert.deepEqual(report.mismatches, []);
    const rows = (frame.values as unknown[][]).map((r) =>
      Object.fromEntries(frame.columns.map((c: string, i: number) => [c, r[i]])),
    );
    const pick = (id: string) => rows.filter((r) => r.eventId === id);
    // E2: instances of {"features": [...]} -> f0..; predictions objects -> score, predicted_label
    assert.deepEqual(
      pick("e2").map((r) => [r.instanceIndex, r.f0, r.f2, r.score, r.predicted_label]),
      [
        [0, 28, 133937, 0.9899773597717285, 1],
        [1, 43, 72338, 0.5041388273239136, 0],
      ],
    );
    // E3: JSON Lines bodies, one instance per document
    assert.deepEqual(
      pick("e3").map((r) => [r.f0, r.f1, r.f2, r.predicted_label, r.score]),
      [
        [1, 2, 3, 1, 0.25],
        [4, 5, 6, 0, 0.75],
      ],
    );
    // E4: scalar instances and pretty-printed predictions
    assert.deepEqual(
      pick("e4").map((r) => [r.instanceIndex, r.f0, r.prediction]),
      [
        [0, 1, 3.5],
        [1, 2, 4],
        [2, 5, 5.5],
      ],
    );
    // E5: CSV in, JSON out
    assert.deepEqual(
      pick("e5").map((r) => [r.f0, r.f2, r.score, r.predicted_label]),
      [[0.5629733055182888, 0.5824503894753207, 0.012620825320482254, 0]],
    );
    // nested objects and arrays inside predictions
    assert.deepEqual(
      pick("e6").map((r) => [r.f0, r.f1, r.f2, r["label.name"], r["label.id"], r["probs.0"], r["probs.1"]]),
      [[7, 8, 9, "yes", 1, 0.1, 0.9]],
    );
    assert.equal(frame.dtypes[frame.columns.indexOf("label.name")], "string");
  });

  it("loads input-only and output-only captures", async () => {
    const file = writeFile(
      dir,
      "partial.jsonl",
      [
        captureLine({ eventId: "in", input: { data: "1,2" } }),
        captureLine({ eventId: "out", output: { data: "0.5" } }),
      ].join("\n") + "\n",
    );
    const { frame } = await loadCaptures(file);
    assert.deepEqual(frame.columns, [
      "eventId",
      "inferenceId",
      "inferenceTime",
      "instanceIndex",
      "f0",
      "f1",
      "prediction",
    ]);
    assert.deepEqual(
      (frame.values as unknown[][]).map((r) => r.slice(4)),
      [
        [1, 2, NaN],
        [NaN, NaN, 0.5],
      ],
    );
    assert.deepEqual(column(frame, "inferenceId"), [null, null]);
  });

  it("decodes BASE64 text by content type and keeps binary as a byte length with a note", async () => {
    const b64 = (s: string | Buffer) => Buffer.from(s).toString("base64");
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0xff, 0xfe]);
    const file = writeFile(
      dir,
      "b64.jsonl",
      [
        captureLine({
          eventId: "csv",
          input: { type: "text/csv", data: b64("3,4"), encoding: "BASE64" },
          output: { type: "application/json", data: b64('{"predictions":[0.7]}'), encoding: "BASE64" },
        }),
        captureLine({
          eventId: "untyped",
          input: { type: "application/octet-stream", data: b64("5,6"), encoding: "" },
        }), // no encoding: BASE64
        captureLine({
          eventId: "img",
          input: { type: "image/png", data: b64(png), encoding: "BASE64" },
          output: { type: "application/json", data: "[0.1, 0.9]", encoding: "JSON" },
        }),
      ].join("\n") + "\n",
    );
    const { frame, report } = await loadCaptures(file);
    assert.deepEqual(frame.columns, [
      "eventId",
      "inferenceId",
      "inferenceTime",
      "instanceIndex",
      "f0",
      "f1",
      "prediction",
      "prediction_0",
      "prediction_1",
      "inputBytes",
    ]);
    assert.deepEqual(column(frame, "f0"), [3, 5, NaN]);
    assert.deepEqual(column(frame, "prediction"), [0.7, NaN, NaN]);
    assert.deepEqual(column(frame, "prediction_1"), [NaN, NaN, 0.9]); // a bare array of scores for one instance
    assert.deepEqual(column(frame, "inputBytes"), [NaN, NaN, png.length]);
    assert.equal(report.notes.length, 1);
    assert.match(report.notes[0], /1 input payload\(s\) were binary .* inputBytes/);
  });

  it("builds only the projected columns, in the requested order, and notes unknown names", async () => {
    const { frame, report } = await loadCaptures(CSV_ROWS, {
      maxRecords: 3,
      columns: ["prediction", "f1", "eventId", "nope"],
    });
    assert.deepEqual(frame.columns, ["prediction", "f1", "eventId"]);
    assert.deepEqual(frame.values, [
      [0.1, 1.5, "c1"],
      [0.2, 2.5, "c2"],
      [0.3, NaN, "c2"],
      [0.4, 4.5, "c3"],
      [NaN, 5.5, "c3"],
    ]);
    assert.deepEqual(report.notes, ["requested column(s) not in the data: nope"]);
  });

  it("names features from featureNames, the inference CSV header or a header file", async () => {
    const a = await loadCaptures(CSV_ROWS, { maxRecords: 1, featureNames: ["age", "balance", "plan"] });
    assert.deepEqual(a.frame.columns.slice(4, 7), ["age", "balance", "plan"]);
    assert.deepEqual(a.inputColumns, ["age", "balance", "plan"]);
    assert.deepEqual(a.outputColumns, ["prediction"]);
    const b = await loadCaptures(CSV_ROWS, { maxRecords: 1, inferenceCsv: path.join(FIX, "inference-header.csv") });
    assert.deepEqual(b.frame.columns.slice(4, 7), ["age", "balance", "plan"]);
    const c = await loadCaptures(CSV_ROWS, { maxRecords: 1, inferenceCsv: path.join(FIX, "inference.csv") });
    assert.deepEqual(c.frame.columns.slice(4, 7), ["f0", "f1", "f2"]);
    assert.match(c.report.notes[0], /has no header row/);
    const d = await loadCaptures(CSV_ROWS, { maxRecords: 1, headerCsv: path.join(FIX, "inference.csv") }); // forced: first row is the header
    assert.deepEqual(d.frame.columns.slice(4, 7), ["10", "1.5", "x"]);
    // fewer names than fields: the rest are f<i>; a row of unexpected width is reported
    const e = await loadCaptures(CSV_ROWS, { maxRecords: 1, featureNames: ["age"] });
    assert.deepEqual(e.frame.columns.slice(4, 7), ["age", "f1", "f2"]);
    assert.equal(e.report.mismatches[0].kind, "fields");
  });

  it("offers inferenceTime as Date (datetime), ISO text or epoch ms", async () => {
    const iso = await loadCaptures(CSV_ROWS, { maxRecords: 1, timeAs: "iso" });
    assert.deepEqual([column(iso.frame, "inferenceTime"), iso.frame.dtypes[2]], [["2022-04-18T00:21:48Z"], "string"]);
    const ms = await loadCaptures(CSV_ROWS, { maxRecords: 1, timeAs: "ms" });
    assert.deepEqual(column(ms.frame, "inferenceTime"), [Date.UTC(2022, 3, 18, 0, 21, 48)]);
    // a danfojs operation works on the frame
    assert.equal((ms.frame as any)["f0"].mean(), 10);
  });

  it("a low-memory frame (used above 2e6 cells) supports the usual danfojs operations", async () => {
    const { frame } = await loadCaptures(CSV_ROWS, { maxRecords: 3, memoryMode: "low" });
    assert.equal(frame.config.isLowMemoryMode, true);
    assert.equal((frame as any)["f0"].mean(), 30);
    assert.deepEqual((frame.sortValues("f0", { ascending: false }) as any)["f0"].values, [50, 40, 30, 20, 10]);
    assert.deepEqual(frame.selectDtypes(["float32", "int32"]).describe().shape, [7, 4]);
    assert.deepEqual(frame.loc({ columns: ["f0", "prediction"] }).values[4], [50, NaN]);
  });

  it("returns an empty frame with the metadata columns for an empty source", async () => {
    const file = writeFile(dir, "empty.jsonl", "");
    const { frame, report } = await loadCaptures(file);
    assert.deepEqual(frame.shape, [0, 4]);
    assert.equal(report.rows, 0);
  });
  it("renames inputs named like metadata (input.<name>) and outputs named like an input (output.<name>), projection or not", async () => {
    const json = (data: string) => ({ type: "application/json", data, encoding: "JSON" });
    const file = writeFile(
      dir,
      "clash.jsonl",
      [
        captureLine({
          eventId: "e1",
          input: json(`{"eventId": 5, "a": 1, "output.a": 7}`),
          output: json(`{"a": 0.5, "instanceIndex": 9}`),
        }),
        captureLine({
          eventId: "e2",
          input: json(`{"eventId": 6, "a": 2, "output.a": 8}`),
          output: json(`{"a": 0.25, "instanceIndex": 8}`),
        }),
      ].join("\n") + "\n",
    );
    const all = await loadCaptures(file);
    assert.deepEqual(all.frame.columns, [
      "eventId",
      "inferenceId",
      "inferenceTime",
      "instanceIndex",
      "input.eventId",
      "a",
      "output.a",
      "output.output.a",
      "output.instanceIndex",
    ]);
    assert.deepEqual(column(all.frame, "eventId"), ["e1", "e2"]);
    assert.deepEqual(column(all.frame, "input.eventId"), [5, 6]);
    assert.deepEqual(column(all.frame, "output.a"), [7, 8]); // an input really named output.a keeps its name
    assert.deepEqual(column(all.frame, "output.output.a"), [0.5, 0.25]);
    assert.deepEqual(column(all.frame, "instanceIndex"), [0, 0]);
    assert.deepEqual(column(all.frame, "output.instanceIndex"), [9, 8]);
    assert.deepEqual(all.inputColumns, ["input.eventId", "a", "output.a"]);
    assert.deepEqual(all.outputColumns, ["output.output.a", "output.instanceIndex"]);
    // The same names with a projection that leaves the clashing columns out.
    const some = await loadCaptures(file, { columns: ["output.output.a", "input.eventId", "nope"] });
    assert.deepEqual(some.frame.columns, ["output.output.a", "input.eventId"]);
    assert.deepEqual(some.frame.values, [
      [0.5, 5],
      [0.25, 6],
    ]);
    assert.deepEqual(some.inputColumns, ["input.eventId"]);
    assert.deepEqual(some.outputColumns, ["output.output.a"]);
    assert.deepEqual(some.report.notes, ["requested column(s) not in the data: nope"]);
  });

  it("names a feature like a metadata column input.<name> (CSV with featureNames)", async () => {
    const file = writeFile(
      dir,
      "feat.jsonl",
      captureLine({ eventId: "e1", input: { data: "1,2" }, output: { data: "0.5" } }) + "\n",
    );
    const { frame, inputColumns } = await loadCaptures(file, { featureNames: ["inferenceTime", "b"] });
    assert.deepEqual(frame.columns.slice(4), ["input.inferenceTime", "b", "prediction"]);
    assert.deepEqual(column(frame, "input.inferenceTime"), [1]);
    assert.deepEqual(inputColumns, ["input.inferenceTime", "b"]);
    const projected = await loadCaptures(file, {
      featureNames: ["inferenceTime", "b"],
      columns: ["input.inferenceTime"],
    });
    assert.deepEqual(projected.frame.values, [[1]]);
  });
});
