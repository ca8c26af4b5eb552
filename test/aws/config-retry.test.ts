/** CreateEndpoint/UpdateEndpoint retried while SageMaker does not see a new endpoint config yet. */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { CreateEndpointCommand, UpdateEndpointCommand } from "@aws-sdk/client-sagemaker";
import {
  connect,
  deployModel,
  ensureBucket,
  teardown,
  uniqueName,
  updateDataCapture,
  uploadModelArtifact,
  type CaptureLabSession,
} from "../../src";
import { isConfigNotFound, retryWhileConfigMissing } from "../../src/aws/config-retry";
import { startLocalStack, type LocalStack } from "../../src/local";
import { errorOf } from "../helpers";

const notYet = () =>
  Object.assign(new Error('Could not find endpoint configuration "arn:aws:sagemaker:us-east-1:1:endpoint-config/c".'), {
    name: "ValidationException",
  });
const MODEL = path.resolve(__dirname, "../../data/churn/xgboost-model.json");

describe("aws/config-retry", () => {
  it("retries only 'Could not find endpoint configuration', as many times as there are delays", async () => {
    let calls = 0;
    assert.equal(
      await retryWhileConfigMissing(async () => (++calls < 3 ? Promise.reject(notYet()) : "ok"), [0, 0, 0]),
      "ok",
    );
    assert.equal(calls, 3);

    calls = 0;
    const e = await errorOf(retryWhileConfigMissing(async () => (calls++, Promise.reject(notYet())), [0, 0]));
    assert.ok(isConfigNotFound(e));
    assert.equal(calls, 3);

    calls = 0;
    const other = Object.assign(new Error("Cannot create already existing endpoint"), { name: "ValidationException" });
    assert.equal(await errorOf(retryWhileConfigMissing(async () => (calls++, Promise.reject(other)), [0, 0])), other);
    assert.equal(calls, 1);
  });

  describe("deployModel and updateDataCapture against the local stack, the config unseen at first", function () {
    this.timeout(60_000);
    let tmp: string;
    let stack: LocalStack;
    let session: CaptureLabSession;
    const refused = new Map<string, number>();

    before(async () => {
      tmp = fs.mkdtempSync(path.join(os.tmpdir(), "capture-lab-config-retry-"));
      stack = await startLocalStack({ port: 0, dataDir: tmp });
      session = await connect({ target: { kind: "local", endpoint: stack.endpoint }, env: {} });
      // The first two CreateEndpoint/UpdateEndpoint calls are refused as AWS does while a config propagates.
      const send = session.sageMaker.send.bind(session.sageMaker) as (c: unknown) => Promise<unknown>;
      (session.sageMaker as unknown as { send: (c: unknown) => Promise<unknown> }).send = async (command: unknown) => {
        const kind =
          command instanceof CreateEndpointCommand
            ? "create"
            : command instanceof UpdateEndpointCommand
              ? "update"
              : undefined;
        if (kind) {
          refused.set(kind, (refused.get(kind) ?? 0) + 1);
          if (refused.get(kind)! <= 2) throw notYet();
        }
        return send(command);
      };
    });

    after(async () => {
      await session?.close();
      await stack?.stop();
      fs.rmSync(tmp, { recursive: true, force: true });
    });

    it("deploys and updates after the retries", async () => {
      await ensureBucket(session);
      const artifact = await uploadModelArtifact(session, { modelFile: MODEL });
      const endpointName = uniqueName("config-retry");
      const capture = {
        InitialSamplingPercentage: 100,
        DestinationS3Uri: `s3://${session.bucket}/capture`,
        CaptureOptions: [{ CaptureMode: "Input" as const }, { CaptureMode: "Output" as const }],
      };
      const d = await deployModel(session, {
        endpointName,
        modelDataUrl: artifact.uri,
        dataCapture: capture,
        retryDelaysMs: [0, 0, 0],
      });
      assert.equal(d.EndpointStatus, "InService");
      assert.equal(refused.get("create"), 3);
      const config = await updateDataCapture(
        session,
        endpointName,
        { samplingPercentage: 50 },
        { retryDelaysMs: [0, 0, 0] },
      );
      assert.equal(refused.get("update"), 3);
      assert.ok(config.startsWith(endpointName));
      await teardown(session, { endpointName });
    });
  });
});
