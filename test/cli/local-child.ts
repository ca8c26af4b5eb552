/**
 * `capture-lab local` as a child process, for crash and shutdown tests (and bench/journal.ts):
 * start it on a data dir, deploy the demo model with 100 % capture, send traffic that remembers
 * when each inference id was acknowledged, and read back which ids were captured.
 */
import { spawn, type ChildProcess } from "node:child_process";
import * as path from "node:path";
import { S3Client } from "@aws-sdk/client-s3";
import { SageMakerClient } from "@aws-sdk/client-sagemaker";
import { InvokeEndpointCommand, SageMakerRuntimeClient } from "@aws-sdk/client-sagemaker-runtime";
import { DEFAULT_LOCAL_CREDENTIALS, DEFAULT_LOCAL_REGION } from "../../src/defaults";
import { captureConfig, deploy, readCaptures, testRows, uploadChurnModel, XGB_IMAGE } from "../local/e2e/helpers";
import { until } from "../helpers";

const REPO = path.resolve(__dirname, "../..");

/** A running `capture-lab local` child. */
export interface LocalChild {
  readonly child: ChildProcess;
  readonly endpoint: string;
  /** Everything printed so far (stdout and stderr). */
  output(): string;
  /** Resolves with the exit code (or the signal's name) once the process has ended. */
  readonly exited: Promise<number | string>;
  /** SDK clients pointed at the child (one attempt per call: a retry would blur what was acknowledged). */
  clients(): { s3: S3Client; sm: SageMakerClient; rt: SageMakerRuntimeClient };
}

/** Starts `capture-lab local --port 0 --data-dir dir` and waits for its banner. */
export async function startLocalChild(dir: string, extraArgs: string[] = []): Promise<LocalChild> {
  const child = spawn(
    process.execPath,
    ["-r", "tsx/cjs", "src/cli.ts", "local", "--port", "0", "--data-dir", dir, ...extraArgs],
    {
      cwd: REPO,
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let out = "";
  child.stdout!.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | string>((resolve) =>
    child.on("exit", (code, signal) => resolve(code ?? signal ?? "unknown")),
  );
  try {
    await until(() => /AWS_SECRET_ACCESS_KEY=/.test(out) || child.exitCode !== null, 30_000, "the CLI banner");
  } catch (err) {
    child.kill("SIGKILL");
    throw err;
  }
  if (child.exitCode !== null) throw new Error(`capture-lab local exited with ${child.exitCode}: ${out}`);
  const endpoint = /CAPTURE_LAB_ENDPOINT=(\S+)/.exec(out)![1];
  const made: Array<{ destroy(): void }> = [];
  const base = {
    endpoint,
    region: DEFAULT_LOCAL_REGION,
    credentials: { ...DEFAULT_LOCAL_CREDENTIALS },
    maxAttempts: 1,
  };
  child.on("exit", () => made.forEach((c) => c.destroy()));
  return {
    child,
    endpoint,
    output: () => out,
    exited,
    clients: () => {
      const c = {
        s3: new S3Client({ ...base, forcePathStyle: true }),
        sm: new SageMakerClient(base),
        rt: new SageMakerRuntimeClient(base),
      };
      made.push(c.s3, c.sm, c.rt);
      return c;
    },
  };
}

/** Uploads the demo model and deploys `endpointName` with 100 % capture; waits for InService. */
export async function deployCapturing(child: LocalChild, endpointName: string): Promise<void> {
  const { s3, sm } = child.clients();
  const modelDataUrl = await uploadChurnModel(s3);
  await deploy(
    sm,
    { model: `${endpointName}-model`, config: `${endpointName}-config`, endpoint: endpointName },
    { Image: XGB_IMAGE, ModelDataUrl: modelDataUrl },
    captureConfig(100),
  );
}

/** Traffic from concurrent workers; every acknowledged (HTTP 200) inference id with the time it was. */
export interface Traffic {
  /** Inference id → `Date.now()` when its 200 response arrived. */
  readonly acked: Map<string, number>;
  /** Failed calls (the stack refusing or gone). */
  failures(): number;
  /** Stops sending and waits for the workers. */
  stop(): Promise<void>;
}

/**
 * Sends invocations with unique inference ids (`{prefix}-{n}`) from `workers` workers until
 * stopped. A worker whose call fails pauses briefly (the stack may be stopping) and tries again.
 */
export function startTraffic(rt: SageMakerRuntimeClient, endpointName: string, prefix: string, workers = 8): Traffic {
  const rows = testRows(50);
  const acked = new Map<string, number>();
  let failures = 0;
  let running = true;
  let next = 0;
  const all = Promise.all(
    Array.from({ length: workers }, async () => {
      while (running) {
        const id = `${prefix}-${next++}`;
        try {
          const r = await rt.send(
            new InvokeEndpointCommand({
              EndpointName: endpointName,
              ContentType: "text/csv",
              Body: rows[next % rows.length],
              InferenceId: id,
            }),
          );
          if (r.$metadata.httpStatusCode === 200) acked.set(id, Date.now());
        } catch {
          failures++;
          await new Promise((r) => setTimeout(r, 20));
        }
      }
    }),
  );
  return {
    acked,
    failures: () => failures,
    stop: async () => {
      running = false;
      await all;
    },
  };
}

/** Inference ids of every record captured for `endpointName`, in file order (duplicates kept). */
export async function capturedIds(s3: S3Client, endpointName: string): Promise<string[]> {
  return (await readCaptures(s3, endpointName)).map((c) => c.record.eventMetadata.inferenceId ?? "");
}
