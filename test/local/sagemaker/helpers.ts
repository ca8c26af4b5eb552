/**
 * The stack as `createLocalStack` wires it, with test doubles for model loading (chosen by the
 * container's Image, so lifecycle cases — slow, never healthy, failing load — are exact) and for
 * capture (records what the runtime hands over).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { SageMakerClient } from "@aws-sdk/client-sagemaker";
import { SageMakerRuntimeClient } from "@aws-sdk/client-sagemaker-runtime";
import type { CaptureWriterStats } from "../../../src/local/capture-writer";
import { emptyCounters } from "../../../src/local/capture-writer/stream";
import type { ControlPlane } from "../../../src/local/sagemaker/control-plane";
import type { ModelLoader } from "../../../src/local/sagemaker/deployment";
import type { ContainerSpec, ModelBackend } from "../../../src/local/serving/backend";
import { createLocalStack, type CaptureBackend } from "../../../src/local/create-local-stack";

/** Credentials of the harness stack (its clients sign with them; raw requests must too). */
export const HARNESS_CREDENTIALS = { accessKeyId: "a", secretAccessKey: "b" };

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
  controlPlane: ControlPlane;
  endpoint: string;
  dir: string;
  captured: Array<{ endpointName: string; variantName: string; body: string }>;
  closedBackends: () => number;
  openGate(): void;
  stop(): Promise<void>;
}

/** Starts a harness over `dir` (a fresh temp dir when omitted). */
export async function startHarness(
  opts: { dir?: string; healthTimeoutMs?: number; describeSettleMs?: number } = {},
): Promise<Harness> {
  const dir = opts.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), "capture-lab-sm-"));
  let gateOpen = false;
  let closed = 0;
  const captured: Harness["captured"] = [];
  const backend = (c: ContainerSpec): ModelBackend => ({
    ping: async () => (c.Image === IMAGES.neverHealthy ? false : c.Image === IMAGES.gated ? gateOpen : true),
    invoke: async (req) =>
      c.Image === IMAGES.failing
        ? { status: 500, body: Buffer.from("boom from model"), contentType: "text/plain" }
        : {
            status: 200,
            body: req.body,
            contentType: req.contentType,
            customAttributes: req.customAttributes ? `echo:${req.customAttributes}` : undefined,
          },
    close: async () => void closed++,
  });
  const sink: CaptureBackend = {
    capture: (id, _s, inv) => {
      captured.push({ ...id, body: Buffer.from(inv.request.body).toString() });
      return "queued";
    },
    flush: async () => ({}),
    stats: () => emptyCaptureStats(),
    close: async () => undefined,
  };
  const loadModel: ModelLoader = async (c) => {
    if (c.Image === IMAGES.loadFails) throw new Error("artifact s3://b/missing.tar.gz not found");
    return backend(c);
  };
  const stack = await createLocalStack(
    {
      port: 0,
      dataDir: dir,
      credentials: HARNESS_CREDENTIALS,
      healthCheckTimeoutMs: opts.healthTimeoutMs ?? 600,
      healthCheckIntervalMs: 20,
      describeSettleMs: opts.describeSettleMs ?? 0,
    },
    { loadModel: () => loadModel, createCaptureBackend: () => sink },
  );
  const sm = new SageMakerClient(stack.clientConfig.sageMaker);
  const rt = new SageMakerRuntimeClient(stack.clientConfig.runtime);
  return {
    sm,
    rt,
    controlPlane: stack.controlPlane,
    endpoint: stack.endpoint,
    dir,
    captured,
    closedBackends: () => closed,
    openGate: () => void (gateOpen = true),
    stop: async () => {
      sm.destroy();
      rt.destroy();
      await stack.stop();
    },
  };
}

/** Counters of a capture backend that has seen nothing. */
function emptyCaptureStats(): CaptureWriterStats {
  return { ...emptyCounters(), pendingRecords: 0, pendingBytes: 0, paused: false };
}

export { until, errorOf } from "../../helpers";
