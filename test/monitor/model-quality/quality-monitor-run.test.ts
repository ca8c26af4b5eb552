/** A model-quality monitoring run end to end: baseline, captures, labels, files, errors. */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { CreateBucketCommand, S3Client } from "@aws-sdk/client-s3";
import { startLocalStack, type LocalStack } from "../../../src/local";
import {
  ModelQualityError,
  PreprocessorError,
  runModelQualityMonitor,
  suggestModelQualityBaseline,
  writeGroundTruth,
} from "../../../src/monitor";
import { errorOf } from "../../helpers";
import { seeded, tempDir, writeInvocations, type Invocation } from "./helpers";

const HOUR = new Date("2024-01-19T19:00:00Z");

/** A good model on the baseline, a worse one in the captured hour. */
async function setUp(n = 300) {
  const dir = tempDir("run");
  const r = seeded(3);
  const base = Array.from({ length: 400 }, () => {
    const y = r() < 0.3 ? 1 : 0;
    const p = Math.min(0.99, Math.max(0.01, y ? 0.7 + (r() - 0.5) * 0.5 : 0.3 + (r() - 0.5) * 0.5));
    return `${p},${y}`;
  });
  fs.writeFileSync(path.join(dir, "validation.csv"), `probability,label\n${base.join("\n")}\n`);
  const baseline = await suggestModelQualityBaseline({
    dataset: path.join(dir, "validation.csv"),
    problemType: "BinaryClassification",
    probabilityAttribute: "probability",
    groundTruthAttribute: "label",
    output: path.join(dir, "baseline"),
  });
  const invocations: Invocation[] = [];
  const labels: Array<{ eventId: string; label: number }> = [];
  for (let i = 0; i < n; i++) {
    const y = r() < 0.3 ? 1 : 0;
    invocations.push({
      output: String(Math.round(r() * 1000) / 1000),
      inferenceId: `id-${i}`,
      time: new Date(HOUR.getTime() + i * 10_000),
    });
    labels.push({ eventId: `id-${i}`, label: y });
  }
  // One capture after the window: not merged, not counted.
  invocations.push({ output: "0.5", inferenceId: "late", time: new Date(HOUR.getTime() + 3_600_000 + 5_000) });
  writeInvocations(path.join(dir, "captures"), invocations);
  await writeGroundTruth(path.join(dir, "gt"), labels, { collectedAt: new Date("2024-01-19T21:10:00Z") });
  return { dir, baseline };
}

