/** The merge: ids, duplicates, attributes, refused labels, and what is reported. */
import { strict as assert } from "node:assert";
import { buildCaptureRecord, type CaptureRecord } from "../../../src/capture";
import { mergeGroundTruth, parseAttribute, type GroundTruthEntry } from "../../../src/monitor";
import { CaptureLabError } from "../../../src/errors";

const enc = new TextEncoder();
const T = new Date("2024-01-19T19:10:00Z");

function capture(output: string, ids: { eventId: string; inferenceId?: string }, type = "text/csv"): CaptureRecord {
  return buildCaptureRecord({
    input: { contentType: "text/csv", body: enc.encode("1,2"), encoding: "CSV" },
    output: { contentType: type, body: enc.encode(output), encoding: type.includes("json") ? "JSON" : "CSV" },
    eventId: ids.eventId,
    ...(ids.inferenceId !== undefined ? { inferenceId: ids.inferenceId } : {}),
    inferenceTime: T,
  });
}

const label = (eventId: string, value: string, hour = "2024/01/19/20", line = 1): GroundTruthEntry => ({
  eventId,
  label: value,
  hour,
  source: `gt/${hour}/a.jsonl`,
  line,
});

describe("mergeGroundTruth", () => {
  it("joins on inferenceId when the capture has one, else on eventId; counts both unmatched sides", () => {
    const captures = [
      capture("0.9", { eventId: "e1", inferenceId: "i1" }),
      capture("0.2", { eventId: "e2" }),
      capture("0.7", { eventId: "e3", inferenceId: "i3" }), // no label
    ];
    const labels = [label("i1", "1"), label("e2", "0"), label("e1", "0"), label("zz", "1")];
    const { rows, report } = mergeGroundTruth(captures, labels, {
      problemType: "BinaryClassification",
      probabilityAttribute: "0",
    });
    assert.equal(report.captures, 3);
    assert.equal(report.matched, 2);
    assert.equal(report.unmatchedCaptures, 1);
    assert.equal(report.examples.unmatchedCaptures[0]!.id, "i3");
    // "e1" is the eventId of a capture that has an inferenceId: it does not match.
    assert.equal(report.unmatchedLabels, 2);
    assert.deepEqual(report.examples.unmatchedLabels.map((l) => l.id).sort(), ["e1", "zz"]);
    const data = rows.rows();
    assert.equal(data.problemType, "BinaryClassification");
    if (data.problemType === "BinaryClassification") {
      assert.deepEqual(Array.from(data.cells.tp), [0.9]);
      assert.deepEqual(Array.from(data.cells.tn), [0.2]);
    }
  });

  it("a duplicate label: the latest collection hour wins, whatever the read order, and it is reported", () => {
    const labels = [label("a", "1", "2024/01/19/21", 4), label("a", "0", "2024/01/19/20", 9)];
    const { rows, report } = mergeGroundTruth([capture("1", { eventId: "a" })], labels, {
      problemType: "MulticlassClassification",
      inferenceAttribute: "0",
    });
    assert.equal(report.duplicateLabels, 1);
    assert.deepEqual(report.examples.duplicateLabels[0], {
      eventId: "a",
      kept: "gt/2024/01/19/21/a.jsonl:4",
      dropped: "gt/2024/01/19/20/a.jsonl:9",
    });
    const data = rows.rows();
    if (data.problemType === "MulticlassClassification") assert.deepEqual(data.counts.classes, ["1"]);
  });

  it("JSONPath attributes pick from JSON outputs; the threshold splits probabilities (strictly above)", () => {
    const out = (score: number) => JSON.stringify({ predictions: [{ score, label: score > 0.5 ? 1 : 0 }] });
    const captures = [
      capture(out(0.5), { eventId: "a" }, "application/json"),
      capture(out(0.51), { eventId: "b" }, "application/json"),
    ];
    const { rows } = mergeGroundTruth(captures, [label("a", "0"), label("b", "1")], {
      problemType: "BinaryClassification",
      probabilityAttribute: "$.predictions[0].score",
      probabilityThreshold: 0.5,
    });
    const data = rows.rows();
    if (data.problemType !== "BinaryClassification") throw new Error("binary expected");
    assert.deepEqual(Array.from(data.cells.tn), [0.5]);
    assert.deepEqual(Array.from(data.cells.tp), [0.51]);
  });

  it("refuses labels outside the baseline's classes and outputs without the attribute, with file and line", () => {
    const captures = [capture("2", { eventId: "a" }), capture('{"x":1}', { eventId: "b" }, "application/json")];
    const { rows, report } = mergeGroundTruth(captures, [label("a", "7"), label("b", "1")], {
      problemType: "MulticlassClassification",
      inferenceAttribute: "$.label",
      classes: ["0", "1", "2"],
    });
    assert.equal(report.matched, 2);
    assert.equal(rows.length, 0);
    assert.equal(rows.issueCount, 2);
    assert.match(rows.issues[0]!.message, /a CSV output needs a column index/);
    assert.equal(rows.issues[0]!.line, 1);
    assert.equal(rows.issues[1]!.message, "$.label: not found in the output");
    const again = mergeGroundTruth([capture("2", { eventId: "a" })], [label("a", "7")], {
      problemType: "MulticlassClassification",
      inferenceAttribute: "0",
      classes: ["0", "1", "2"],
    });
    assert.equal(again.rows.issues[0]!.message, 'label "7" is not a class of the baseline (0, 1, 2)');
  });

  it("parses attributes: index, JSONPath, plain key; a bad path names the flag", () => {
    assert.deepEqual(parseAttribute("3"), { kind: "index", index: 3, text: "3" });
    assert.deepEqual(parseAttribute("$.predictions[0]['score']").kind, "path");
    assert.deepEqual((parseAttribute("$.predictions[0]['score']") as { path: unknown }).path, [
      "predictions",
      0,
      "score",
    ]);
    assert.deepEqual((parseAttribute("score") as { path: unknown }).path, ["score"]);
    assert.throws(
      () => parseAttribute("$.a[x]", "--probability-attribute"),
      (e: Error) => e instanceof CaptureLabError && /--probability-attribute: cannot read JSONPath/.test(e.message),
    );
  });
});
