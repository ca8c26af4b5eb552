/** The walkthrough's teardown of what the state file names (run on AWS whatever the notebooks did). */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { DescribeEndpointCommand } from "@aws-sdk/client-sagemaker";
import { connect, deployModel, ensureBucket, uniqueName, uploadModelArtifact } from "../../../src";
import { startLocalStack, type LocalStack } from "../../../src/local";
import { teardownFromState } from "../../../scripts/lib/teardown-state";

const MODEL = path.resolve(__dirname, "../../../data/churn/xgboost-model.json");

describe("scripts/lib/teardown-state", function () {
  this.timeout(30_000);
  let tmp: string;
  let stack: LocalStack;
  let statePath: string;
  const target = () => ({ target: { kind: "local" as const, endpoint: stack.endpoint }, env: {} });

  beforeEach(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "capture-lab-teardown-state-"));
    stack = await startLocalStack({ port: 0, dataDir: path.join(tmp, "stack") });
    statePath = path.join(tmp, "walkthrough-state.json");
  });
  afterEach(async () => {
    await stack?.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it("deletes the endpoint the state names (as after a notebook failed before 07-cleanup) and records it", async () => {
    const session = await connect(target());
    const endpointName = uniqueName("teardown-state");
    try {
      await ensureBucket(session);
      const artifact = await uploadModelArtifact(session, { modelFile: MODEL });
      await deployModel(session, { endpointName, modelDataUrl: artifact.uri });
      fs.writeFileSync(statePath, JSON.stringify({ target: "local", endpointName, rowsSent: 3 }));

      const t = await teardownFromState(statePath, target());
      assert.equal(t.endpointName, endpointName);
      assert.equal(t.result?.endpointDeleted, true);
      assert.deepEqual(t.result?.modelsDeleted, [endpointName]);
      await assert.rejects(
        session.sageMaker.send(new DescribeEndpointCommand({ EndpointName: endpointName })),
        /Could not find endpoint/,
      );
      const state = JSON.parse(fs.readFileSync(statePath, "utf8"));
      assert.equal(state.cleanedUp, true);
      assert.equal(state.rowsSent, 3);

      assert.equal((await teardownFromState(statePath, target())).skipped, "already cleaned up");
    } finally {
      await session.close();
    }
  });

  it("does nothing without a state, without an endpoint, or for another target's state", async () => {
    assert.equal((await teardownFromState(statePath, target())).skipped, "no state file");
    fs.writeFileSync(statePath, JSON.stringify({ target: "local" }));
    assert.equal((await teardownFromState(statePath, target())).skipped, "the state names no endpoint");
    fs.writeFileSync(statePath, JSON.stringify({ target: "aws", endpointName: "on-aws" }));
    assert.match((await teardownFromState(statePath, target())).skipped!, /belongs to the aws target/);
  });
});
