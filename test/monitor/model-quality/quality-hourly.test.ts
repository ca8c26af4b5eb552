import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { planQualityHours, runHourlyModelQuality } from "../../../src/monitor/model-quality/quality-hourly";
import { CreateBucketCommand, S3Client } from "@aws-sdk/client-s3";
import { startLocalStack, type LocalStack } from "../../../src/local";
import { tempDir, writeHourlyScenario as setUp } from "./helpers";

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
});
