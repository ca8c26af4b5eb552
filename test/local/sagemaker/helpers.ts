/**
 * A control plane + runtime on a real port without S3 or model serving: models are test doubles
 * chosen by the container's Image, so lifecycle cases (slow, never healthy, failing load) are exact.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { Server } from "node:http";
import { SageMakerClient } from "@aws-sdk/client-sagemaker";
import { SageMakerRuntimeClient } from "@aws-sdk/client-sagemaker-runtime";
import { closeServer, createLocalServer, listen } from "../../../src/local/http/server";
import { silentLogger } from "../../../src/local/http/logger";
import { createRuntimeHandler, type CaptureSink } from "../../../src/local/runtime/responses";
import { ControlPlane } from "../../../src/local/sagemaker/control-plane";
import { createSageMakerHandler } from "../../../src/local/sagemaker/responses";
import { StateFile } from "../../../src/local/sagemaker/state-file";
import type { ContainerSpec, ModelBackend } from "../../../src/local/serving/backend";

/** Images understood by the double loader. */
export const IMAGES = {
  echo: "test/echo", // healthy at once; answers the request body with the same content type
  neverHealthy: "test/never-healthy",
  loadFails: "test/load-fails",
  gated: "test/gated", // healthy once `openGate()` is called
  failing: "test/failing", // answers 500 with a text body
} as const;

/** A harness instance. */
export interface Harness {
  sm: SageMakerClient;
  rt: SageMakerRuntimeClient;
  models: ControlPlane;
  endpoint: string;
  dir: string;
  captured: Array<{ endpointName: string; variantName: string; body: string }>;
  closedBackends: () => number;
  openGate(): void;
  stop(): Promise<void>;
}

/** Starts a harness over `dir` (a fresh temp dir when omitted). */
export async function startHarness(opts: { dir?: string; healthTimeoutMs?: number; describeSettleMs?: number } = {}): Promise<Harness> {
  const dir = opts.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), "capture-lab-sm-"));
  let gateOpen = false;
  let closed = 0;
  const captured: Harness["captured"] = [];
  const backend = (c: ContainerSpec): ModelBackend => ({
    ping: async () => (c.Image === IMAGES.neverHealthy ? false : c.Image === IMAGES.gated ? gateOpen : true),
    invoke: async (req) =>
      c.Image === IMAGES.failing
        ? { status: 500, body: Buffer.from("boom from model"), contentType: "text/plain" }
        : { status: 200, body: req.body, contentType: req.contentType, customAttributes: req.customAttributes ? `echo:${req.customAttributes}` : undefined },
    close: async () => void closed++,
  });
  const scope = { region: "us-east-1", accountId: "000000000000" };
  const models = new ControlPlane({
    scope,
    stateFile: new StateFile(path.join(dir, "sagemaker")),
    health: { timeoutMs: opts.healthTimeoutMs ?? 600, intervalMs: 20, pingTimeoutMs: 200 },
    loadModel: async (c) => {
      if (c.Image === IMAGES.loadFails) throw new Error("artifact s3://b/missing.tar.gz not found");
      return backend(c);
    },
  });
  const sink: CaptureSink = {
    capture: (id, _s, inv) => {
      captured.push({ ...id, body: Buffer.from(inv.request.body).toString() });
      return "queued";
    },
  };
  models.restore(); // before listening: a corrupt state file must not leave a server open
  const runtime = createRuntimeHandler({ models, scope, capture: sink });
  const server: Server = createLocalServer({
    services: {
      s3: async (_req, res) => void res.writeHead(404).end(),
      sagemaker: createSageMakerHandler(models, { describeSettleMs: opts.describeSettleMs ?? 0 }),
      runtime: runtime.handler,
    },
    status: () => ({}),
    flush: async () => ({}),
    logger: silentLogger,
    host: "127.0.0.1",
    credentials: [{ accessKeyId: "a", secretAccessKey: "b" }],
  });
  const port = await listen(server, 0, "127.0.0.1");
  const endpoint = `http://127.0.0.1:${port}`;
  const config = { endpoint, region: "us-east-1", credentials: { accessKeyId: "a", secretAccessKey: "b" } };
  const sm = new SageMakerClient(config);
  const rt = new SageMakerRuntimeClient(config);
  return {
    sm,
    rt,
    models,
    endpoint,
    dir,
    captured,
    closedBackends: () => closed,
    openGate: () => void (gateOpen = true),
    stop: async () => {
      sm.destroy();
      rt.destroy();
      await models.close();
      await closeServer(server);
    },
  };
}

export { until, errorOf } from "../../helpers";
