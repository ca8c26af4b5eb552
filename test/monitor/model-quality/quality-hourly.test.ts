import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { planQualityHours, runHourlyModelQuality } from "../../../src/monitor/model-quality/quality-hourly";
import { CreateBucketCommand, S3Client } from "@aws-sdk/client-s3";
import { startLocalStack, type LocalStack } from "../../../src/local";
import { tempDir, writeHourlyScenario as setUp } from "./helpers";

/** Every file under `dir`, path relative to it -> text. */
function tree(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.set(path.relative(dir, p), fs.readFileSync(p, "utf8"));
    }
  };
  walk(dir);
  return out;
}

const H = 3_600_000;
const T0 = Date.parse("2024-01-19T19:00:00Z");

describe("planQualityHours", () => {
  const hours = ["2024/01/19/19", "2024/01/19/20", "2024/01/19/21"];

  it("without offsets processes each capture hour itself, once it has ended", () => {
    const plan = planQualityHours(hours, { startOffsetMs: -H, endOffsetMs: 0, now: new Date(T0 + 2.5 * H) });
    assert.deepEqual(
      plan.map((p) => p.hour),
      ["2024/01/19/19", "2024/01/19/20"],
    );
    assert.equal(plan[0]!.from.getTime(), T0);
    assert.equal(plan[0]!.to.getTime(), T0 + H);
  });

  it("with -P1D / -PT1H: every hour whose window holds a capture hour; labels from the window's start to the processed hour", () => {
    const plan = planQualityHours(hours, { startOffsetMs: -24 * H, endOffsetMs: -H, now: new Date(T0 + 100 * H) });
    // Hour 19's captures are in the windows of hours 20 .. 19+23; hour 21's up to 21+23.
    assert.equal(plan.length, 25);
    assert.equal(plan[0]!.hour, "2024/01/19/20");
    assert.equal(plan[24]!.hour, "2024/01/20/20");
    const p = plan[0]!;
    assert.equal(p.from.getTime(), T0 + 2 * H - 24 * H);
    assert.equal(p.to.getTime(), T0 + H);
    assert.equal(p.groundTruthFrom.getTime(), p.from.getTime());
    assert.equal(p.groundTruthTo.getTime(), T0 + 2 * H);
  });

  it("keeps since/until", () => {
    const plan = planQualityHours(hours, {
      startOffsetMs: -H,
      endOffsetMs: 0,
      now: new Date(T0 + 10 * H),
      since: new Date(T0 + H),
      until: new Date(T0 + 2 * H),
    });
    assert.deepEqual(
      plan.map((p) => p.hour),
      ["2024/01/19/20"],
    );
  });
});

