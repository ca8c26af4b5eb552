import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import {
  CreateEndpointCommand,
  CreateEndpointConfigCommand,
  CreateModelCommand,
  waitUntilEndpointInService,
} from "@aws-sdk/client-sagemaker";
import { InvokeEndpointCommand } from "@aws-sdk/client-sagemaker-runtime";
import { seededRandom } from "../../../src/local/capture-writer/random";
import { pickWeighted } from "../../../src/local/runtime/variant";
import { errorOf, IMAGES, startHarness, type Harness } from "../sagemaker/helpers";

describe("local SageMaker runtime: InvokeEndpoint wire behaviour (real SDK client)", function () {
  let h: Harness;
  before(async () => {
    h = await startHarness();
    await h.sm.send(new CreateModelCommand({ ModelName: "echo", PrimaryContainer: { Image: IMAGES.echo } }));
    await h.sm.send(new CreateModelCommand({ ModelName: "failing", PrimaryContainer: { Image: IMAGES.failing } }));
    await h.sm.send(
      new CreateEndpointConfigCommand({
        EndpointConfigName: "two",
        ProductionVariants: [
          { VariantName: "Blue", ModelName: "echo", InitialVariantWeight: 1 },
          { VariantName: "Green", ModelName: "failing", InitialVariantWeight: 0 },
        ],
        DataCaptureConfig: {
          InitialSamplingPercentage: 100,
          DestinationS3Uri: "s3://b/c",
          CaptureOptions: [{ CaptureMode: "Input" }],
        },
      }),
    );
    await h.sm.send(new CreateEndpointCommand({ EndpointName: "Ep", EndpointConfigName: "two" }));
    await waitUntilEndpointInService(
      { client: h.sm, minDelay: 0.1, maxDelay: 0.2, maxWaitTime: 10 },
      { EndpointName: "Ep" },
    );
  });
  after(async () => {
    await h.stop();
    fs.rmSync(h.dir, { recursive: true, force: true });
  });

  it("passes body and headers through and returns Content-Type, variant and custom attributes", async () => {
    const before = h.captured.length;
    const out = await h.rt.send(
      new InvokeEndpointCommand({
        EndpointName: "Ep",
        Body: '{"x":1}',
        ContentType: "application/json",
        CustomAttributes: "c=1",
        InferenceId: "id-1",
      }),
    );
    assert.equal(out.Body.transformToString(), '{"x":1}');
    assert.equal(out.ContentType, "application/json");
    assert.equal(out.InvokedProductionVariant, "Blue"); // weight 0 never gets traffic
    assert.equal(out.CustomAttributes, "echo:c=1");
    assert.deepEqual(h.captured.slice(before), [{ endpointName: "Ep", variantName: "Blue", body: '{"x":1}' }]);
  });

  it("routes TargetVariant, and a non-2xx model answer is a ModelError that is not captured", async () => {
    const before = h.captured.length;
    const e = await errorOf(() =>
      h.rt.send(new InvokeEndpointCommand({ EndpointName: "Ep", Body: "1", TargetVariant: "Green" })),
    );
    assert.equal(e.name, "ModelError");
    assert.equal((e as unknown as { OriginalStatusCode: number }).OriginalStatusCode, 500);
    assert.equal((e as unknown as { ErrorCode: string }).ErrorCode, "SERVER_ERROR_FROM_MODEL");
    assert.equal(h.captured.length, before);
    const unknown = await errorOf(() =>
      h.rt.send(new InvokeEndpointCommand({ EndpointName: "Ep", Body: "1", TargetVariant: "Red" })),
    );
    assert.equal(unknown.name, "ValidationError");
    assert.equal(unknown.message, "Variant Red not found for endpoint Ep.");
  });

  it("validates InferenceId and CustomAttributes", async () => {
    const long = await errorOf(() =>
      h.rt.send(new InvokeEndpointCommand({ EndpointName: "Ep", Body: "1", InferenceId: "x".repeat(65) })),
    );
    assert.equal(long.name, "ValidationError");
    assert.match(long.message, /inferenceId/);
    // (A leading space cannot be tested over HTTP: header values are trimmed on the wire.)
    const attrs = await errorOf(() =>
      h.rt.send(new InvokeEndpointCommand({ EndpointName: "Ep", Body: "1", CustomAttributes: "a".repeat(1025) })),
    );
    assert.match(attrs.message, /customAttributes.*1024/);
    const ok = await h.rt.send(
      new InvokeEndpointCommand({
        EndpointName: "Ep",
        Body: "1",
        InferenceId: `a b~!${"x".repeat(59)}`,
        CustomAttributes: "a".repeat(1024),
      }),
    );
    assert.equal(ok.$metadata.httpStatusCode, 200);
  });

  it("splits traffic by weight with a seedable RNG", () => {
    const variants = [
      { name: "a", weight: 3 },
      { name: "b", weight: 1 },
      { name: "z", weight: 0 },
    ];
    const counts = { a: 0, b: 0, z: 0 } as Record<string, number>;
    const random = seededRandom(1);
    for (let i = 0; i < 4000; i++) counts[pickWeighted(variants, random).name]++;
    assert.equal(counts.z, 0);
    // 3:1 split; 4.5 sigma of a binomial(4000, 0.25) is about 123.
    assert.ok(Math.abs(counts.b - 1000) < 123, `b got ${counts.b}`);
    const again = seededRandom(1);
    const first = Array.from({ length: 20 }, () => pickWeighted(variants, again).name);
    const replay = seededRandom(1);
    assert.deepEqual(
      Array.from({ length: 20 }, () => pickWeighted(variants, replay).name),
      first,
    );
  });
});
