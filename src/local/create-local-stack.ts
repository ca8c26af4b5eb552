/**
 * `createLocalStack`: the one place the local stack is wired, with the parts tests replace
 * (model loading, the capture backend) as injectable dependencies.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { S3Client } from "@aws-sdk/client-s3";
import type { SdkClientConfig } from "../sdk-client";
import { parseS3Uri } from "../capture/s3uri";
import { CaptureWriter, seededRandom, type CaptureWriterStats } from "./capture-writer";
import { closeServer, createLocalServer, listen } from "./http/server";
import { silentLogger, type Logger } from "./http/logger";
import type { CaptureSink } from "./runtime/invoke";
import { createRuntimeHandler } from "./runtime/responses";
import { createS3Handler, S3Store } from "./s3";
import { ControlPlane } from "./sagemaker/control-plane";
import type { ModelLoader } from "./sagemaker/deployment";
import { createSageMakerHandler } from "./sagemaker/responses";
import { StateFile } from "./sagemaker/state-file";
import { resolveModelBackend } from "./serving";
import { ShutdownGate } from "./shutdown-gate";
import { endpointReport, type LocalStackReport } from "./stack-status";
import type { LocalCredentials, LocalStack, LocalStackOptions } from "./stack";
import {
  DEFAULT_LOCAL_ACCOUNT_ID,
  DEFAULT_LOCAL_CREDENTIALS,
  DEFAULT_LOCAL_DATA_DIR_NAME,
  DEFAULT_LOCAL_HOST,
  DEFAULT_LOCAL_REGION,
} from "../defaults";

/** The capture writer's surface the stack wires: capture on the response path, flush, counters, close. */
export interface CaptureBackend extends CaptureSink {
  flush(options?: { endpointName?: string }): Promise<unknown>;
  stats(endpointName?: string): CaptureWriterStats;
  close(): Promise<void>;
}

/** What the stack knows once it listens, for making its capture backend. */
interface CaptureBackendContext {
  /** Client config of the stack's own S3 (captures go through the S3 API, as on AWS). */
  s3Config: SdkClientConfig;
  dataDir: string;
  options: LocalStackOptions;
  logger: Logger;
}

/**
 * Parts of the stack that tests replace: model loading (default: the image's backend, with the
 * artifact read from the stack's own S3 store) and the capture backend (default: a
 * {@link CaptureWriter} writing to the stack's own S3).
 */
interface LocalStackDeps {
  loadModel?: (store: S3Store, workDir: (variantModelName: string) => string) => ModelLoader;
  createCaptureBackend?: (ctx: CaptureBackendContext) => CaptureBackend;
}

/** A stack built by {@link createLocalStack}: the public {@link LocalStack} plus its control plane. */
interface WiredLocalStack extends LocalStack {
  controlPlane: ControlPlane;
}

/**
 * The one place the stack is wired: S3 store, control plane, runtime and server on one port,
 * then the capture backend (it needs the port), then the endpoints of the previous run.
 * `deps` replaces model loading or capture (tests); {@link startLocalStack} uses the defaults.
 */
