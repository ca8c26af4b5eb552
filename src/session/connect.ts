/**
 * `connect()`: one object holding the target settings and the three SDK clients, for AWS or
 * the local stack. Notebooks run cell by cell in separate kernels, so a local session first
 * looks for a stack already serving on the default port and shares it.
 */
import { S3Client } from "@aws-sdk/client-s3";
import { SageMakerClient } from "@aws-sdk/client-sagemaker";
import { SageMakerRuntimeClient } from "@aws-sdk/client-sagemaker-runtime";
import { DEFAULT_INSTANCE_TYPE, envRegion, resolveTarget, wantsAws, type Target, type TargetOverrides } from "./target";
import { sdkChainRegion } from "./sdk-region";
import { postFlush, probeLocalStack } from "./local-control";
import type { LocalStack, LocalStackOptions } from "../local/stack";
import { DEFAULT_LOCAL_PORT, defaultLocalDataDir, startInProcessStack } from "./local-stack";
import { DEFAULT_LOCAL_CREDENTIALS } from "../defaults";
import type { SdkClient, SdkClientConfig } from "../sdk-client";

/** Local-stack specifics of a session. */
export interface LocalSessionInfo {
  /** Base URL of the stack. */
  endpoint: string;
  /** True when this session started the stack in-process (and `close()` stops it). */
  started: boolean;
  /** Writes pending captures now (all endpoints, or one). */
  flushCapture(endpointName?: string): Promise<void>;
}

/** Settings and clients for one target. */
export interface CaptureLabSession {
  /** The resolved target (`kind` is `local` or `aws`). */
  target: Target;
  /** Region of the clients. */
  region: string;
  /** Default bucket. */
  bucket: string;
  /** Default key prefix (no leading/trailing `/`). */
  prefix: string;
  /** Execution role for CreateModel. */
  roleArn: string;
  /** Inference image for CreateModel. */
  imageUri: string;
  /** Instance type of deployments (`CAPTURE_LAB_INSTANCE_TYPE`, default `ml.m5.xlarge`). */
  instanceType: string;
  /** S3 client (path-style against the local stack). */
  s3: SdkClient;
  /** SageMaker control-plane client. */
  sageMaker: SdkClient;
  /** SageMaker Runtime client. */
  runtime: SdkClient;
  /** Present for the local target. */
  local?: LocalSessionInfo;
  /** Destroys the clients and stops an in-process stack this session started. Safe to call twice. */
  close(): Promise<void>;
}

/** Options of {@link connect}. */
export interface ConnectOptions {
  /** A target, or fields overriding the environment (`{ kind: "local", endpoint }`). Default: {@link resolveTarget}. */
  target?: Target | TargetOverrides;
  /** Local only: start an in-process stack when none answers (default true). */
  startLocal?: boolean;
  /** Local only: data directory of a started stack (default `<project root>/.capture-lab`). */
  dataDir?: string;
  /** Local only: port probed and used for a started stack (default 4599; 0 = any free port, no probe). */
  port?: number;
  /** Local only: capture file roll interval of a started stack. */
  captureRollIntervalMs?: number;
  /** Local only: further `startLocalStack` options for a started stack (logger, seed, ...). */
  stackOptions?: Omit<LocalStackOptions, "port" | "dataDir">;
  /** Environment to read (default `process.env`). */
  env?: NodeJS.ProcessEnv;
}

// A stack in another process signs with the default local credentials, as `capture-lab local` prints them.

function remoteLocalConfigs(endpoint: string, region: string): LocalStack["clientConfig"] {
  const base = { endpoint, region, credentials: { ...DEFAULT_LOCAL_CREDENTIALS } };
  return { s3: { ...base, forcePathStyle: true }, sageMaker: { ...base }, runtime: { ...base } };
}

