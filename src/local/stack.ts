/**
 * `startLocalStack`: the embedded local stack on one port. S3 (filesystem under `dataDir/s3`),
 * the SageMaker control plane (state in `dataDir/sagemaker/state.json`) and the runtime with
 * real model serving and data capture. The official SDK clients talk to it unchanged.
 */
import type { SdkClientConfig } from "../sdk-client";
import type { Logger } from "./http/logger";
import type { LocalStackReport } from "./stack-status";

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
  /**
   * Journal captured records under `dataDir/capture-journal` once per flush interval, so a crash
   * loses at most that interval; journals are uploaded at the next start (default true).
   */
  captureJournal?: boolean;
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
  /** The one access key pair SigV4 signatures are checked against (default `DEFAULT_LOCAL_CREDENTIALS`). */
  credentials?: LocalCredentials;
}

/** The stack's access key pair: every S3, control-plane and runtime request must be signed with it. */
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

/**
 * Starts the local stack; resolves once it listens and persisted endpoints are being restored.
 * @example
 * ```ts
 * const stack = await startLocalStack({ port: 0, dataDir: "/tmp/capture-lab" });
 * const s3 = new S3Client(stack.clientConfig.s3);
 * const sageMaker = new SageMakerClient(stack.clientConfig.sageMaker);
 * // ... deploy with a DataCaptureConfig, invoke, then:
 * await stack.flushCapture();
 * await stack.stop();
 * ```
 */
export async function startLocalStack(options: LocalStackOptions = {}): Promise<LocalStack> {
  // Loaded here, not imported at the top: this module's declarations (what sessions and notebooks
  // type-check) stay free of the control plane's and the SDK's types.
  const { createLocalStack } = require("./create-local-stack") as typeof import("./create-local-stack");
  const { controlPlane: _internal, ...stack } = await createLocalStack(options);
  return stack;
}
