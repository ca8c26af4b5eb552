/** `baseline` / `monitor` with --problem-type: arguments, files, exit codes and what they print. */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { runBaselineCommand } from "../../src/cli/baseline-command";
import { parseQualityBaselineArgs, parseQualityMonitorArgs } from "../../src/cli/model-quality-command";
import { runMonitorCommand } from "../../src/cli/monitor-command";
import { writeGroundTruth } from "../../src/monitor";
import { writeInvocations } from "../monitor/model-quality/helpers";

let captured = "";
function quiet<T>(fn: () => Promise<T>): Promise<T> {
  const out = process.stdout.write.bind(process.stdout);
  const err = process.stderr.write.bind(process.stderr);
  captured = "";
  const keep = ((chunk: string | Uint8Array) => ((captured += String(chunk)), true)) as typeof process.stdout.write;
  process.stdout.write = keep;
  process.stderr.write = keep;
  return fn().finally(() => {
    process.stdout.write = out;
    process.stderr.write = err;
  });
}

describe("cli: model-quality baseline and monitor (--problem-type)", function () {
  this.timeout(30_000);
  let tmp: string;
  beforeEach(() => (tmp = fs.mkdtempSync(path.join(os.tmpdir(), "mq-cli-"))));
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it("parses the attribute flags and refuses what is missing or wrong", () => {
    const b = parseQualityBaselineArgs([
      "--problem-type=binaryclassification",
      "--dataset",
      "d.csv",
      "--output",
      "o",
      "--ground-truth-attribute",
      "label",
      "--probability-attribute",
      "probability",
      "--probability-threshold-attribute",
      "0.7",
    ]);
    assert.equal(b.problemType, "BinaryClassification");
    assert.equal(b.probabilityThreshold, 0.7);
    assert.throws(
      () => parseQualityBaselineArgs(["--problem-type", "Binary", "--dataset", "d", "--output", "o"]),
      /--problem-type: expected BinaryClassification, MulticlassClassification, Regression, got "Binary"/,
    );
    assert.throws(
      () => parseQualityBaselineArgs(["--problem-type", "Regression", "--dataset", "d", "--output", "o"]),
      /--ground-truth-attribute is required/,
    );
    assert.throws(
      () =>
        parseQualityMonitorArgs([
          "--problem-type",
          "Regression",
          "--captures",
          "c",
          "--baseline",
          "b",
          "--output",
          "o",
        ]),
      /--ground-truth is required/,
    );
    assert.throws(
      () => parseQualityMonitorArgs(["--problem-type", "Regression", "--probability-threshold-attribute", "2"]),
      /--probability-threshold-attribute: expected a number from 0 to 1/,
    );
  });

  it("baseline then monitor over captures and labels: files, summary, exit code 3 with violations", async () => {
    const rows = Array.from({ length: 40 }, (_, i) => `${i % 3},${i % 5 === 0 ? (i + 1) % 3 : i % 3}`);
    fs.writeFileSync(path.join(tmp, "val.csv"), `prediction,label\n${rows.join("\n")}\n`);
    const code = await quiet(() =>
      runBaselineCommand([
        "--problem-type",
        "MulticlassClassification",
        "--dataset",
        path.join(tmp, "val.csv"),
        "--inference-attribute",
        "prediction",
        "--ground-truth-attribute",
        "label",
        "--output",
        path.join(tmp, "baseline"),
      ]),
    );
    assert.equal(code, 0, captured);
    assert.match(captured, /model-quality baseline \(MulticlassClassification\) of 40 rows/);
    const t0 = Date.parse("2024-01-19T19:00:00Z");
    writeInvocations(
      path.join(tmp, "captures"),
      Array.from({ length: 30 }, (_, i) => ({
        output: JSON.stringify({ predicted_label: i % 3 }),
        outputType: "application/json",
        inferenceId: String(i),
        time: new Date(t0 + i * 1000),
      })),
    );
    // Labels disagree with two predictions in three; one label is outside the baseline's classes.
    await writeGroundTruth(
      path.join(tmp, "gt"),
      Array.from({ length: 30 }, (_, i) => ({
        eventId: String(i),
        label: i === 29 ? 9 : i % 3 === 0 ? 0 : (i + 1) % 3,
      })),
      { collectedAt: new Date("2024-01-19T20:30:00Z") },
    );
    const args = [
      "--problem-type",
      "MulticlassClassification",
      "--captures",
      path.join(tmp, "captures"),
      "--ground-truth",
      path.join(tmp, "gt"),
      "--baseline",
      path.join(tmp, "baseline"),
      "--output",
      path.join(tmp, "out"),
      "--inference-attribute",
      "$.predicted_label",
      "--start",
      "2024-01-19T19:00:00Z",
      "--end",
      "2024-01-19T20:00:00Z",
    ];
    const mon = await quiet(() => runMonitorCommand(args));
    assert.match(captured, /30 captures, 30 merged with 30 labels \(unmatched: 0 captures, 0 labels\); 29 rows/);
    assert.match(captured, /label "9" is not a class of the baseline \(0, 1, 2\)/);
    const violations = JSON.parse(fs.readFileSync(path.join(tmp, "out", "constraint_violations.json"), "utf8")) as {
      violations: Array<{ metric_name: string }>;
    };
    assert.equal(mon, 3, captured);
    assert.ok(violations.violations.some((v) => v.metric_name === "accuracy"));
    assert.match(
      captured,
      /LessThanThreshold accuracy: Metric accuracy with 0\.3448275862068966 \+\/- NaN was LessThanThreshold '0\.8'/,
    );
    assert.ok(fs.existsSync(path.join(tmp, "out", "statistics.json")));
    // A regression baseline is not a multiclass one.
    const wrong = await quiet(() =>
      runMonitorCommand([...args.slice(2), "--problem-type", "Regression", "--output", path.join(tmp, "out2")]),
    );
    assert.equal(wrong, 1);
    assert.match(captured, /the baseline is MulticlassClassification/);
    // As on AWS, the script flags: the preprocessor's dict gives the prediction by key, the
    // post-analytics processor's prints are shown; the same files as the run above.
    fs.writeFileSync(
      path.join(tmp, "pre.js"),
      "exports.preprocessHandler = (r) => ({ prediction: String(JSON.parse(r.captureData.endpointOutput.data).predicted_label) });\n",
    );
    fs.writeFileSync(path.join(tmp, "post.py"), 'def postprocess_handler():\n    print("post done")\n');
    const withScripts = args.map((a) =>
      a === "$.predicted_label" ? "prediction" : a === path.join(tmp, "out") ? path.join(tmp, "out3") : a,
    );
    const pre = await quiet(() =>
      runMonitorCommand([
        ...withScripts,
        "--record-preprocessor",
        path.join(tmp, "pre.js"),
        "--post-analytics-processor",
        path.join(tmp, "post.py"),
        "--preprocessor-timeout",
        "5",
      ]),
    );
    assert.equal(pre, 3, captured);
    assert.match(captured, /record preprocessor: .*pre\.js/);
    assert.match(captured, /post-analytics processor .*post\.py:\n {4}post done/);
    for (const f of ["statistics.json", "constraint_violations.json"])
      assert.equal(
        fs.readFileSync(path.join(tmp, "out3", f), "utf8"),
        fs.readFileSync(path.join(tmp, "out", f), "utf8"),
      );
    assert.deepEqual(
      (({ recordPreprocessor, postAnalyticsProcessor, preprocessorTimeout }) => [
        recordPreprocessor,
        postAnalyticsProcessor,
        preprocessorTimeout,
      ])(
        parseQualityMonitorArgs([
          ...args,
          "--record-preprocessor=s3://b/pre.py",
          "--post-analytics-processor",
          "p.py",
          "--preprocessor-timeout",
          "2",
        ]),
      ),
      ["s3://b/pre.py", "p.py", 2],
    );
  });
});
