/**
 * `startLocalStack`: the embedded local stack on one port. S3 (filesystem under `dataDir/s3`),
 * the SageMaker control plane (state in `dataDir/sagemaker/state.json`) and the runtime with
 * real model serving and data capture. The official SDK clients talk to it unchanged.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { S3Client } from "@aws-sdk/client-s3";
import type { SdkClientConfig } from "../sdk-client";
import { parseS3Uri } from "../capture/s3uri";
import { CaptureWriter, seededRandom } from "./capture-writer";
import { closeServer, createLocalServer, listen } from "./http/server";
import { silentLogger, type Logger } from "./http/logger";
import { createRuntimeHandler } from "./runtime/responses";
import { createS3Handler, S3Store } from "./s3";
import { ControlPlane } from "./sagemaker/control-plane";
import { createSageMakerHandler } from "./sagemaker/responses";
import { StateFile } from "./sagemaker/state-file";
import { resolveModelBackend } from "./serving";
import { endpointReport, type LocalStackReport } from "./stack-status";
import { DEFAULT_LOCAL_ACCOUNT_ID, DEFAULT_LOCAL_CREDENTIALS, DEFAULT_LOCAL_DATA_DIR_NAME, DEFAULT_LOCAL_HOST, DEFAULT_LOCAL_REGION } from "../defaults";

/** Options of {@link startLocalStack}. Every one has a default. */
export interface LocalStackOptions {
  /** TCP port; 0 picks a free one (default 0; the CLI uses 4599). */
  port?: number;
  /** Interface to bind (default `127.0.0.1`: never exposed to the network by default). */
  host?: string;
  /** Where S3 objects, control-plane state and model work files live (default `.capture-lab`). */
  dataDir?: string;
  region?: string;
  accountId?: string;
  /** A capture file covers this long (default 60 000 ms, as AWS). */
  captureRollIntervalMs?: number;
  /** Capture writer's background period (default 1000 ms). */
  captureFlushIntervalMs?: number;
  /** Capture pauses above this disk-usage fraction (default 0.75). */
  diskThreshold?: number;
  /** An endpoint whose models stay unhealthy this long is `Failed` (default 240 000 ms, as AWS). */
  healthCheckTimeoutMs?: number;
  /** Pause between health checks (default 200 ms). */
  healthCheckIntervalMs?: number;
  /** DescribeEndpoint waits up to this long for a starting endpoint (default 1000 ms). */
  describeSettleMs?: number;
  /** Seeds sampling and variant choice for reproducible runs. */
  seed?: number;
  /** Image → base URL of a running SageMaker-compatible container. */
  imageUrls?: Record<string, string>;
  /** Default: silent. The CLI passes a console logger. */
  logger?: Logger;
}

/** Dummy credentials: signatures are accepted without verification. */
export interface LocalCredentials {
  accessKeyId: string;
  secretAccessKey: string;
}

/** A running local stack. */
export interface LocalStack {
  /** Base URL, e.g. `http://127.0.0.1:4599`. */
  endpoint: string;
  region: string;
  credentials: LocalCredentials;
  /** Ready-made configs for the SDK clients (`forcePathStyle` for S3). */
  clientConfig: { s3: SdkClientConfig; sageMaker: SdkClientConfig; runtime: SdkClientConfig };
  /** Absolute data directory. */
  dataDir: string;
  /** Writes buffered captures (of one endpoint, or all) to S3 now. */
  flushCapture(endpointName?: string): Promise<void>;
  /** Endpoints with their capture counters (also at `GET /_capture-lab/status`). */
  status(): LocalStackReport;
  /** Flushes captures, closes models and the server; leaves no timers. Idempotent. */
  stop(): Promise<void>;
}

