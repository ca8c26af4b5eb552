/** Baseline and monitoring through S3 (the local stack's S3 on port 0). */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {
  CreateBucketCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from "@aws-sdk/client-s3";
import { startLocalStack, type LocalStack } from "../../src/local";
import { suggestBaseline } from "../../src/monitor/baseline";
import { runHourlyMonitoring } from "../../src/monitor/hourly";
import { runMonitor } from "../../src/monitor/monitor-run";
import { writeCaptures } from "./captures";

describe("monitor over S3 (local stack)", function () {
  this.timeout(60_000);
  let tmp: string;
  let stack: LocalStack;
  let s3: S3Client;
  before(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "monitor-s3-"));
    stack = await startLocalStack({ port: 0, dataDir: path.join(tmp, "stack") });
    s3 = new S3Client(stack.clientConfig.s3);
    await s3.send(new CreateBucketCommand({ Bucket: "mon" }));
  });
  after(async () => {
    s3?.destroy();
    await stack?.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it("baseline from an S3 dataset to S3; hourly reports under {reports}/{endpoint}/{schedule}/yyyy/mm/dd/hh/", async () => {
    const rows = Array.from({ length: 400 }, (_, i) => `${i % 2},${i % 9},${(i % 11) + 0.25}`);
    await s3.send(
      new PutObjectCommand({ Bucket: "mon", Key: "train/part-0.csv", Body: "label,a,b\n" + rows.join("\n") + "\n" }),
    );
    const b = await suggestBaseline({
      dataset: { s3, uri: "s3://mon/train" },
      datasetFormat: { csv: { header: true } },
      output: { s3, uri: "s3://mon/baseline" },
    });
    assert.deepEqual(b.written, ["s3://mon/baseline/statistics.json", "s3://mon/baseline/constraints.json"]);
    assert.deepEqual(
      b.statistics.features.map((f) => f.name),
      ["label", "a", "b"],
    );

    const t0 = Date.UTC(2024, 2, 3, 4);
    const local = path.join(tmp, "cap");
    const files = writeCaptures(
      local,
      Array.from({ length: 300 }, (_, i) => ({
        input: `${i % 9},${(i % 11) + 0.25}`,
        output: String(i % 2),
        time: new Date(t0 + i * 1000),
      })),
      "ep",
    );
    for (const f of files)
      await s3.send(
        new PutObjectCommand({
          Bucket: "mon",
          Key: `datacapture/${path.relative(local, f)}`,
          Body: fs.readFileSync(f),
        }),
      );

    const one = await runMonitor({
      captures: { s3, uri: "s3://mon/datacapture/ep" },
      baseline: { s3, uri: "s3://mon/baseline" },
      output: { s3, uri: "s3://mon/out" },
    });
    assert.equal(one.rows, 300);
    assert.deepEqual(one.violations, []);

    const runs = await runHourlyMonitoring({
      captures: { s3, uri: "s3://mon/datacapture", endpointName: "ep" },
      endpointName: "ep",
      scheduleName: "hourly",
      baseline: { s3, uri: "s3://mon/baseline" },
      reports: { s3, uri: "s3://mon/reports" },
      now: new Date(t0 + 7_200_000),
      htmlReport: "drift-report.html",
    });
    assert.deepEqual(
      runs.map((r) => [r.hour, r.error?.message]),
      [["2024/03/03/04", undefined]],
    );
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: "mon", Prefix: "reports/" }));
    assert.deepEqual((listed.Contents ?? []).map((o) => o.Key).sort(), [
      "reports/ep/hourly/2024/03/03/04/constraint_violations.json",
      "reports/ep/hourly/2024/03/03/04/drift-report.html",
      "reports/ep/hourly/2024/03/03/04/statistics.json",
    ]);
    const v = await s3.send(
      new GetObjectCommand({ Bucket: "mon", Key: "reports/ep/hourly/2024/03/03/04/constraint_violations.json" }),
    );
    assert.equal(await v.Body!.transformToString(), '{\n  "violations" : [ ]\n}');
  });
});
