import { strict as assert } from "node:assert";
import * as path from "node:path";
import { readCaptureScores } from "../../../src/monitor/model-quality/capture-scores";
import { tempDir, writeInvocations } from "./helpers";

describe("readCaptureScores", () => {
  it("reads the window's scores by attribute, filters by id, counts what has no score with file:line", async () => {
    const dir = tempDir("scores");
    const t = Date.parse("2024-01-19T19:00:00Z");
    writeInvocations(path.join(dir, "c"), [
      { output: "0.25", inferenceId: "a-1", time: new Date(t) },
      { output: "0.75", inferenceId: "a-2", time: new Date(t + 1000) },
      { output: "oops", inferenceId: "a-3", time: new Date(t + 2000) },
      { output: "0.5", inferenceId: "b-1", time: new Date(t + 3000) },
      {
        output: '{"predictions":[{"score":0.9}]}',
        outputType: "application/json",
        inferenceId: "a-4",
        time: new Date(t + 4000),
      },
      { output: "0.1", inferenceId: "a-5", time: new Date(t + 3_600_000) },
    ]);
    const r = await readCaptureScores(path.join(dir, "c"), {
      from: new Date(t),
      to: new Date(t + 3_600_000),
      filter: (id) => id.startsWith("a-"),
    });
    assert.deepEqual(r.scores, [0.25, 0.75]);
    assert.deepEqual(r.ids, ["a-1", "a-2"]);
    assert.deepEqual(
      r.times.map((d) => d.getTime()),
      [t, t + 1000],
    );
    assert.equal(r.refused, 2);
    assert.match(r.examples[0]!.problem, /"oops" is not a number/);
    assert.match(r.examples[0]!.source, /\.jsonl$/);
    const json = await readCaptureScores(path.join(dir, "c"), {
      probabilityAttribute: "$.predictions[0].score",
      filter: (id) => id === "a-4",
    });
    assert.deepEqual(json.scores, [0.9]);
  });
});
