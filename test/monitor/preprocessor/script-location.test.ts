/** Preprocessor and postprocessor scripts from S3 (the local stack's S3 on port 0), through runMonitor. */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { CreateBucketCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { startLocalStack, type LocalStack } from "../../../src/local";
import { suggestBaseline } from "../../../src/monitor/baseline";
import { runHourlyMonitoring } from "../../../src/monitor/hourly";
import { runMonitor } from "../../../src/monitor/monitor-run";
import { PreprocessorError } from "../../../src/monitor/preprocessor/preprocessor-error";
import { uploadScript } from "../../../src/monitor/preprocessor/script-location";
import { writeCaptures } from "../captures";

const FIX = path.resolve(__dirname, "..", "..", "fixtures", "monitor", "preprocessor");

describe("monitor/preprocessor/script-location (scripts from S3)", function () {
  this.timeout(60_000);
  let tmp: string;
  let stack: LocalStack;
  let s3: S3Client;
  before(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "preprocessor-s3-"));
    stack = await startLocalStack({ port: 0, dataDir: path.join(tmp, "stack") });
    s3 = new S3Client(stack.clientConfig.s3);
    await s3.send(new CreateBucketCommand({ Bucket: "code" }));
    // uploadScript for the Python one (as notebook 02 does), a plain PutObject for the other.
    const up = await uploadScript(path.join(FIX, "drop-and-null.py"), {
      s3,
      uri: "s3://code/monitor/drop-and-null.py",
    });
    assert.deepEqual(up, {
      uri: "s3://code/monitor/drop-and-null.py",
      bytes: fs.statSync(path.join(FIX, "drop-and-null.py")).size,
    });
    await s3.send(
      new PutObjectCommand({
        Bucket: "code",
        Key: "monitor/drop-and-null.mjs",
        Body: fs.readFileSync(path.join(FIX, "drop-and-null.mjs")),
      }),
    );
    const rows = Array.from({ length: 200 }, (_, i) => `${i % 2},${i % 9},${(i % 11) + 0.25},${i % 3 ? "x" : "y"}`);
    fs.writeFileSync(path.join(tmp, "train.csv"), "label,a,b,c\n" + rows.join("\n") + "\n");
    await suggestBaseline({
      dataset: path.join(tmp, "train.csv"),
      datasetFormat: { csv: { header: true } },
      output: path.join(tmp, "baseline"),
    });
    writeCaptures(
      path.join(tmp, "cap"),
      Array.from({ length: 50 }, (_, i) => ({
        input: JSON.stringify({
          customer: { a: i % 9, b: (i % 11) + 0.25, segment: i % 3 ? "x" : "y" },
          test: i === 3,
        }),
        output: JSON.stringify({ label: i % 2 }),
        inputType: "application/json",
        outputType: "application/json",
        time: new Date(Date.UTC(2024, 0, 1, 10) + i * 1000),
      })),
    );
  });
  after(async () => {
    s3?.destroy();
    await stack?.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  for (const ext of ["py", "mjs"])
    it(`an s3:// ${ext} script is read through the given S3 client and said to be fetched from S3`, async () => {
      const out: string[] = [];
      const r = await runMonitor({
        captures: path.join(tmp, "cap"),
        baseline: path.join(tmp, "baseline"),
        recordPreprocessor: { s3, uri: `s3://code/monitor/drop-and-null.${ext}` },
        postAnalyticsProcessor: { s3, uri: `s3://code/monitor/drop-and-null.${ext}` },
        onScriptOutput: (t) => void out.push(t),
      });
      assert.equal(r.rows, 49);
      assert.match(
        out.join(""),
        new RegExp(
          `record preprocessor: s3://code/monitor/drop-and-null\\.${ext} \\(code fetched from S3, executed on this machine\\)`,
        ),
      );
      assert.equal(r.postAnalytics?.script, `s3://code/monitor/drop-and-null.${ext}`);
    });

  it("hourly on 2 worker threads: the s3:// scripts are fetched once in the main thread, each hour runs them under their URI", async () => {
    const dir = path.join(tmp, "hours");
    writeCaptures(
      dir,
      Array.from({ length: 60 }, (_, i) => ({
        input: JSON.stringify({ customer: { a: i % 9, b: (i % 11) + 0.25, segment: i % 3 ? "x" : "y" } }),
        output: JSON.stringify({ label: i % 2 }),
        inputType: "application/json",
        outputType: "application/json",
        time: new Date(Date.UTC(2024, 0, 1, 10) + i * 180_000),
      })),
    );
    const out: string[] = [];
    const runs = await runHourlyMonitoring({
      captures: path.join(dir, "ep"),
      endpointName: "ep",
      baseline: path.join(tmp, "baseline"),
      reports: path.join(tmp, "hour-reports"),
      now: new Date(Date.UTC(2024, 0, 2)),
      parallel: 2,
      recordPreprocessor: { s3, uri: "s3://code/monitor/drop-and-null.py" },
      postAnalyticsProcessor: { s3, uri: "s3://code/monitor/drop-and-null.mjs" },
      onScriptOutput: (t) => void out.push(t),
    });
    assert.deepEqual(
      runs.map((r) => [r.hour, r.error?.message, r.result?.rows]),
      [
        ["2024/01/01/10", undefined, 20],
        ["2024/01/01/11", undefined, 20],
        ["2024/01/01/12", undefined, 20],
      ],
    );
    assert.equal(
      out.join("").match(/record preprocessor: s3:\/\/code\/monitor\/drop-and-null\.py \(code fetched from S3/g)
        ?.length,
      1,
    );
    assert.equal(
      out.join("").match(/post-analytics processor: s3:\/\/code\/monitor\/drop-and-null\.mjs \(code fetched from S3/g)
        ?.length,
      3,
    );
    assert.deepEqual(
      runs.map((r) => r.result?.postAnalytics?.script),
      runs.map(() => "s3://code/monitor/drop-and-null.mjs"),
    );
  });

  it("one window split over 2 threads: the s3:// script is fetched once here, the worker runs the local copy", async () => {
    const dir = path.join(tmp, "split");
    // One file a minute: a window of 30 files to split.
    writeCaptures(
      dir,
      Array.from({ length: 60 }, (_, i) => ({
        input: JSON.stringify({ customer: { a: i % 9, b: (i % 11) + 0.25, segment: i % 3 ? "x" : "y" } }),
        output: JSON.stringify({ label: i % 2 }),
        inputType: "application/json",
        outputType: "application/json",
        time: new Date(Date.UTC(2024, 0, 1, 10) + i * 30_000),
      })),
    );
    const runs = [];
    const out: string[] = [];
    for (const parallel of [1, 2])
      runs.push(
        await runMonitor({
          captures: dir,
          baseline: path.join(tmp, "baseline"),
          parallel,
          splitMinBytes: 0,
          recordPreprocessor: { s3, uri: "s3://code/monitor/drop-and-null.py" },
          onScriptOutput: (t) => void out.push(t),
        }),
      );
    assert.deepEqual(
      runs.map((r) => [r.threads, r.records, r.profiledRecords, r.rows, r.statistics.dataset.item_count]),
      [
        [1, 60, 60, 60, 60],
        [2, 60, 60, 60, 60],
      ],
    );
    assert.equal(
      out.join("").match(/record preprocessor: s3:\/\/code\/monitor\/drop-and-null\.py \(code fetched from S3/g)
        ?.length,
      2,
      "once per run",
    );
  });

  it("a missing S3 script stops the run, naming the URI", async () => {
    await assert.rejects(
      runMonitor({
        captures: path.join(tmp, "cap"),
        baseline: path.join(tmp, "baseline"),
        recordPreprocessor: { s3, uri: "s3://code/monitor/nope.py" },
        onScriptOutput: () => {},
      }),
      (e: unknown) =>
        e instanceof PreprocessorError && /s3:\/\/code\/monitor\/nope\.py: cannot read the script/.test(e.message),
    );
  });
});
