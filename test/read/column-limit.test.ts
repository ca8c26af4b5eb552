/** The bound on a loaded frame's width: a record that would pass it is refused with its location, never aborts Node. */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import { CaptureReadError, DEFAULT_MAX_COLUMNS, FrameSizeError, loadCaptures } from "../../src/read";
import { captureLine, column, tempDir, writeFile } from "./helpers";

const good = (id: string, data = "1,2") => captureLine({ eventId: id, input: { data }, output: { data: "0.5" } });

/** A record whose JSON Lines input has `n` lines, each with its own key. */
function distinctKeys(id: string, n: number): string {
  const data = Array.from({ length: n }, (_, i) => JSON.stringify({ [`k${i}`]: i })).join("\n");
  return captureLine({
    eventId: id,
    input: { type: "application/jsonlines", data, encoding: "JSON" },
    output: { data: "0.5" },
  });
}

describe("read/column-limit", () => {
  let dir: string;
  beforeEach(() => (dir = tempDir("width")));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("a record with 20,000 distinct JSON keys is reported with file, line and the bound; the others load unchanged", async () => {
    const file = writeFile(
      dir,
      "keys.jsonl",
      [good("a", "1,2"), distinctKeys("wide", 20_000), good("b", "3,4")].join("\n") + "\n",
    );
    const { frame, report } = await loadCaptures(file, { onError: "skip" });
    assert.deepEqual(column(frame, "eventId"), ["a", "b"]);
    // Nothing of the refused record stays: no rows, no columns.
    assert.deepEqual(frame.columns, [
      "eventId",
      "inferenceId",
      "inferenceTime",
      "instanceIndex",
      "f0",
      "f1",
      "prediction",
    ]);
    assert.equal(report.errors.length, 1);
    const [e] = report.errors;
    assert.deepEqual([e.source, e.line, e.field], [file, 2, "captureData.endpointInput.data"]);
    assert.match(e.message, new RegExp(`maxColumns = ${DEFAULT_MAX_COLUMNS}\\b`));
    assert.equal(report.skippedRecords, 1);

    await assert.rejects(
      loadCaptures(file),
      (err: unknown) =>
        err instanceof CaptureReadError && err.source === file && err.line === 2 && /maxColumns/.test(err.message),
    );
  });

  it("a 10 MB CSV line is refused at the bound instead of building millions of columns", async () => {
    const data = "1,".repeat(5 * 1024 * 1024) + "1";
    const file = writeFile(
      dir,
      "long.jsonl",
      [good("a"), captureLine({ eventId: "long", input: { data }, output: { data: "0.5" } }), good("b")].join("\n") +
        "\n",
    );
    const { frame, report } = await loadCaptures(file, { onError: "skip" });
    assert.deepEqual(frame.shape, [2, 7]);
    assert.deepEqual(
      report.errors.map((e) => [e.line, e.field]),
      [[2, "captureData.endpointInput.data"]],
    );
    assert.match(report.errors[0].message, /maxColumns/);
  });

  it("maxColumns changes the bound: the same record loads under a larger one, and a narrow bound refuses CSV outputs too", async () => {
    const file = writeFile(dir, "keys.jsonl", distinctKeys("wide", 50) + "\n");
    const { frame } = await loadCaptures(file, { maxColumns: 55 });
    assert.deepEqual(frame.shape, [50, 4 + 50 + 1]);
    await assert.rejects(loadCaptures(file, { maxColumns: 54 }), /wider than the bound maxColumns = 54/);

    const outputs = writeFile(
      dir,
      "out.jsonl",
      captureLine({ input: { data: "1" }, output: { data: "1,2,3,4" } }) + "\n",
    );
    await assert.rejects(
      loadCaptures(outputs, { maxColumns: 8 }),
      (err: unknown) => err instanceof CaptureReadError && err.field === "captureData.endpointOutput.data",
    );
    assert.equal((await loadCaptures(outputs, { maxColumns: 9 })).frame.columns.length, 9);
  });

  it("the bound counts every name seen, so a projection never changes which records load", async () => {
    const file = writeFile(dir, "keys.jsonl", [good("a"), distinctKeys("wide", 10)].join("\n") + "\n");
    const all = await loadCaptures(file, { onError: "skip", maxColumns: 12 });
    const projected = await loadCaptures(file, { onError: "skip", maxColumns: 12, columns: ["eventId", "f0"] });
    assert.deepEqual(
      all.report.errors.map((e) => e.line),
      [2],
    );
    assert.deepEqual(
      projected.report.errors.map((e) => e.line),
      [2],
    );
    assert.deepEqual(column(projected.frame, "eventId"), ["a"]);
  });

  it("rejects a bound that is not a positive integer", async () => {
    const file = writeFile(dir, "a.jsonl", good("a") + "\n");
    await assert.rejects(loadCaptures(file, { maxColumns: 0 }), /maxColumns must be a positive integer/);
    await assert.rejects(loadCaptures(file, { featureNames: ["a", "b"], maxColumns: 5 }), /exceed maxColumns = 5/);
  });

  it("a record adding columns to a large frame is refused at maxCells; the same record early, or projected away, loads", async () => {
    const goods = Array.from({ length: 100 }, (_, i) => good(`g${i}`, "1,2"));
    const late = distinctKeys("late", 5); // 5 rows, 5 new columns: 105 x 12 cells
    const wide = captureLine({ eventId: "wide", input: { data: "1,2,3,4,5" }, output: { data: "0.5" } }); // 3 new CSV columns: 101 x 10 at the third
    const file = writeFile(dir, "late.jsonl", [...goods, late, wide].join("\n") + "\n");
    const { frame, report } = await loadCaptures(file, { onError: "skip", maxCells: 1000 });
    assert.deepEqual(frame.shape, [100, 7]);
    assert.deepEqual(
      report.errors.map((e) => [e.source, e.line, e.field]),
      [
        [file, 101, "captureData.endpointInput.data"],
        [file, 102, "captureData.endpointInput.data"],
      ],
    );
    assert.match(report.errors[0].message, /making the frame 105 x 12 = 1260 cells, above the bound maxCells = 1000/);

    assert.deepEqual((await loadCaptures(file, { maxCells: 2000 })).frame.shape, [106, 15]);
    const early = writeFile(dir, "early.jsonl", [late, ...goods].join("\n") + "\n");
    assert.deepEqual((await loadCaptures(early, { maxCells: 1300 })).frame.shape, [105, 12]);
    const projected = await loadCaptures(file, { maxCells: 1000, columns: ["eventId", "f0"] });
    assert.deepEqual(projected.frame.shape, [106, 2]);
  });

  it("a frame that passes maxCells by rows stops the load with a FrameSizeError naming where, in skip mode too", async () => {
    // An early wide record (5 keys) makes every later row 12 columns wide.
    const file = writeFile(
      dir,
      "rows.jsonl",
      [distinctKeys("early", 5), ...Array.from({ length: 100 }, (_, i) => good(`g${i}`))].join("\n") + "\n",
    );
    for (const onError of ["throw", "skip"] as const) {
      const e = await loadCaptures(file, { onError, maxCells: 1000 }).then(
        () => undefined,
        (err: unknown) => err,
      );
      assert.ok(e instanceof FrameSizeError, String(e));
      assert.deepEqual([e.source, e.line], [file, 80]); // 5 + 79 rows: 84 x 12 = 1008 cells
      assert.match(e.message, /84 rows x 12 columns, above the bound maxCells = 1000; load less at once/);
    }
    // With a width bound that refuses the wide record, the rest fits.
    const narrow = await loadCaptures(file, { onError: "skip", maxCells: 1000, maxColumns: 9 });
    assert.deepEqual(narrow.frame.shape, [100, 7]);
    assert.deepEqual(
      narrow.report.errors.map((x) => x.line),
      [1],
    );
  });
});
