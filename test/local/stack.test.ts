import { strict as assert } from "node:assert";
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { S3Client } from "@aws-sdk/client-s3";
import { DescribeEndpointCommand, SageMakerClient } from "@aws-sdk/client-sagemaker";
import { InvokeEndpointCommand, SageMakerRuntimeClient } from "@aws-sdk/client-sagemaker-runtime";
import { startLocalStack } from "../../src/local";
import { captureConfig, CHURN_DIR, deploy, readCaptures, testRows, uploadChurnModel, XGB_IMAGE } from "./e2e/helpers";

const REPO = path.resolve(__dirname, "../..");

describe("startLocalStack: restart and shutdown", function () {
  this.timeout(60_000);
  let dir: string;
  beforeEach(function () {
    if (!fs.existsSync(path.join(CHURN_DIR, "xgboost-model.json"))) this.skip();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "capture-lab-restart-"));
  });
  afterEach(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it("brings endpoints back InService on the same dataDir and keeps earlier captures", async () => {
    const rows = testRows(5);
    let stack = await startLocalStack({ dataDir: dir, captureFlushIntervalMs: 100 });
    let s3 = new S3Client(stack.clientConfig.s3);
    let sm = new SageMakerClient(stack.clientConfig.sageMaker);
    let rt = new SageMakerRuntimeClient(stack.clientConfig.runtime);
    const created = await (async () => {
      await deploy(
        sm,
        { model: "m", config: "c", endpoint: "Kept" },
        { Image: XGB_IMAGE, ModelDataUrl: await uploadChurnModel(s3) },
        captureConfig(100),
      );
      for (const [i, row] of rows.entries()) {
        await rt.send(
          new InvokeEndpointCommand({
            EndpointName: "Kept",
            ContentType: "text/csv",
            Body: row,
            InferenceId: `before-${i}`,
          }),
        );
      }
      return (await sm.send(new DescribeEndpointCommand({ EndpointName: "Kept" }))).CreationTime;
    })();
    [s3, sm, rt].forEach((c) => c.destroy());
    await stack.stop(); // flushes: nothing buffered is lost

    stack = await startLocalStack({ dataDir: dir, captureFlushIntervalMs: 100 });
    s3 = new S3Client(stack.clientConfig.s3);
    sm = new SageMakerClient(stack.clientConfig.sageMaker);
    rt = new SageMakerRuntimeClient(stack.clientConfig.runtime);
    try {
      // DescribeEndpoint's short settle wait lets the first poll see InService.
      const d = await sm.send(new DescribeEndpointCommand({ EndpointName: "Kept" }));
      assert.equal(d.EndpointStatus, "InService");
      assert.equal(d.CreationTime?.getTime(), created?.getTime());
      assert.deepEqual(
        (await readCaptures(s3, "Kept")).map((c) => c.record.eventMetadata.inferenceId).sort(),
        rows.map((_, i) => `before-${i}`),
      );
      await rt.send(
        new InvokeEndpointCommand({
          EndpointName: "Kept",
          ContentType: "text/csv",
          Body: rows[0],
          InferenceId: "after",
        }),
      );
      await stack.flushCapture();
      assert.equal((await readCaptures(s3, "Kept")).length, rows.length + 1);
    } finally {
      [s3, sm, rt].forEach((c) => c.destroy());
      await stack.stop();
    }
  });

  it("stop() under traffic: refuses new invocations (503), and every invocation answered 200 is captured once", async () => {
    let stack = await startLocalStack({ dataDir: dir });
    const s3 = new S3Client(stack.clientConfig.s3);
    const sm = new SageMakerClient(stack.clientConfig.sageMaker);
    const rt = new SageMakerRuntimeClient({ ...stack.clientConfig.runtime, maxAttempts: 1 });
    const rows = testRows(20);
    const acked: string[] = [];
    const refused: number[] = [];
    let stopped = false;
    try {
      await deploy(
        sm,
        { model: "m", config: "c", endpoint: "Busy" },
        { Image: XGB_IMAGE, ModelDataUrl: await uploadChurnModel(s3) },
        captureConfig(100),
      );
      let n = 0;
      const workers = Array.from({ length: 8 }, async () => {
        while (!stopped) {
          const id = `s-${n++}`;
          try {
            await rt.send(
              new InvokeEndpointCommand({
                EndpointName: "Busy",
                ContentType: "text/csv",
                Body: rows[n % rows.length],
                InferenceId: id,
              }),
            );
            acked.push(id);
          } catch (err) {
            refused.push((err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode ?? 0);
            return; // the stack is stopping or gone
          }
        }
      });
      while (acked.length < 200) await new Promise((r) => setImmediate(r));
      await stack.stop();
      stopped = true;
      await Promise.all(workers);
    } finally {
      stopped = true;
      [s3, sm, rt].forEach((c) => c.destroy());
      await stack.stop();
    }
    stack = await startLocalStack({ dataDir: dir });
    const reader = new S3Client(stack.clientConfig.s3);
    try {
      const ids = (await readCaptures(reader, "Busy")).map((c) => c.record.eventMetadata.inferenceId ?? "");
      assert.equal(new Set(ids).size, ids.length, "no record captured twice");
      const captured = new Set(ids);
      const missing = acked.filter((id) => !captured.has(id));
      assert.deepEqual(missing, [], `${missing.length} of ${acked.length} acknowledged invocations not captured`);
      assert.ok(refused.includes(503), `refusals seen: ${refused.join(",")}`);
    } finally {
      reader.destroy();
      await stack.stop();
    }
  });

  it("stop() leaves nothing running: a process that starts, uses and stops a stack exits by itself", async () => {
    const script = `
      const { startLocalStack } = require(${JSON.stringify(path.join(REPO, "src/local"))});
      (async () => {
        const s = await startLocalStack({ dataDir: ${JSON.stringify(dir)}, captureFlushIntervalMs: 50 });
        const r = await fetch(s.endpoint + "/_capture-lab/status");
        if (r.status !== 200) process.exit(3);
        await s.stop();
        console.log("stopped");
      })().catch((e) => { console.error(e); process.exit(2); });`;
    const child = spawn(process.execPath, ["-r", "tsx/cjs", "-e", script], {
      cwd: REPO,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    const code = await new Promise<number | null>((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill();
        reject(new Error("the process did not exit within 20 s after stop(): something keeps it alive"));
      }, 20_000);
      child.on("exit", (c) => (clearTimeout(timer), resolve(c)));
    });
    assert.equal(code, 0);
    assert.match(out, /stopped/);
  });
});