describe("runModelQualityMonitor", function () {
  this.timeout(30_000);

  it("merges the window's captures with their labels, writes statistics and violations, repeats exactly", async () => {
    const { dir, baseline } = await setUp();
    const options = {
      captures: path.join(dir, "captures"),
      groundTruth: path.join(dir, "gt"),
      baseline: path.join(dir, "baseline"),
      probabilityAttribute: "0",
      from: HOUR,
      to: new Date(HOUR.getTime() + 3_600_000),
      output: path.join(dir, "out"),
    };
    const r = await runModelQualityMonitor(options);
    assert.equal(r.problemType, "BinaryClassification");
    assert.equal(r.merge.captures, 300);
    assert.equal(r.merge.matched, 300);
    assert.equal(r.merge.unmatchedLabels, 0);
    assert.equal(r.metrics.rows, 300);
    assert.ok(r.metrics.values.auc! < baseline.metrics.values.auc!, "random scores are worse than the baseline's");
    assert.ok(r.violations.some((v) => v.metric_name === "auc"));
    assert.ok(Number.isFinite(r.deviations.auc!), "300 rows: a deviation");
    const violations = JSON.parse(fs.readFileSync(path.join(dir, "out", "constraint_violations.json"), "utf8")) as {
      violations: Array<{ description: string }>;
    };
    assert.deepEqual(
      violations.violations.map((v) => v.description),
      r.violations.map((v) => v.description),
    );
    assert.match(
      r.violations.find((v) => v.metric_name === "auc")!.description,
      /^Metric auc with 0\.\d+ \+\/- \d\.\d+(E-\d+)? was LessThanThreshold '0\.\d+'$/,
    );
    const stats = fs.readFileSync(path.join(dir, "out", "statistics.json"), "utf8");
    assert.match(stats, /"item_count" : 300/);
    // Seeded deviations: a second run writes the same bytes.
    const again = await runModelQualityMonitor({ ...options, output: path.join(dir, "out2") });
    assert.equal(fs.readFileSync(path.join(dir, "out2", "statistics.json"), "utf8"), stats);
    assert.deepEqual(again.deviations, r.deviations);
  });

  it('fewer than 200 merged rows: standard deviations are "NaN" in the file and the texts', async () => {
    const { dir } = await setUp(50);
    // No attribute: a binary output's one value is read as the probability.
    const r = await runModelQualityMonitor({
      captures: path.join(dir, "captures"),
      groundTruth: path.join(dir, "gt"),
      baseline: path.join(dir, "baseline"),
      output: path.join(dir, "out"),
    });
    assert.equal(r.metrics.rows, 50);
    assert.equal(r.issueCount, 0);
    assert.equal(r.merge.matched, 50);
    assert.equal(r.merge.unmatchedCaptures, 1);
    assert.match(fs.readFileSync(path.join(dir, "out", "statistics.json"), "utf8"), /"standard_deviation" : "NaN"/);
    assert.ok(r.violations.every((v) => v.description.includes("+/- NaN was")));
  });

  it("nothing merged: says which side was empty and where it looked", async () => {
    const { dir } = await setUp(20);
    const base = {
      captures: path.join(dir, "captures"),
      groundTruth: path.join(dir, "gt"),
      baseline: path.join(dir, "baseline"),
      probabilityAttribute: "0",
    };
    const noCaptures = await errorOf(() =>
      runModelQualityMonitor({ ...base, from: new Date("2030-01-01T00:00:00Z"), to: new Date("2030-01-01T01:00:00Z") }),
    );
    assert.ok(noCaptures instanceof ModelQualityError);
    assert.match(
      noCaptures.message,
      /^nothing to merge: no capture records under .*captures between 2030-01-01T00:00:00.000Z/,
    );
    const noLabels = await errorOf(() =>
      runModelQualityMonitor({ ...base, groundTruthFrom: new Date("2024-01-20T00:00:00Z") }),
    );
    assert.match(noLabels.message, /^nothing to merge: no ground-truth labels under .*gt \(hours from 2024-01-20T00/);
    await writeGroundTruth(path.join(dir, "other-gt"), [{ eventId: "nope", label: 1 }], {
      collectedAt: new Date("2024-01-19T21:00:00Z"),
    });
    const noMatch = await errorOf(() => runModelQualityMonitor({ ...base, groundTruth: path.join(dir, "other-gt") }));
    assert.match(
      noMatch.message,
      /^nothing merged: none of the 21 captures' ids .*e\.g\. "id-0".* labels \(e\.g\. "nope"/,
    );
  });

  it("refuses a baseline of another problem type, with the reason", async () => {
    const { dir } = await setUp(20);
    const e = await errorOf(() =>
      runModelQualityMonitor({
        problemType: "Regression",
        captures: path.join(dir, "captures"),
        groundTruth: path.join(dir, "gt"),
        baseline: path.join(dir, "baseline"),
        inferenceAttribute: "0",
      }),
    );
    assert.ok(e instanceof ModelQualityError);
    assert.match(e.message, /the baseline is BinaryClassification .* not Regression/);
  });

  it("labels and reports through S3 (the local stack)", async () => {
    const { dir } = await setUp(30);
    const tmp = tempDir("run-s3");
    let stack: LocalStack | undefined;
    let s3: S3Client | undefined;
    try {
      stack = await startLocalStack({ port: 0, dataDir: path.join(tmp, "stack") });
      s3 = new S3Client(stack.clientConfig.s3);
      await s3.send(new CreateBucketCommand({ Bucket: "mqual" }));
      const labels = Array.from({ length: 30 }, (_, i) => ({ eventId: `id-${i}`, label: i % 2 }));
      const w = await writeGroundTruth({ s3, uri: "s3://mqual/gt" }, labels, {
        collectedAt: new Date("2024-01-19T22:00:00Z"),
      });
      assert.match(w.written, /^s3:\/\/mqual\/gt\/2024\/01\/19\/22\/00-00-000-[0-9a-f]{8}\.jsonl$/);
      const r = await runModelQualityMonitor({
        captures: path.join(dir, "captures"),
        groundTruth: { s3, uri: "s3://mqual/gt" },
        baseline: path.join(dir, "baseline"),
        probabilityAttribute: "0",
        output: { s3, uri: "s3://mqual/reports/2024/01/19/19" },
      });
      assert.equal(r.merge.matched, 30);
      assert.deepEqual(r.written, [
        "s3://mqual/reports/2024/01/19/19/statistics.json",
        "s3://mqual/reports/2024/01/19/19/constraint_violations.json",
      ]);
    } finally {
      s3?.destroy();
      await stack?.stop();
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });

  describe("with a record preprocessor (on each capture merged with its label)", () => {
    const FIX = path.resolve(__dirname, "..", "..", "fixtures", "monitor", "preprocessor");
    /** The same scores as "score=...;model=a" texts, and as plain CSV without the records the scripts drop. */
    async function scoresSetUp() {
      const dir = tempDir("pre");
      const r = seeded(9);
      const base = Array.from({ length: 300 }, () => {
        const y = r() < 0.4 ? 1 : 0;
        return `${Math.min(0.99, Math.max(0.01, y ? 0.7 + (r() - 0.5) * 0.6 : 0.3 + (r() - 0.5) * 0.6))},${y}`;
      });
      fs.writeFileSync(path.join(dir, "validation.csv"), `probability,label\n${base.join("\n")}\n`);
      await suggestModelQualityBaseline({
        dataset: path.join(dir, "validation.csv"),
        problemType: "BinaryClassification",
        probabilityAttribute: "probability",
        groundTruthAttribute: "label",
        output: path.join(dir, "baseline"),
      });
      const text: Invocation[] = [];
      const plain: Invocation[] = [];
      const labels: Array<{ eventId: string; label: number }> = [];
      for (let i = 0; i < 250; i++) {
        const y = r() < 0.4 ? 1 : 0;
        const score = String(Math.round((y ? 0.6 : 0.4) * 1000 + (r() - 0.5) * 600) / 1000);
        const time = new Date(HOUR.getTime() + i * 10_000);
        text.push({ output: `score=${score};model=a`, inferenceId: `id-${i}`, time });
        if (!String(i).endsWith("7")) plain.push({ output: score, inferenceId: `id-${i}`, time });
        labels.push({ eventId: `id-${i}`, label: y });
      }
      writeInvocations(path.join(dir, "text"), text);
      writeInvocations(path.join(dir, "plain"), plain);
      await writeGroundTruth(path.join(dir, "gt"), labels, { collectedAt: new Date("2024-01-19T21:10:00Z") });
      const options = (captures: string, output: string) => ({
        captures: path.join(dir, captures),
        groundTruth: path.join(dir, "gt"),
        baseline: path.join(dir, "baseline"),
        from: HOUR,
        to: new Date(HOUR.getTime() + 3_600_000),
        output: path.join(dir, output),
      });
      return { dir, options };
    }

    it("Python and JavaScript twins: the attribute names a key of the returned dict; dropped records counted; the files of the plain run", async () => {
      const { dir, options } = await scoresSetUp();
      const refused = await runModelQualityMonitor({ ...options("text", "none"), probabilityAttribute: "0" }).then(
        () => "ran",
        (e: Error) => e.message,
      );
      assert.match(refused, /none gave a usable row/, "without a preprocessor the texts are not scores");
      const plain = await runModelQualityMonitor({ ...options("plain", "plain"), probabilityAttribute: "0" });
      const out: string[] = [];
      for (const script of ["quality-score.py", "quality-score.mjs"]) {
        const name = script.replace(".", "-");
        const r = await runModelQualityMonitor({
          ...options("text", name),
          probabilityAttribute: "endpointOutput_score",
          recordPreprocessor: path.join(FIX, script),
          postAnalyticsProcessor: path.join(FIX, "quality-score.py"),
          onScriptOutput: (t) => void out.push(t),
        });
        assert.equal(r.merge.matched, 250);
        assert.equal(r.merge.dropped, 25);
        assert.equal(r.metrics.rows, 225);
        assert.equal(r.issueCount, 0);
        assert.match(r.postAnalytics!.output, /quality-score done: True/);
        for (const f of ["statistics.json", "constraint_violations.json"])
          assert.equal(
            fs.readFileSync(path.join(dir, name, f), "utf8"),
            fs.readFileSync(path.join(dir, "plain", f), "utf8"),
            `${script}: ${f}`,
          );
      }
      assert.equal(plain.metrics.rows, 225);
      assert.equal(out.join("").match(/record preprocessor: /g)?.length, 2);
      // By position: the one key besides the label.
      const byIndex = await runModelQualityMonitor({
        ...options("text", "index"),
        probabilityAttribute: "0",
        recordPreprocessor: path.join(FIX, "quality-score.py"),
        onScriptOutput: () => {},
      });
      assert.equal(byIndex.metrics.rows, 225);
      assert.equal(
        fs.readFileSync(path.join(dir, "index", "statistics.json"), "utf8"),
        fs.readFileSync(path.join(dir, "plain", "statistics.json"), "utf8"),
      );
      // A key the dict does not have: each row refused with the keys it has.
      const wrong = await runModelQualityMonitor({
        ...options("text", "wrong"),
        probabilityAttribute: "score",
        recordPreprocessor: path.join(FIX, "quality-score.mjs"),
        onScriptOutput: () => {},
      }).then(
        () => "ran",
        (e: Error) => e.message,
      );
      assert.match(wrong, /score: not among the preprocessor's keys \(endpointOutput_score, groundTruthData_0\)/);
    });

    it("a script without its handler stops the run before any record is read", async () => {
      const { dir, options } = await scoresSetUp();
      const p = path.join(dir, "nohandler.py");
      fs.writeFileSync(p, "def handler(r):\n    return {}\n");
      await assert.rejects(
        runModelQualityMonitor({ ...options("text", "x"), recordPreprocessor: p, onScriptOutput: () => {} }),
        (e: unknown) => e instanceof PreprocessorError && /defines no preprocess_handler/.test(e.message),
      );
      assert.ok(!fs.existsSync(path.join(dir, "x")));
    });
  });
});
