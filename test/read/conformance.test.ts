/** Real AWS-written capture files (shared fixtures) decode to the expected columns. */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { CaptureReadError, loadCaptures } from "../../src/read";
import { column, sharedDir } from "./helpers";

describe("read/conformance (AWS capture fixtures)", function () {
  let fixtures: string;
  before(function () {
    const shared = sharedDir();
    const dir = shared && path.join(shared, "fixtures/aws-capture");
    if (!dir || !fs.existsSync(dir)) {
      console.log("    (skipped: ../shared/fixtures/aws-capture is not present in this checkout)");
      this.skip();
    }
    fixtures = dir!;
  });
  const f = (name: string) => path.join(fixtures, name);

  it("01: JSON instances of features and JSON predictions (2 records, 3 instances)", async () => {
    const { frame, report } = await loadCaptures(f("01.jsonl"));
    assert.deepEqual(frame.columns, [
      "eventId",
      "inferenceId",
      "inferenceTime",
      "instanceIndex",
      ...Array.from({ length: 14 }, (_, i) => `f${i}`),
      "score",
      "predicted_label",
    ]);
    assert.deepEqual(column(frame, "instanceIndex"), [0, 0, 1]);
    assert.deepEqual(column(frame, "f2"), [133937, 133937, 72338]);
    assert.deepEqual(column(frame, "score"), [0.9899773597717285, 0.9899773597717285, 0.5041388273239136]);
    assert.deepEqual(column(frame, "eventId")[2], "9066ac80-dde1-4370-a73e-ab997e2544f1");
    assert.equal((column(frame, "inferenceTime")[0] as Date).toISOString(), "2024-01-19T19:27:57.000Z");
    assert.deepEqual([report.errors, report.mismatches], [[], []]);
  });

  it("02: JSON Lines bodies, one row per document", async () => {
    const { frame, report } = await loadCaptures(f("02.jsonl"));
    assert.deepEqual(frame.columns.slice(-2), ["predicted_label", "score"]);
    assert.deepEqual(column(frame, "f0"), [28, 28, 43]);
    assert.deepEqual(column(frame, "score"), [0.989977359771728, 0.989977359771728, 0.504138827323913]);
    assert.deepEqual(report.mismatches, []);
  });

  it("08: churn CSV with a charset parameter on the output", async () => {
    const { frame } = await loadCaptures(f("08.jsonl"));
    assert.deepEqual(frame.shape, [3, 4 + 69 + 1]);
    assert.deepEqual(column(frame, "f0"), [132, 130, 85]);
    assert.deepEqual(column(frame, "f2"), [182.9, 263.7, 210.3]);
    assert.deepEqual(column(frame, "prediction"), [0.036397725343704224, 0.3791300654411316, 0.017852725461125374]);
    assert.deepEqual(column(frame, "inferenceId"), [null, null, null]);
    assert.ok(frame.dtypes.slice(4).every((d: string) => d === "float32"));
  });

  it("12: scalar instances and pretty-printed predictions", async () => {
    const { frame } = await loadCaptures(f("12.jsonl"));
    assert.deepEqual(column(frame, "f0"), [1, 2, 5, 1, 2, 5]);
    assert.deepEqual(column(frame, "prediction"), [3.5, 4, 5.5, 3.5, 4, 5.5]);
  });

  it("13 (SDK template, not AWS output): placeholders in inferenceTime are reported per line", async () => {
    const lines = fs
      .readFileSync(f("13.jsonl"), "utf8")
      .split("\n")
      .filter((l) => l.trim() !== "").length;
    const { frame, report } = await loadCaptures(f("13.jsonl"), { onError: "skip" });
    assert.equal(frame.shape[0], 0);
    assert.equal(report.skippedRecords, lines);
    assert.ok(report.errors.every((e, i) => e.line === i + 1 && e.field === "eventMetadata.inferenceTime"));
  });

  it("20.partial.txt: the cut-off multi-row record is the truncated final line error", async () => {
    await assert.rejects(loadCaptures(f("20.partial.txt")), (err: unknown) => {
      assert.ok(err instanceof CaptureReadError);
      assert.equal(err.source, f("20.partial.txt"));
      assert.equal(err.line, 1);
      assert.match(err.message, /20\.partial\.txt:1: truncated final line/);
      return true;
    });
  });
});
