/**
 * A local stack with the churn model deployed with 100 % capture and the 200 test rows sent
 * (inference ids "0".."199"): the captured traffic the replay tests send again.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { ListEndpointsCommand, ListModelsCommand } from "@aws-sdk/client-sagemaker";
import {
  capturePaths,
  captureSourceFor,
  deployModel,
  ensureBucket,
  invokeRows,
  uploadModelArtifact,
  waitForCaptures,
} from "../../src/aws";
import { buildDataCaptureConfig } from "../../src/capture";
import { createModelArtifact } from "../../src/model-artifact";
import type { S3CaptureSource } from "../../src/read/file-info";
import { connect, type CaptureLabSession } from "../../src/session";
import { startLocalStack, type LocalStack } from "../../src/local";

export const ROOT = path.resolve(__dirname, "../..");
export const MODEL = path.join(ROOT, "data/churn/xgboost-model.json");
export const CANDIDATE_MODEL = path.join(ROOT, "data/churn/xgboost-model-candidate.json");
export const TEST_CSV = path.join(ROOT, "data/churn/test.csv");
/** xgboost's own answers (scripts/train_models.py) to each test row, per model. */
export const EXPECTED = path.join(ROOT, "test/fixtures/xgboost/churn-expected.json");
export const CANDIDATE_EXPECTED = path.join(ROOT, "test/fixtures/xgboost/churn-candidate-expected.json");

/** A JS handler answering the time it received the request (server side), failing ids ≡ 3 mod FAIL_MOD. */
export const CLOCK_HANDLER = `module.exports = { invoke: (req, ctx) => {
  const mod = Number(ctx.environment.FAIL_MOD || 0);
  if (mod > 0 && Number(req.inferenceId) % mod === 3) throw new Error("cannot score request " + req.inferenceId);
  return { body: String(Date.now()), contentType: "text/csv" };
} };`;

export interface ReplayStack {
  tmp: string;
  stack: LocalStack;
  session: CaptureLabSession;
  endpointName: string;
  source: S3CaptureSource;
  rows: string[];
  close(): Promise<void>;
}

/** Starts the stack, deploys the churn model with capture, sends the test rows and waits for their captures. */
export async function startReplayStack(): Promise<ReplayStack> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "capture-lab-replay-"));
  const stack = await startLocalStack({
    port: 0,
    dataDir: tmp,
    captureRollIntervalMs: 200,
    healthCheckTimeoutMs: 3000,
  });
  const session = await connect({ target: { kind: "local", endpoint: stack.endpoint }, env: {} });
  await ensureBucket(session);
  const paths = capturePaths(session);
  const model = await uploadModelArtifact(session, { modelFile: MODEL });
  const endpointName = "churn-captured";
  await deployModel(session, {
    endpointName,
    modelDataUrl: model.uri,
    dataCapture: buildDataCaptureConfig({ samplingPercentage: 100, destinationS3Uri: paths.captureUri }),
  });
  const rows = fs.readFileSync(TEST_CSV, "utf8").trim().split("\n");
  const sent = await invokeRows(session, { endpointName, rows, concurrency: 4 });
  if (sent.failed > 0) throw new Error(`setup: ${sent.failed} invocations failed: ${sent.errors[0]!.message}`);
  await waitForCaptures(session, { endpointName, expectedRecords: rows.length });
  const source = await captureSourceFor(session, endpointName);
  return {
    tmp,
    stack,
    session,
    endpointName,
    source,
    rows,
    close: async () => {
      await session.close();
      await stack.stop();
      fs.rmSync(tmp, { recursive: true, force: true });
    },
  };
}

/** Deploys the clock handler as an endpoint (no capture). */
export async function deployClockHandler(session: CaptureLabSession, endpointName: string, failMod = 0): Promise<void> {
  const key = `${session.prefix}/${endpointName}/model.tar.gz`;
  const uploaded = await uploadModelArtifact(session, { files: { "handler.js": CLOCK_HANDLER }, key });
  await deployModel(session, {
    endpointName,
    modelDataUrl: uploaded.uri,
    imageUri: "local/js",
    environment: { SAGEMAKER_PROGRAM: "handler.js", FAIL_MOD: String(failMod) },
  });
}

/** A model.tar.gz of the clock handler in a file (for `{ model }` candidates). */
export async function clockHandlerArchive(dir: string): Promise<string> {
  const file = path.join(dir, "clock-handler.tar.gz");
  fs.writeFileSync(file, await createModelArtifact({ "handler.js": CLOCK_HANDLER }));
  return file;
}

/** Names of the endpoints and models the stack holds that start with `prefix`. */
export async function resourcesNamed(session: CaptureLabSession, prefix: string): Promise<string[]> {
  const endpoints = await session.sageMaker.send(new ListEndpointsCommand({}));
  const models = await session.sageMaker.send(new ListModelsCommand({}));
  return [
    ...(endpoints.Endpoints ?? []).map((e: { EndpointName?: string }) => `endpoint ${e.EndpointName}`),
    ...(models.Models ?? []).map((m: { ModelName?: string }) => `model ${m.ModelName}`),
  ].filter((n) => n.split(" ")[1]!.startsWith(prefix));
}
