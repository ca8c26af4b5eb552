import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import {
  CreateEndpointCommand,
  CreateEndpointConfigCommand,
  CreateModelCommand,
  DeleteEndpointCommand,
  DeleteEndpointConfigCommand,
  DeleteModelCommand,
  DescribeEndpointCommand,
  DescribeEndpointConfigCommand,
  DescribeModelCommand,
  ListEndpointsCommand,
  ListModelsCommand,
  UpdateEndpointCommand,
  paginateListModels,
  waitUntilEndpointDeleted,
  waitUntilEndpointInService,
  type SageMakerClient,
} from "@aws-sdk/client-sagemaker";
import { errorOf, IMAGES, startHarness, until, type Harness } from "./helpers";

const ARN = "arn:aws:sagemaker:us-east-1:000000000000";
const FAST = { minDelay: 0.1, maxDelay: 0.2, maxWaitTime: 10 };
const CAPTURE = {
  InitialSamplingPercentage: 100,
  DestinationS3Uri: "s3://bucket/capture",
  CaptureOptions: [{ CaptureMode: "Input" as const }, { CaptureMode: "Output" as const }],
};

async function model(sm: SageMakerClient, name: string, image: string = IMAGES.echo): Promise<void> {
  await sm.send(new CreateModelCommand({ ModelName: name, PrimaryContainer: { Image: image } }));
}

async function config(sm: SageMakerClient, name: string, modelName: string, capture = true): Promise<void> {
  await sm.send(
    new CreateEndpointConfigCommand({
      EndpointConfigName: name,
      ProductionVariants: [
        {
          VariantName: "AllTraffic",
          ModelName: modelName,
          InitialInstanceCount: 1,
          InstanceType: "ml.m5.large",
          InitialVariantWeight: 1,
        },
      ],
      DataCaptureConfig: capture ? CAPTURE : undefined,
    }),
  );
}