describe("runHourlyModelQuality", function () {
  this.timeout(60_000);

  it("with -PT2H/-PT1H merges each hour's captures with the labels of the next, reports in Model Monitor's layout, resumes", async () => {
    const dir = await setUp();
    const progress: Array<[number, number]> = [];
    const options = {
      captures: path.join(dir, "captures"),
      endpointName: "ep",
      groundTruth: path.join(dir, "gt"),
      baseline: path.join(dir, "baseline"),
      reports: path.join(dir, "reports"),
      probabilityAttribute: "0",
      startOffset: "-PT2H",
      endOffset: "-PT1H",
      now: new Date(T0 + 6 * H),
      onProgress: (p: { done: number; total: number }) => progress.push([p.done, p.total]),
    };
    const runs = await runHourlyModelQuality(options);
    assert.deepEqual(
      runs.map((r) => r.hour),
      ["2024/01/19/20", "2024/01/19/21", "2024/01/19/22"],
    );
    assert.deepEqual(progress, [
      [1, 3],
      [2, 3],
      [3, 3],
    ]);
    for (const r of runs) {
      assert.equal(r.error, undefined, r.error?.message);
      assert.equal(r.result!.merge.matched, 100);
      assert.equal(r.result!.merge.captures, 100);
      const folder = path.join(dir, "reports", "ep", "capture-lab-model-quality", ...r.hour.split("/"));
      assert.ok(fs.existsSync(path.join(folder, "statistics.json")));
      assert.ok(fs.existsSync(path.join(folder, "constraint_violations.json")));
    }
    // Resume: nothing to do; then one hour removed is the only one run again.
    const again = await runHourlyModelQuality(options);
    assert.ok(again.every((r) => r.skipped));
    fs.rmSync(path.join(dir, "reports", "ep", "capture-lab-model-quality", "2024", "01", "19", "21"), {
      recursive: true,
    });
    const third = await runHourlyModelQuality(options);
    assert.deepEqual(
      third.filter((r) => !r.skipped).map((r) => r.hour),
      ["2024/01/19/21"],
    );
    assert.equal(third.find((r) => !r.skipped)!.result!.merge.matched, 100);
  });

  it("without offsets the labels have not arrived within the hour: each hour fails saying nothing merged, and the next run retries it", async () => {
    const dir = await setUp();
    const options = {
      captures: path.join(dir, "captures"),
      endpointName: "ep",
      groundTruth: path.join(dir, "gt"),
      baseline: path.join(dir, "baseline"),
      reports: path.join(dir, "reports"),
      probabilityAttribute: "0",
      now: new Date(T0 + 6 * H),
    };
    const runs = await runHourlyModelQuality(options);
    assert.equal(runs.length, 3);
    for (const r of runs) assert.match(r.error?.message ?? "", /nothing (merged|to merge)/);
    const again = await runHourlyModelQuality(options);
    assert.ok(again.every((r) => !r.skipped && r.error));
  });

  it("reports to S3 (the local stack) and resumes from what is there", async () => {
    const dir = await setUp();
    const tmp = tempDir("hourly-s3");
    let stack: LocalStack | undefined;
    let s3: S3Client | undefined;
    try {
      stack = await startLocalStack({ port: 0, dataDir: path.join(tmp, "stack") });
      s3 = new S3Client(stack.clientConfig.s3);
      await s3.send(new CreateBucketCommand({ Bucket: "mqh" }));
      const options = {
        captures: path.join(dir, "captures"),
        endpointName: "ep",
        groundTruth: path.join(dir, "gt"),
        baseline: path.join(dir, "baseline"),
        reports: { s3, uri: "s3://mqh/reports" },
        probabilityAttribute: "0",
        startOffset: "-PT2H",
        endOffset: "-PT1H",
        now: new Date(T0 + 6 * H),
      };
      const runs = await runHourlyModelQuality(options);
      assert.deepEqual(runs[0]!.result!.written, [
        "s3://mqh/reports/ep/capture-lab-model-quality/2024/01/19/20/statistics.json",
        "s3://mqh/reports/ep/capture-lab-model-quality/2024/01/19/20/constraint_violations.json",
      ]);
      const again = await runHourlyModelQuality(options);
      assert.deepEqual(
        again.map((r) => r.skipped),
        [true, true, true],
      );
    } finally {
      s3?.destroy();
      await stack?.stop();
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });

  it("refuses a start offset not before the end offset", async () => {
    await assert.rejects(
      runHourlyModelQuality({
        captures: "nowhere",
        endpointName: "ep",
        groundTruth: "nowhere",
        baseline: "nowhere",
        reports: "nowhere",
        startOffset: "-PT1H",
        endOffset: "-PT2H",
      }),
      /must come before the end offset/,
    );
  });

  describe("on worker threads (parallel)", () => {
    it("1 and 2 workers write the same files, plain and with a Python and a JavaScript preprocessor (one process per worker)", async () => {
      const dir = await setUp();
      const py = path.join(dir, "score.py");
      fs.writeFileSync(
        py,
        'import os\nprint("loaded in", os.getpid())\ndef preprocess_handler(r):\n    return {"score": float(r.endpoint_output.data)}\n',
      );
      const js = path.join(dir, "score.js");
      fs.writeFileSync(
        js,
        "exports.preprocessHandler = (r) => ({ score: r.captureData.endpointOutput.data.trim() });\n",
      );
      const post = path.join(dir, "post.py");
      fs.writeFileSync(post, 'import os\ndef postprocess_handler():\n    print("post", os.environ["start_time"])\n');
      const base = {
        captures: path.join(dir, "captures"),
        endpointName: "ep",
        groundTruth: path.join(dir, "gt"),
        baseline: path.join(dir, "baseline"),
        startOffset: "-PT2H",
        endOffset: "-PT1H",
        now: new Date(T0 + 6 * H),
      };
      const trees: Array<[string, Map<string, string>]> = [];
      for (const script of [undefined, py, js])
        for (const parallel of [1, 2]) {
          const name = `${script ? path.extname(script) : "plain"}-${parallel}`;
          const out: string[] = [];
          const runs = await runHourlyModelQuality({
            ...base,
            reports: path.join(dir, name),
            parallel,
            probabilityAttribute: script ? "score" : "0",
            recordPreprocessor: script,
            postAnalyticsProcessor: script ? post : undefined,
            onScriptOutput: (t) => void out.push(t),
          });
          assert.deepEqual(
            runs.map((r) => [r.hour, r.error?.message, r.result?.metrics.rows]),
            ["20", "21", "22"].map((h) => [`2024/01/19/${h}`, undefined, 100]),
            name,
          );
          if (script) {
            assert.deepEqual(
              runs.map((r) => r.result!.postAnalytics?.output.trim()),
              runs.map((r) => `post ${r.from.toISOString()}`),
            );
            assert.equal(out.join("").match(/record preprocessor: /g)?.length, 1);
          }
          if (script === py)
            // The main thread's load check, then one Python process per worker (2 workers, 3 hours).
            assert.equal(new Set(out.join("").match(/loaded in \d+/g)).size, parallel === 1 ? 1 : 3);
          trees.push([name, tree(path.join(dir, name))]);
        }
      const [, first] = trees[0]!;
      assert.equal(first.size, 3 * 2);
      for (const [name, t] of trees.slice(1)) assert.deepEqual(t, first, name);
    });

    it("a worker that dies fails its hour with the reason, the others go on; a rerun resumes with that hour", async () => {
      const dir = await setUp();
      const dies = path.join(dir, "dies.js");
      // process.exit in a worker thread ends that thread only.
      fs.writeFileSync(
        dies,
        'exports.preprocessHandler = (r) => { if (r.eventMetadata.inferenceId === "h1-5") process.exit(9); return { score: r.captureData.endpointOutput.data }; };\n',
      );
      const options = {
        captures: path.join(dir, "captures"),
        endpointName: "ep",
        groundTruth: path.join(dir, "gt"),
        baseline: path.join(dir, "baseline"),
        reports: path.join(dir, "reports"),
        startOffset: "-PT2H",
        endOffset: "-PT1H",
        now: new Date(T0 + 6 * H),
        parallel: 2,
        probabilityAttribute: "score",
        onScriptOutput: () => {},
      };
      const progress: number[] = [];
      const runs = await runHourlyModelQuality({
        ...options,
        recordPreprocessor: dies,
        onProgress: (p) => progress.push(p.done),
      });
      assert.deepEqual(progress, [1, 2, 3]);
      assert.deepEqual(
        runs.map((r) => [r.hour.slice(-2), r.error ? "failed" : "ran"]),
        [
          ["20", "ran"],
          ["21", "failed"],
          ["22", "ran"],
        ],
      );
      assert.match(runs[1]!.error!.message, /worker thread died while running this task: exit code 9/);
      const fine = path.join(dir, "fine.js");
      fs.writeFileSync(fine, "exports.preprocessHandler = (r) => ({ score: r.captureData.endpointOutput.data });\n");
      const again = await runHourlyModelQuality({ ...options, recordPreprocessor: fine });
      assert.deepEqual(
        again.map((r) => [r.hour.slice(-2), r.skipped ? "skipped" : r.error ? "failed" : "ran"]),
        [
          ["20", "skipped"],
          ["21", "ran"],
          ["22", "skipped"],
        ],
      );
    });
  });
});