export async function createLocalStack(
  options: LocalStackOptions = {},
  deps: LocalStackDeps = {},
): Promise<WiredLocalStack> {
  const logger = options.logger ?? silentLogger;
  const region = options.region ?? DEFAULT_LOCAL_REGION;
  const scope = { region, accountId: options.accountId ?? DEFAULT_LOCAL_ACCOUNT_ID };
  const dataDir = path.resolve(options.dataDir ?? DEFAULT_LOCAL_DATA_DIR_NAME);
  const workRoot = path.join(dataDir, "work");
  fs.rmSync(workRoot, { recursive: true, force: true }); // extracted models of a previous run
  fs.mkdirSync(workRoot, { recursive: true });
  const credentials: LocalCredentials = { ...(options.credentials ?? DEFAULT_LOCAL_CREDENTIALS) };
  const host = options.host ?? DEFAULT_LOCAL_HOST;

  const store = await S3Store.open(path.join(dataDir, "s3"), { onWarning: (m) => logger.warn(`s3: ${m}`) });
  // Set once the server listens; every use below runs after that.
  let capture: CaptureBackend | undefined;
  const captureBackend = (): CaptureBackend => {
    if (!capture) throw new Error("the local stack's capture backend is not started yet");
    return capture;
  };
  let workSeq = 0;
  const workDir = (modelName: string) => path.join(workRoot, `${modelName}-${++workSeq}`);

  const controlPlane = new ControlPlane({
    scope,
    stateFile: new StateFile(path.join(dataDir, "sagemaker")),
    health: {
      timeoutMs: options.healthCheckTimeoutMs ?? 240_000,
      intervalMs: options.healthCheckIntervalMs ?? 200,
      pingTimeoutMs: 2000,
    },
    flushCapture: async (name) => void (await capture?.flush({ endpointName: name })),
    log: (m) => logger.warn(m),
    onStatusChange: (e) =>
      logger.info(`endpoint ${e.name}: ${e.status}${e.failureReason ? ` (${e.failureReason})` : ""}`),
    loadModel: (deps.loadModel ?? defaultModelLoader(options))(store, workDir),
  });
  const runtime = createRuntimeHandler({
    controlPlane,
    scope,
    capture: { capture: (id, s, inv) => (capture ? capture.capture(id, s, inv) : "closed") },
    random: options.seed !== undefined ? seededRandom(options.seed ^ 0x5eed) : undefined,
    onError: (e) => logger.warn(`runtime: ${e.message}`),
  });
  let endpoint = "";
  const status = (): LocalStackReport => ({
    endpoint,
    dataDir,
    capturePausedForDisk: capture?.stats().paused ?? false,
    endpoints: controlPlane
      .listEndpoints()
      .sort((a, b) => a.creationTime - b.creationTime)
      .map((e) => endpointReport(e, runtime.counters(e.name), captureBackend().stats(e.name))),
  });
  const gate = new ShutdownGate();
  const server = createLocalServer({
    services: {
      s3: createS3Handler(store),
      sagemaker: gate.wrap(
        createSageMakerHandler(controlPlane, {
          describeSettleMs: options.describeSettleMs,
          onError: (e) => logger.error(`sagemaker: ${e.stack ?? e.message}`),
        }),
      ),
      runtime: gate.wrap(runtime.handler),
    },
    status,
    flush: (name) => captureBackend().flush({ endpointName: name }),
    logger,
    host,
    credentials: [credentials],
  });
  const port = await listen(server, options.port ?? 0, host);
  endpoint = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;

  const s3Config: SdkClientConfig = { endpoint, region, credentials, forcePathStyle: true };
  capture = (deps.createCaptureBackend ?? createCaptureWriterBackend)({ s3Config, dataDir, options, logger });
  try {
    controlPlane.restore();
  } catch (err) {
    await capture.close();
    await closeServer(server);
    throw err;
  }

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> =>
    (stopping ??= (async () => {
      // Every invocation answered 200 is captured: first refuse new invocations and wait for
      // those in flight, then flush (through the stack's own S3, so while the server listens).
      await gate.close();
      await captureBackend().close();
      await controlPlane.close();
      await closeServer(server);
    })());

  return {
    endpoint,
    region,
    credentials,
    clientConfig: {
      s3: s3Config,
      sageMaker: { endpoint, region, credentials },
      runtime: { endpoint, region, credentials },
    },
    dataDir,
    flushCapture: async (name) => void (await captureBackend().flush({ endpointName: name })),
    status,
    stop,
    controlPlane,
  };
}

/** Serving as the container image says, with artifacts read straight from the stack's store. */
function defaultModelLoader(options: LocalStackOptions): NonNullable<LocalStackDeps["loadModel"]> {
  return (store, workDir) => (container, variant) =>
    resolveModelBackend(container, {
      fetchArtifact: (uri) => readArtifact(store, uri),
      imageUrls: options.imageUrls,
      workDir: workDir(variant.modelName),
    });
}

/** The default capture backend: a {@link CaptureWriter} on the stack's own S3, logging what users must see. */
function createCaptureWriterBackend({ s3Config, dataDir, options, logger }: CaptureBackendContext): CaptureBackend {
  const s3 = new S3Client(s3Config);
  const writer = new CaptureWriter({
    s3,
    rollIntervalMs: options.captureRollIntervalMs,
    flushIntervalMs: options.captureFlushIntervalMs,
    random: options.seed !== undefined ? seededRandom(options.seed) : undefined,
    dataDir,
    ...(options.captureJournal !== false ? { journalDir: path.join(dataDir, "capture-journal") } : {}),
    diskThreshold: options.diskThreshold,
    onEvent: (ev) => {
      if (ev.type === "journal-replayed") logger.info(`capture: ${JSON.stringify(ev)}`);
      else if (
        ev.type === "records-lost" ||
        ev.type === "upload-failed" ||
        ev.type === "capture-error" ||
        ev.type.startsWith("journal-")
      ) {
        logger.warn(`capture: ${JSON.stringify(ev)}`);
      } else if (ev.type === "paused-disk" || ev.type === "resumed-disk" || ev.type === "buffer-full")
        logger.warn(`capture: ${ev.type}`);
    },
  });
  return {
    capture: (id, settings, inv) => writer.capture(id, settings, inv),
    flush: (o) => writer.flush(o),
    stats: (name) => writer.stats(name),
    close: async () => {
      await writer.close();
      s3.destroy();
    },
  };
}

/**
 * Reads a model artifact from the stack's own store, directly: `ModelDataUrl` always names the
 * embedded S3 here, so a signed request over loopback would only add a copy.
 */
async function readArtifact(store: S3Store, uri: string): Promise<Buffer> {
  const { bucket, key } = parseS3Uri(uri);
  return (await store.getObject(bucket, key)).body;
}