/**
 * Connects to the target: reads the environment (see {@link resolveTarget}; for AWS without a
 * region in the environment, the SDK's chain is asked, i.e. the profile's region), and for the local
 * target uses `CAPTURE_LAB_ENDPOINT`, else a stack already answering on 127.0.0.1:4599, else
 * starts one in this process with its data under `<project root>/.capture-lab`.
 * @throws TargetConfigError for a misconfigured environment; Error when no local stack can be reached or started.
 */
export async function connect(options: ConnectOptions = {}): Promise<CaptureLabSession> {
  const given = options.target;
  let target: Target;
  if (
    given &&
    "kind" in given &&
    given.kind !== undefined &&
    "bucket" in given &&
    given.bucket &&
    "imageUri" in given &&
    given.imageUri
  ) {
    target = given as Target;
  } else {
    const env = options.env ?? process.env;
    let overrides = (given ?? {}) as TargetOverrides;
    if (wantsAws(env, overrides) && overrides.region === undefined && envRegion(env) === undefined) {
      const region = await sdkChainRegion();
      if (region !== undefined) overrides = { ...overrides, region };
    }
    target = resolveTarget(env, overrides);
  }

  let configs: { s3: SdkClientConfig; sageMaker: SdkClientConfig; runtime: SdkClientConfig };
  let local: LocalSessionInfo | undefined;
  let stack: LocalStack | undefined;
  let region = target.region;

  if (target.kind === "aws") {
    configs = { s3: { region }, sageMaker: { region }, runtime: { region } };
  } else {
    let endpoint = target.endpoint;
    const port = options.port ?? DEFAULT_LOCAL_PORT;
    if (endpoint === undefined && port !== 0) {
      const candidate = `http://127.0.0.1:${port}`;
      if (await probeLocalStack(candidate)) endpoint = candidate;
    }
    if (endpoint === undefined) {
      if (options.startLocal === false) {
        throw new Error(
          `No local Capture Lab stack answers on 127.0.0.1:${port} and startLocal is false; start one or set CAPTURE_LAB_ENDPOINT`,
        );
      }
      const dataDir = options.dataDir ?? defaultLocalDataDir();
      try {
        stack = await startInProcessStack({
          region: target.region,
          ...options.stackOptions,
          port,
          dataDir,
          ...(options.captureRollIntervalMs !== undefined
            ? { captureRollIntervalMs: options.captureRollIntervalMs }
            : {}),
        });
      } catch (e) {
        if (port === 0 || (e as NodeJS.ErrnoException).code !== "EADDRINUSE") throw e;
        // Another kernel may have started one on the same port a moment ago: use it.
        const candidate = `http://127.0.0.1:${port}`;
        if (!(await probeLocalStack(candidate, 2000))) {
          throw new Error(
            `Port ${port} on 127.0.0.1 is in use by something that is not a Capture Lab stack; free it, pass another port, or set CAPTURE_LAB_ENDPOINT`,
            { cause: e },
          );
        }
        endpoint = candidate;
      }
    }
    if (stack) {
      const s = stack;
      region = s.region;
      configs = s.clientConfig;
      local = { endpoint: s.endpoint, started: true, flushCapture: (name) => s.flushCapture(name) };
    } else {
      const ep = endpoint!;
      configs = remoteLocalConfigs(ep, region);
      local = { endpoint: ep, started: false, flushCapture: (name) => postFlush(ep, name) };
    }
  }

  const s3 = new S3Client(configs.s3);
  const sageMaker = new SageMakerClient(configs.sageMaker);
  const runtime = new SageMakerRuntimeClient(configs.runtime);
  let closed = false;
  return {
    target,
    region,
    bucket: target.bucket,
    prefix: target.prefix,
    roleArn: target.roleArn,
    imageUri: target.imageUri,
    instanceType: target.instanceType ?? DEFAULT_INSTANCE_TYPE,
    s3,
    sageMaker,
    runtime,
    ...(local ? { local } : {}),
    async close() {
      if (closed) return;
      closed = true;
      s3.destroy();
      sageMaker.destroy();
      runtime.destroy();
      if (stack) await stack.stop();
    },
  };
}