describe("local SageMaker control plane (real SDK client)", function () {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => {
    await h.stop();
    fs.rmSync(h.dir, { recursive: true, force: true });
  });

  it("creates, describes, lists and deletes models with AWS ARNs, times and errors", async () => {
    const before = Date.now();
    const out = await h.sm.send(
      new CreateModelCommand({
        ModelName: "Churn-Model",
        PrimaryContainer: { Image: IMAGES.echo, Environment: { A: "1" } },
      }),
    );
    assert.equal(out.ModelArn, `${ARN}:model/churn-model`);
    const d = await h.sm.send(new DescribeModelCommand({ ModelName: "churn-model" }));
    assert.equal(d.ModelName, "Churn-Model");
    assert.deepEqual(d.PrimaryContainer?.Environment, { A: "1" });
    assert.ok(
      d.CreationTime instanceof Date &&
        d.CreationTime.getTime() >= before - 1000 &&
        d.CreationTime.getTime() <= Date.now() + 1000,
    );
    const dup = await errorOf(() => model(h.sm, "CHURN-MODEL"));
    assert.equal(dup.name, "ValidationException");
    assert.equal(dup.message, `Cannot create already existing model "${ARN}:model/churn-model".`);
    await h.sm.send(new DeleteModelCommand({ ModelName: "Churn-Model" }));
    const gone = await errorOf(() => h.sm.send(new DescribeModelCommand({ ModelName: "Churn-Model" })));
    assert.equal(gone.message, `Could not find model "${ARN}:model/churn-model".`);
    assert.equal(gone.$metadata?.httpStatusCode, 400);
  });

  it("rejects bad names and bad DataCaptureConfig with AWS-style validation messages", async () => {
    const bad = await errorOf(() => model(h.sm, "bad_name"));
    assert.equal(bad.name, "ValidationException");
    assert.match(
      bad.message,
      /^1 validation error detected: Value 'bad_name' at 'modelName' failed to satisfy constraint: Member must satisfy regular expression pattern/,
    );
    await model(h.sm, "m1");
    const e = await errorOf(() =>
      h.sm.send(
        new CreateEndpointConfigCommand({
          EndpointConfigName: "ec1",
          ProductionVariants: [{ VariantName: "AllTraffic", ModelName: "m1" }],
          DataCaptureConfig: { ...CAPTURE, InitialSamplingPercentage: 150 },
        }),
      ),
    );
    assert.equal(e.name, "ValidationException");
    assert.match(e.message, /dataCaptureConfig\.initialSamplingPercentage/);
    const missing = await errorOf(() => config(h.sm, "ec1", "no-such-model"));
    assert.equal(missing.message, `Could not find model "${ARN}:model/no-such-model".`);
  });

  it("pages ListModels with NameContains and sorting", async () => {
    for (const n of ["a-1", "b-2", "a-3", "c-4", "a-5"]) await model(h.sm, n);
    const names: string[] = [];
    for await (const page of paginateListModels(
      { client: h.sm, pageSize: 2 },
      { NameContains: "a-", SortBy: "Name", SortOrder: "Ascending" },
    )) {
      assert.ok((page.Models ?? []).length <= 2);
      names.push(...(page.Models ?? []).map((m) => m.ModelName as string));
    }
    assert.deepEqual(names, ["a-1", "a-3", "a-5"]);
    const desc = await h.sm.send(new ListModelsCommand({ SortBy: "Name", SortOrder: "Descending", MaxResults: 1 }));
    assert.equal(desc.Models?.[0].ModelName, "c-4");
    assert.ok(desc.NextToken);
  });

  it("runs the endpoint lifecycle: Creating -> InService, update, delete", async () => {
    await model(h.sm, "m1");
    await config(h.sm, "ec-capture", "m1", true);
    await config(h.sm, "ec-plain", "m1", false);
    const created = await h.sm.send(
      new CreateEndpointCommand({ EndpointName: "My-Endpoint", EndpointConfigName: "ec-capture" }),
    );
    assert.equal(created.EndpointArn, `${ARN}:endpoint/my-endpoint`);
    const w = await waitUntilEndpointInService({ client: h.sm, ...FAST }, { EndpointName: "My-Endpoint" });
    assert.equal(w.state, "SUCCESS");
    const d = await h.sm.send(new DescribeEndpointCommand({ EndpointName: "My-Endpoint" }));
    assert.equal(d.EndpointStatus, "InService");
    assert.equal(d.EndpointConfigName, "ec-capture");
    assert.deepEqual(d.DataCaptureConfig, {
      EnableCapture: true,
      CaptureStatus: "Started",
      CurrentSamplingPercentage: 100,
      DestinationS3Uri: "s3://bucket/capture",
    });
    const v = d.ProductionVariants?.[0];
    assert.equal(v?.VariantName, "AllTraffic");
    assert.equal(v?.DeployedImages?.[0].SpecifiedImage, IMAGES.echo);
    assert.equal(v?.CurrentWeight, 1);
    assert.equal(v?.DesiredInstanceCount, 1);
    assert.ok(
      d.LastModifiedTime instanceof Date && d.CreationTime instanceof Date && d.LastModifiedTime >= d.CreationTime,
    );

    const dup = await errorOf(() =>
      h.sm.send(new CreateEndpointCommand({ EndpointName: "my-endpoint", EndpointConfigName: "ec-capture" })),
    );
    assert.equal(dup.message, `Cannot create already existing endpoint "${ARN}:endpoint/my-endpoint".`);

    // Deleting a config in use is allowed: the endpoint keeps its snapshot.
    await h.sm.send(new DeleteEndpointConfigCommand({ EndpointConfigName: "ec-capture" }));
    await h.sm.send(new UpdateEndpointCommand({ EndpointName: "My-Endpoint", EndpointConfigName: "ec-plain" }));
    await waitUntilEndpointInService({ client: h.sm, ...FAST }, { EndpointName: "My-Endpoint" });
    const after = await h.sm.send(new DescribeEndpointCommand({ EndpointName: "My-Endpoint" }));
    assert.equal(after.EndpointConfigName, "ec-plain");
    assert.equal(after.DataCaptureConfig, undefined);
    assert.ok(after.LastModifiedTime! >= d.LastModifiedTime!);
    await until(() => h.closedBackends() === 1); // the old config's backend is closed after the swap

    await h.sm.send(new DeleteEndpointCommand({ EndpointName: "My-Endpoint" }));
    const del = await waitUntilEndpointDeleted({ client: h.sm, ...FAST }, { EndpointName: "My-Endpoint" });
    assert.equal(del.state, "SUCCESS");
    const missing = await errorOf(() => h.sm.send(new DescribeEndpointCommand({ EndpointName: "My-Endpoint" })));
    assert.equal(missing.name, "ValidationException");
    assert.equal(missing.message, `Could not find endpoint "${ARN}:endpoint/my-endpoint".`);
    const missingCfg = await errorOf(() =>
      h.sm.send(new CreateEndpointCommand({ EndpointName: "e2", EndpointConfigName: "nope" })),
    );
    assert.equal(missingCfg.message, `Could not find endpoint configuration "${ARN}:endpoint-config/nope".`);
  });

  it("keeps the old config serving while an update is pending, and refuses in-progress changes", async () => {
    await model(h.sm, "m-echo");
    await model(h.sm, "m-gated", IMAGES.gated);
    await config(h.sm, "ec-old", "m-echo");
    await config(h.sm, "ec-new", "m-gated", false);
    await h.sm.send(new CreateEndpointCommand({ EndpointName: "ep", EndpointConfigName: "ec-old" }));
    await waitUntilEndpointInService({ client: h.sm, ...FAST }, { EndpointName: "ep" });
    await h.sm.send(new UpdateEndpointCommand({ EndpointName: "ep", EndpointConfigName: "ec-new" }));
    const d = await h.sm.send(new DescribeEndpointCommand({ EndpointName: "ep" }));
    assert.equal(d.EndpointStatus, "Updating");
    assert.equal(d.EndpointConfigName, "ec-old");
    assert.equal(d.PendingDeploymentSummary?.EndpointConfigName, "ec-new");
    assert.ok(d.PendingDeploymentSummary?.StartTime instanceof Date);
    const busy = await errorOf(() => h.sm.send(new DeleteEndpointCommand({ EndpointName: "ep" })));
    assert.equal(busy.message, `Cannot update in-progress endpoint "${ARN}:endpoint/ep".`);
    const busy2 = await errorOf(() =>
      h.sm.send(new UpdateEndpointCommand({ EndpointName: "ep", EndpointConfigName: "ec-old" })),
    );
    assert.equal(busy2.message, `Cannot update in-progress endpoint "${ARN}:endpoint/ep".`);
    // The old config still serves during the update.
    assert.ok(h.controlPlane.lookup("ep").serving);
    h.openGate();
    await waitUntilEndpointInService({ client: h.sm, ...FAST }, { EndpointName: "ep" });
    const after = await h.sm.send(new DescribeEndpointCommand({ EndpointName: "ep" }));
    assert.equal(after.EndpointConfigName, "ec-new");
    assert.equal(after.PendingDeploymentSummary, undefined);
  });

  it("fails an endpoint whose model never passes health checks, and one whose model cannot load", async () => {
    await model(h.sm, "m-sick", IMAGES.neverHealthy);
    await model(h.sm, "m-broken", IMAGES.loadFails);
    await config(h.sm, "ec-sick", "m-sick");
    await config(h.sm, "ec-broken", "m-broken");
    await h.sm.send(new CreateEndpointCommand({ EndpointName: "sick", EndpointConfigName: "ec-sick" }));
    await h.sm.send(new CreateEndpointCommand({ EndpointName: "broken", EndpointConfigName: "ec-broken" }));
    const e = await errorOf(() => waitUntilEndpointInService({ client: h.sm, ...FAST }, { EndpointName: "sick" }));
    assert.match(e.message, /"state":"FAILURE"/);
    const d = await h.sm.send(new DescribeEndpointCommand({ EndpointName: "sick" }));
    assert.equal(d.EndpointStatus, "Failed");
    assert.equal(
      d.FailureReason,
      "The primary container for production variant AllTraffic did not pass the ping health check. Please check CloudWatch logs for this endpoint.",
    );
    await until(
      async () =>
        (await h.sm.send(new DescribeEndpointCommand({ EndpointName: "broken" }))).EndpointStatus === "Failed",
    );
    const b = await h.sm.send(new DescribeEndpointCommand({ EndpointName: "broken" }));
    assert.match(b.FailureReason ?? "", /m-broken.*artifact s3:\/\/b\/missing\.tar\.gz not found/);
    // Failed endpoints can be deleted.
    await h.sm.send(new DeleteEndpointCommand({ EndpointName: "sick" }));
  });

  it("rolls a failed update back to InService on the old config with a FailureReason", async () => {
    await model(h.sm, "m-echo");
    await model(h.sm, "m-sick", IMAGES.neverHealthy);
    await config(h.sm, "ec-good", "m-echo");
    await config(h.sm, "ec-sick", "m-sick");
    await h.sm.send(new CreateEndpointCommand({ EndpointName: "ep", EndpointConfigName: "ec-good" }));
    await waitUntilEndpointInService({ client: h.sm, ...FAST }, { EndpointName: "ep" });
    await h.sm.send(new UpdateEndpointCommand({ EndpointName: "ep", EndpointConfigName: "ec-sick" }));
    await until(
      async () => (await h.sm.send(new DescribeEndpointCommand({ EndpointName: "ep" }))).EndpointStatus === "InService",
    );
    const d = await h.sm.send(new DescribeEndpointCommand({ EndpointName: "ep" }));
    assert.equal(d.EndpointConfigName, "ec-good");
    assert.match(d.FailureReason ?? "", /ec-sick.*did not pass the ping health check/);
  });

  it("filters, sorts and pages ListEndpoints", async () => {
    await model(h.sm, "m1");
    await model(h.sm, "m-sick", IMAGES.neverHealthy);
    await config(h.sm, "ec1", "m1");
    await config(h.sm, "ec-sick", "m-sick");
    for (const n of ["ep-b", "ep-a", "other"]) {
      await h.sm.send(new CreateEndpointCommand({ EndpointName: n, EndpointConfigName: "ec1" }));
    }
    await h.sm.send(new CreateEndpointCommand({ EndpointName: "ep-sick", EndpointConfigName: "ec-sick" }));
    await until(() => h.controlPlane.listEndpoints().every((e) => e.status === "InService" || e.status === "Failed"));
    const byName = await h.sm.send(
      new ListEndpointsCommand({ SortBy: "Name", SortOrder: "Ascending", NameContains: "ep-" }),
    );
    assert.deepEqual(
      byName.Endpoints?.map((e) => e.EndpointName),
      ["ep-a", "ep-b", "ep-sick"],
    );
    const failed = await h.sm.send(new ListEndpointsCommand({ StatusEquals: "Failed" }));
    assert.deepEqual(
      failed.Endpoints?.map((e) => e.EndpointName),
      ["ep-sick"],
    );
    const newest = await h.sm.send(new ListEndpointsCommand({ MaxResults: 1 }));
    assert.equal(newest.Endpoints?.[0].EndpointName, "ep-sick"); // default: CreationTime, Descending
    const rest = await h.sm.send(new ListEndpointsCommand({ MaxResults: 10, NextToken: newest.NextToken }));
    assert.equal(rest.Endpoints?.length, 3);
    assert.equal(rest.NextToken, undefined);
    const future = await h.sm.send(new ListEndpointsCommand({ CreationTimeAfter: new Date(Date.now() + 60_000) }));
    assert.deepEqual(future.Endpoints, []);
  });

  it("describes an endpoint config by echoing its input", async () => {
    await model(h.sm, "m1");
    await config(h.sm, "ec1", "m1");
    const d = await h.sm.send(new DescribeEndpointConfigCommand({ EndpointConfigName: "EC1" }));
    assert.equal(d.EndpointConfigName, "ec1");
    assert.equal(d.EndpointConfigArn, `${ARN}:endpoint-config/ec1`);
    assert.deepEqual(d.DataCaptureConfig?.CaptureOptions, CAPTURE.CaptureOptions);
    assert.equal(d.ProductionVariants?.[0].InstanceType, "ml.m5.large");
  });
});
