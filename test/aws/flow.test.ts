/**
 * The walkthrough end to end against the embedded local stack with the real SDK clients:
 * bucket, upload, deploy with 100 % capture, invoke 20 rows, find the captures, turn sampling
 * down to 0 % without losing other settings, tear down.
 */
import { strict as assert } from "assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {
  DescribeEndpointCommand,
  DescribeEndpointConfigCommand,
  DescribeModelCommand,
} from "@aws-sdk/client-sagemaker";
import { GetObjectCommand } from "@aws-sdk/client-s3";
import {
  capturePaths,
  captureSourceFor,
  connect,
  deployModel,
  describeCapture,
  ensureBucket,
  invokeRows,
  teardown,
  uniqueName,
  updateDataCapture,
  uploadModelArtifact,
  waitForCaptures,
  type CaptureLabSession,
} from "../../src";
import { probeLocalStack, localStatus } from "../../src/session";
import { EndpointFailedError, type InvokeProgress } from "../../src/aws";
import { buildDataCaptureConfig, parseS3Uri } from "../../src/capture";
import { startLocalStack, type LocalStack } from "../../src/local";

const ROOT = path.resolve(__dirname, "../..");
const MODEL = path.join(ROOT, "data/churn/xgboost-model.json");
const TEST_CSV = path.join(ROOT, "data/churn/test.csv");

async function rejectsNotFound(p: Promise<unknown>): Promise<void> {
  await assert.rejects(p, (e: Error) => e.name === "ValidationException" || e.name === "ResourceNotFound");
}

