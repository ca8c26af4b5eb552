import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import {
  DeleteEndpointCommand,
  DescribeEndpointCommand,
  UpdateEndpointCommand,
  waitUntilEndpointDeleted,
  waitUntilEndpointInService,
} from "@aws-sdk/client-sagemaker";
import { InvokeEndpointCommand, SageMakerRuntimeClient } from "@aws-sdk/client-sagemaker-runtime";
import {
  captureConfig,
  CHURN_DIR,
  createConfig,
  deploy,
  FAST_WAIT,
  readCaptures,
  startE2eStack,
  testRows,
  uploadChurnModel,
  XGB_IMAGE,
  type E2eStack,
} from "./helpers";

describe("local stack end to end: deploy the churn model, invoke, capture (real SDK clients)", function () {
  this.timeout(60_000);
  let e2e: E2eStack;
  let modelUri: string;

  before(async function () {
    if (!fs.existsSync(path.join(CHURN_DIR, "xgboost-model.json"))) this.skip();
    e2e = await startE2eStack("capture-lab-e2e-", {
      captureRollIntervalMs: 60_000,
      captureFlushIntervalMs: 100,
      seed: 42,
      healthCheckTimeoutMs: 1500,
    });
    modelUri = await uploadChurnModel(e2e.s3);
  });
  after(async () => {
    await e2e?.close();
  });

  it("captures every invocation byte for byte at 100 %, then follows UpdateEndpoint to 0 %, disabled and no capture", async () => {
    await deploy(
      e2e.sm,
      { model: "churn", config: "churn-100", endpoint: "Churn-Ep" },
      { Image: XGB_IMAGE, ModelDataUrl: modelUri },
      captureConfig(100),
    );
    const rows = testRows(25);
    const answers = new Map<string, { body: string; contentType?: string }>();
    for (const [i, row] of rows.entries()) {
      const out = await e2e.rt.send(
        new InvokeEndpointCommand({
          EndpointName: "Churn-Ep",
          ContentType: "text/csv",
          Body: row,
          InferenceId: `row-${i}`,
        }),
      );
      assert.equal(out.InvokedProductionVariant, "AllTraffic");
      const body = out.Body.transformToString();
      const p = Number(body.trim());
      assert.ok(p >= 0 && p <= 1, `prediction ${body} is a probability`);
      answers.set(`row-${i}`, { body, contentType: out.ContentType });
    }
    await e2e.stack.flushCapture("Churn-Ep");
    const captures = await readCaptures(e2e.s3, "Churn-Ep");
    assert.equal(captures.length, rows.length);
    for (const { key, record } of captures) {
      assert.match(
        key,
        /^capture\/Churn-Ep\/AllTraffic\/\d{4}\/\d{2}\/\d{2}\/\d{2}\/\d{2}-\d{2}-\d{3}-[0-9a-f-]{36}\.jsonl$/,
      );
      const id = record.eventMetadata.inferenceId!;
      const i = Number(id.slice(4));
      assert.equal(record.captureData.endpointInput?.data, rows[i]);
      assert.equal(record.captureData.endpointInput?.observedContentType, "text/csv");
      assert.equal(record.captureData.endpointInput?.encoding, "CSV");
      assert.equal(record.captureData.endpointOutput?.data, answers.get(id)?.body);
      assert.equal(record.captureData.endpointOutput?.observedContentType, answers.get(id)?.contentType ?? null);
    }
    assert.deepEqual(new Set(captures.map((c) => c.record.eventMetadata.inferenceId)), new Set(answers.keys()));
    const status = e2e.stack.status().endpoints.find((e) => e.name === "Churn-Ep")!;
    assert.equal(status.counters.captured, rows.length);
    assert.equal(status.counters.written, rows.length);
    assert.equal(status.counters.lost, 0);

    // 0 %: serving continues, nothing new is captured, Describe shows the new percentage.
    await createConfig(e2e.sm, "churn-0", "churn", captureConfig(0));
    await e2e.sm.send(new UpdateEndpointCommand({ EndpointName: "Churn-Ep", EndpointConfigName: "churn-0" }));
    await waitUntilEndpointInService({ client: e2e.sm, ...FAST_WAIT }, { EndpointName: "Churn-Ep" });
    const d0 = await e2e.sm.send(new DescribeEndpointCommand({ EndpointName: "Churn-Ep" }));
    assert.equal(d0.DataCaptureConfig?.CurrentSamplingPercentage, 0);
    for (const row of rows.slice(0, 10))
      await e2e.rt.send(new InvokeEndpointCommand({ EndpointName: "Churn-Ep", ContentType: "text/csv", Body: row }));
    await e2e.stack.flushCapture("Churn-Ep");
    assert.equal((await readCaptures(e2e.s3, "Churn-Ep")).length, rows.length);
    assert.equal(e2e.stack.status().endpoints.find((e) => e.name === "Churn-Ep")!.counters.sampledOut, 10);

    // Disabled: the summary says Stopped. No capture config: the summary disappears.
    await createConfig(e2e.sm, "churn-off", "churn", captureConfig(100, false));
    await e2e.sm.send(new UpdateEndpointCommand({ EndpointName: "Churn-Ep", EndpointConfigName: "churn-off" }));
    await waitUntilEndpointInService({ client: e2e.sm, ...FAST_WAIT }, { EndpointName: "Churn-Ep" });
    const dOff = await e2e.sm.send(new DescribeEndpointCommand({ EndpointName: "Churn-Ep" }));
    assert.equal(dOff.DataCaptureConfig?.CaptureStatus, "Stopped");
    assert.equal(dOff.DataCaptureConfig?.EnableCapture, false);
    await e2e.rt.send(new InvokeEndpointCommand({ EndpointName: "Churn-Ep", ContentType: "text/csv", Body: rows[0] }));
    await createConfig(e2e.sm, "churn-none", "churn");
    await e2e.sm.send(new UpdateEndpointCommand({ EndpointName: "Churn-Ep", EndpointConfigName: "churn-none" }));
    await waitUntilEndpointInService({ client: e2e.sm, ...FAST_WAIT }, { EndpointName: "Churn-Ep" });
    const dNone = await e2e.sm.send(new DescribeEndpointCommand({ EndpointName: "Churn-Ep" }));
    assert.equal(dNone.DataCaptureConfig, undefined);
    await e2e.stack.flushCapture();
    assert.equal((await readCaptures(e2e.s3, "Churn-Ep")).length, rows.length);

    await e2e.sm.send(new DeleteEndpointCommand({ EndpointName: "Churn-Ep" }));
    const w = await waitUntilEndpointDeleted({ client: e2e.sm, ...FAST_WAIT }, { EndpointName: "Churn-Ep" });
    assert.equal(w.state, "SUCCESS");
  });

  it("captures each of 50 concurrent invocations exactly once", async () => {
    await deploy(
      e2e.sm,
      { model: "churn-c", config: "churn-c", endpoint: "churn-concurrent" },
      { Image: XGB_IMAGE, ModelDataUrl: modelUri },
      captureConfig(100),
    );
    const rows = testRows(50);
    const clients = rows.map(() => new SageMakerRuntimeClient(e2e.stack.clientConfig.runtime));
    try {
      await Promise.all(
        rows.map((row, i) =>
          clients[i].send(
            new InvokeEndpointCommand({
              EndpointName: "churn-concurrent",
              ContentType: "text/csv",
              Body: row,
              InferenceId: `c-${i}`,
            }),
          ),
        ),
      );
    } finally {
      clients.forEach((c) => c.destroy());
    }
    await e2e.stack.flushCapture("churn-concurrent");
    const ids = (await readCaptures(e2e.s3, "churn-concurrent")).map((c) => c.record.eventMetadata.inferenceId).sort();
    assert.deepEqual(ids, rows.map((_, i) => `c-${i}`).sort());
  });

  it("serves the status route with capture counters", async () => {
    const res = await fetch(`${e2e.stack.endpoint}/_capture-lab/status`);
    assert.equal(res.status, 200);
    const body = (await res.json()) as { endpoints: Array<{ name: string; counters: { captured: number } }> };
    assert.equal(body.endpoints.find((e) => e.name === "churn-concurrent")?.counters.captured, 50);
    const flushed = await fetch(`${e2e.stack.endpoint}/_capture-lab/flush?endpoint=churn-concurrent`, {
      method: "POST",
    });
    assert.equal(flushed.status, 200);
  });
});
