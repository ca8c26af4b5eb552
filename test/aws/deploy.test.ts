/** deployModel's defaults from the session: the instance type of CAPTURE_LAB_INSTANCE_TYPE. */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { DescribeEndpointConfigCommand } from "@aws-sdk/client-sagemaker";
import { connect, deployModel, ensureBucket, teardown, uniqueName, uploadModelArtifact } from "../../src";
import { startLocalStack, type LocalStack } from "../../src/local";

const MODEL = path.resolve(__dirname, "../../data/churn/xgboost-model.json");

describe("aws/deploy", function () {
  this.timeout(30_000);
  let tmp: string;
  let stack: LocalStack;
  before(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "capture-lab-deploy-"));
    stack = await startLocalStack({ port: 0, dataDir: tmp });
  });
  after(async () => {
    await stack?.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it("deploys on the session's instance type (CAPTURE_LAB_INSTANCE_TYPE), ml.m5.xlarge without one", async () => {
    for (const [env, expected] of [
      [{ CAPTURE_LAB_INSTANCE_TYPE: "ml.c5.large" }, "ml.c5.large"],
      [{}, "ml.m5.xlarge"],
    ] as const) {
      const session = await connect({ target: { kind: "local", endpoint: stack.endpoint }, env });
      try {
        await ensureBucket(session);
        const artifact = await uploadModelArtifact(session, { modelFile: MODEL });
        const endpointName = uniqueName("deploy-type");
        await deployModel(session, { endpointName, modelDataUrl: artifact.uri });
        const cfg = await session.sageMaker.send(
          new DescribeEndpointConfigCommand({ EndpointConfigName: endpointName }),
        );
        assert.equal(cfg.ProductionVariants?.[0].InstanceType, expected);
        await teardown(session, { endpointName });
      } finally {
        await session.close();
      }
    }
  });
});