describe("aws/flow: the walkthrough against the embedded local stack", function () {
  this.timeout(60_000);
  let tmp: string;
  let stack: LocalStack | undefined;
  let session: CaptureLabSession;

  before(async () => {
    if (!fs.existsSync(MODEL) || !fs.existsSync(TEST_CSV))
      throw new Error(`demo assets missing: ${MODEL}, ${TEST_CSV}`);
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "capture-lab-aws-flow-"));
    stack = await startLocalStack({ port: 0, dataDir: tmp, captureRollIntervalMs: 200, healthCheckTimeoutMs: 1500 });
    session = await connect({ target: { kind: "local", endpoint: stack.endpoint }, env: {} });
  });

  after(async () => {
    if (session) await session.close();
    if (stack) await stack.stop();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it("deploys with capture, invokes, finds the captures, updates sampling only, tears down", async () => {
    const paths = capturePaths(session);

    // Step 1: the bucket, twice (idempotent).
    const first = await ensureBucket(session);
    const second = await ensureBucket(session);
    assert.equal(first.created, true);
    assert.equal(second.created, false);

    // Step 2: the model archive.
    const artifact = await uploadModelArtifact(session, { modelFile: MODEL });
    assert.match(artifact.uri, new RegExp(`^s3://${session.bucket}/${session.prefix}/.+\\.tar\\.gz$`));
    const { bucket, key } = parseS3Uri(artifact.uri);
    const stored = await session.s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    assert.equal((await stored.Body!.transformToByteArray()).length, artifact.bytes);

    // Steps 3-4: deploy with 100 % capture.
    const endpointName = uniqueName("aws-flow-test");
    const statuses: string[] = [];
    const capture = buildDataCaptureConfig({ samplingPercentage: 100, destinationS3Uri: paths.captureUri });
    const described = await deployModel(session, {
      endpointName,
      modelDataUrl: artifact.uri,
      dataCapture: capture,
      onStatus: (s) => statuses.push(s),
    });
    assert.equal(described.EndpointStatus, "InService");
    assert.equal(statuses[statuses.length - 1], "InService");
    const summary = await describeCapture(session, endpointName);
    assert.equal(summary?.CaptureStatus, "Started");
    assert.equal(summary?.CurrentSamplingPercentage, 100);
    assert.equal(summary?.DestinationS3Uri, paths.captureUri);

    // Step 5: 20 rows with progress.
    const progress: InvokeProgress[] = [];
    const result = await invokeRows(session, {
      endpointName,
      csvPath: TEST_CSV,
      limit: 20,
      onProgress: (p) => progress.push(p),
    });
    assert.equal(result.failed, 0, JSON.stringify(result.errors));
    assert.equal(result.sent, 20);
    for (const p of result.predictions)
      assert.ok(Number.isFinite(Number(p.trim())), `prediction ${JSON.stringify(p)} is not a number`);
    for (let i = 1; i < progress.length; i++)
      assert.ok(progress[i].done >= progress[i - 1].done, "done counts are monotonic");
    assert.equal(progress[progress.length - 1].done, 20);

    // Step 6: the captures.
    const files = await waitForCaptures(session, { endpointName, expectedRecords: 20, timeoutMs: 15_000 });
    assert.ok(files.length >= 1);
    for (const f of files) {
      assert.equal(f.endpointName, endpointName);
      assert.equal(f.variantName, "AllTraffic");
      assert.ok(f.source.startsWith(`${paths.captureUri}/${endpointName}/AllTraffic/`), f.source);
    }
    const source = await captureSourceFor(session, endpointName);
    assert.equal(source.uri, `${paths.captureUri}/${endpointName}`);
    assert.equal(source.s3, session.s3);
    // The stack's counters agree: every invocation captured and written (flushed via the route).
    const status = await localStatus(session);
    const counters = status.endpoints.find((e) => e.name === endpointName)?.counters;
    assert.ok(counters, `status lists ${endpointName}`);
    assert.equal(counters.invocations, 20);
    assert.equal(counters.written, 20);
    assert.equal(counters.pending, 0);

    // Sampling down to 0 %: everything else in the config stays as it was.
    const before = await session.sageMaker.send(
      new DescribeEndpointConfigCommand({ EndpointConfigName: described.EndpointConfigName! }),
    );
    const newConfig = await updateDataCapture(session, endpointName, { samplingPercentage: 0 });
    assert.notEqual(newConfig, described.EndpointConfigName);
    const after = await session.sageMaker.send(new DescribeEndpointConfigCommand({ EndpointConfigName: newConfig }));
    const strip = (c: Record<string, unknown>) => {
      const { $metadata: _m, EndpointConfigName: _n, EndpointConfigArn: _a, CreationTime: _t, ...rest } = c;
      return rest;
    };
    assert.deepEqual(strip(after as unknown as Record<string, unknown>), {
      ...strip(before as unknown as Record<string, unknown>),
      DataCaptureConfig: { ...before.DataCaptureConfig, InitialSamplingPercentage: 0 },
    });
    const endpointNow = await session.sageMaker.send(new DescribeEndpointCommand({ EndpointName: endpointName }));
    assert.equal(endpointNow.EndpointConfigName, newConfig);
    assert.equal(endpointNow.DataCaptureConfig?.CurrentSamplingPercentage, 0);
    assert.equal(endpointNow.DataCaptureConfig?.DestinationS3Uri, paths.captureUri);

    // Disable, then re-enable: sampling stays 0 % and the destination stays (the SDK resets them).
    const offConfig = await updateDataCapture(session, endpointName, { enableCapture: false });
    assert.equal((await describeCapture(session, endpointName))?.CaptureStatus, "Stopped");
    const onConfig = await updateDataCapture(session, endpointName, { enableCapture: true });
    const reenabled = await describeCapture(session, endpointName);
    assert.deepEqual(
      {
        status: reenabled?.CaptureStatus,
        sampling: reenabled?.CurrentSamplingPercentage,
        destination: reenabled?.DestinationS3Uri,
      },
      { status: "Started", sampling: 0, destination: paths.captureUri },
    );

    // Teardown: endpoint, all four configs, the model.
    const removed = await teardown(session, { endpointName });
    assert.equal(removed.endpointDeleted, true);
    assert.deepEqual(
      [...removed.configsDeleted].sort(),
      [described.EndpointConfigName!, newConfig, offConfig, onConfig].sort(),
    );
    assert.deepEqual(removed.modelsDeleted, [endpointName]);
    await rejectsNotFound(session.sageMaker.send(new DescribeEndpointCommand({ EndpointName: endpointName })));
    await rejectsNotFound(session.sageMaker.send(new DescribeEndpointConfigCommand({ EndpointConfigName: newConfig })));
    await rejectsNotFound(session.sageMaker.send(new DescribeModelCommand({ ModelName: endpointName })));

    // Captured data outlives the endpoint; a second teardown finds nothing to delete.
    assert.ok(
      (await waitForCaptures(session, { endpointName, destination: paths.captureUri, timeoutMs: 1000 })).length >= 1,
    );
    assert.deepEqual(await teardown(session, { endpointName }), {
      endpointDeleted: false,
      configsDeleted: [],
      modelsDeleted: [],
    });
  });

  it("reports an endpoint that cannot load its model with the FailureReason", async () => {
    await ensureBucket(session);
    const artifact = await uploadModelArtifact(session, {
      files: { "xgboost-model": "this is not a model" },
      key: "broken/model.tar.gz",
    });
    const endpointName = uniqueName("aws-flow-broken");
    await assert.rejects(deployModel(session, { endpointName, modelDataUrl: artifact.uri }), (e: unknown) => {
      assert.ok(e instanceof EndpointFailedError, String(e));
      assert.equal(e.status, "Failed");
      assert.ok(e.failureReason && e.failureReason.length > 0, "FailureReason is carried");
      assert.ok(e.message.includes(e.failureReason!), e.message);
      return true;
    });
    const removed = await teardown(session, { endpointName });
    assert.equal(removed.endpointDeleted, true);
    assert.deepEqual(removed.modelsDeleted, [endpointName]);
  });

  it("teardown leaves another endpoint's configs alone when their names share a stem", async () => {
    await ensureBucket(session);
    const artifact = await uploadModelArtifact(session, { modelFile: MODEL, key: "stem/model.tar.gz" });
    const base = "stem-collision-" + "x".repeat(40);
    const [a, b] = [`${base}-a`, `${base}-b`];
    for (const name of [a, b]) await deployModel(session, { endpointName: name, modelDataUrl: artifact.uri });
    const aUpdate = await updateDataCapture(session, a, {
      samplingPercentage: 10,
      destinationS3Uri: capturePaths(session).captureUri,
    });
    const bUpdate = await updateDataCapture(session, b, {
      samplingPercentage: 10,
      destinationS3Uri: capturePaths(session).captureUri,
    });
    const removed = await teardown(session, { endpointName: a });
    assert.deepEqual([...removed.configsDeleted].sort(), [a, aUpdate].sort());
    assert.deepEqual(removed.modelsDeleted, [a]);
    const stillB = await session.sageMaker.send(new DescribeEndpointConfigCommand({ EndpointConfigName: bUpdate }));
    assert.equal(stillB.ProductionVariants?.[0].ModelName, b);
    const removedB = await teardown(session, { endpointName: b });
    assert.deepEqual([...removedB.configsDeleted].sort(), [b, bUpdate].sort());
  });

  it("waitForCaptures says what it found versus expected when nothing arrives", async () => {
    const destination = capturePaths(session).captureUri;
    await assert.rejects(
      waitForCaptures(session, { endpointName: "never-deployed", destination, timeoutMs: 300, pollMs: 100 }),
      /found 0 file\(s\) under s3:\/\/.*\/never-deployed after \d+ s, expected at least 1 file\(s\)/,
    );
  });

  it("connect() starts an in-process stack when none answers, and close() stops it", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "capture-lab-aws-inproc-"));
    try {
      const s = await connect({ port: 0, dataDir, env: {} });
      assert.equal(s.local?.started, true);
      const endpoint = s.local!.endpoint;
      assert.ok(await probeLocalStack(endpoint), "the started stack answers its status route");
      assert.equal((await ensureBucket(s)).created, true);
      await s.local!.flushCapture();
      await s.close();
      assert.equal(await probeLocalStack(endpoint), undefined, "stopped after close()");
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