/** Starts the local stack; resolves once it listens and persisted endpoints are being restored. */
export async function startLocalStack(options: LocalStackOptions = {}): Promise<LocalStack> {
  const logger = options.logger ?? silentLogger;
  const region = options.region ?? DEFAULT_LOCAL_REGION;
  const scope = { region, accountId: options.accountId ?? DEFAULT_LOCAL_ACCOUNT_ID };
  const dataDir = path.resolve(options.dataDir ?? DEFAULT_LOCAL_DATA_DIR_NAME);
  const workRoot = path.join(dataDir, "work");
  fs.rmSync(workRoot, { recursive: true, force: true }); // extracted models of a previous run
  fs.mkdirSync(workRoot, { recursive: true });
  const credentials: LocalCredentials = { ...DEFAULT_LOCAL_CREDENTIALS };

  const store = await S3Store.open(path.join(dataDir, "s3"), { onWarning: (m) => logger.warn(`s3: ${m}`) });
  let selfS3: S3Client | undefined;
  let writer: CaptureWriter | undefined;
  let workSeq = 0;

  const models = new ControlPlane({
    scope,
    stateFile: new StateFile(path.join(dataDir, "sagemaker")),
    health: {
      timeoutMs: options.healthCheckTimeoutMs ?? 240_000,
      intervalMs: options.healthCheckIntervalMs ?? 200,
      pingTimeoutMs: 2000,
    },
    flushCapture: async (name) => void (await writer?.flush({ endpointName: name })),
    log: (m) => logger.warn(m),
    onStatusChange: (e) => logger.info(`endpoint ${e.name}: ${e.status}${e.failureReason ? ` (${e.failureReason})` : ""}`),
    loadModel: (container, variant) =>
      resolveModelBackend(container, {
        fetchArtifact: (uri) => readArtifact(store, uri),
        imageUrls: options.imageUrls,
        workDir: path.join(workRoot, `${variant.modelName}-${++workSeq}`),
      }),
  });
  const runtime = createRuntimeHandler({
    models,
    scope,
    capture: { capture: (id, s, inv) => (writer ? writer.capture(id, s, inv) : "closed") },
    random: options.seed !== undefined ? seededRandom(options.seed ^ 0x5eed) : undefined,
    onError: (e) => logger.warn(`runtime: ${e.message}`),
  });
  let endpoint = "";
  const status = (): LocalStackReport => ({
    endpoint,
    dataDir,
    capturePausedForDisk: writer?.stats().paused ?? false,
    endpoints: models
      .listEndpoints()
      .sort((a, b) => a.creationTime - b.creationTime)
      .map((e) => endpointReport(e, runtime.counters(e.name), (writer as CaptureWriter).stats(e.name))),
  });
  const server = createLocalServer({
    services: {
      s3: createS3Handler(store),
      sagemaker: createSageMakerHandler(models, {
        describeSettleMs: options.describeSettleMs,
        onError: (e) => logger.error(`sagemaker: ${e.stack ?? e.message}`),
      }),
      runtime: runtime.handler,
    },
    status,
    flush: (name) => (writer as CaptureWriter).flush({ endpointName: name }),
    logger,
  });
  const host = options.host ?? DEFAULT_LOCAL_HOST;
  const port = await listen(server, options.port ?? 0, host);
  endpoint = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;

  const s3Config: SdkClientConfig = { endpoint, region, credentials, forcePathStyle: true };
  selfS3 = new S3Client(s3Config);
  writer = new CaptureWriter({
    s3: selfS3,
    rollIntervalMs: options.captureRollIntervalMs,
    flushIntervalMs: options.captureFlushIntervalMs,
    random: options.seed !== undefined ? seededRandom(options.seed) : undefined,
    dataDir,
    diskThreshold: options.diskThreshold,
    onEvent: (ev) => {
      if (ev.type === "records-lost" || ev.type === "upload-failed" || ev.type === "capture-error") logger.warn(`capture: ${JSON.stringify(ev)}`);
      else if (ev.type === "paused-disk" || ev.type === "resumed-disk" || ev.type === "buffer-full") logger.warn(`capture: ${ev.type}`);
    },
  });
  try {
    models.restore();
  } catch (err) {
    await writer.close();
    await closeServer(server);
    selfS3.destroy();
    throw err;
  }

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> =>
    (stopping ??= (async () => {
      // Captures go to the stack's own S3, so flush while the server still listens.
      await (writer as CaptureWriter).close();
      await models.close();
      await closeServer(server);
      selfS3?.destroy();
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
    flushCapture: async (name) => void (await (writer as CaptureWriter).flush({ endpointName: name })),
    status,
    stop,
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
