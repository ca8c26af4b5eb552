/**
 * Starting the embedded local stack from the helpers. `../local` is required lazily so that
 * sessions against AWS never load the stack (and its model-serving code).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { S3ClientConfig } from "@aws-sdk/client-s3";
import type { SageMakerClientConfig } from "@aws-sdk/client-sagemaker";
import type { SageMakerRuntimeClientConfig } from "@aws-sdk/client-sagemaker-runtime";

/** Default port of a shared local stack, probed before starting one. */
export const DEFAULT_LOCAL_PORT = 4599;

/** What this library uses of a running in-process stack (`startLocalStack`'s result). */
export interface LocalStackHandle {
  /** Base URL, e.g. `http://127.0.0.1:4599`. */
  endpoint: string;
  /** Region the stack reports in ARNs. */
  region: string;
  /** Ready-made client configurations. */
  clientConfig: { s3: S3ClientConfig; sageMaker: SageMakerClientConfig; runtime: SageMakerRuntimeClientConfig };
  /** Writes pending captures now. */
  flushCapture(endpointName?: string): Promise<unknown>;
  /** Stops serving. */
  stop(): Promise<void>;
}

/** Options passed through to `startLocalStack`. */
export interface StartLocalOptions {
  port: number;
  host?: string;
  dataDir: string;
  captureRollIntervalMs?: number;
}

/**
 * Starts an in-process stack via `src/local`'s `startLocalStack`.
 * @throws Error when the local stack module is unavailable.
 */
export async function startInProcessStack(options: StartLocalOptions): Promise<LocalStackHandle> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const local = require("../local") as { startLocalStack?: (o: StartLocalOptions) => Promise<LocalStackHandle> };
  if (typeof local.startLocalStack !== "function") {
    throw new Error("The embedded local stack (src/local startLocalStack) is not available in this build; set CAPTURE_LAB_ENDPOINT to a running stack or use CAPTURE_LAB_TARGET=aws");
  }
  return local.startLocalStack(options);
}

/**
 * Nearest ancestor of `from` (inclusive) whose package.json is named `capture-lab`; `from` itself
 * when there is none. The shared stack keeps its data under `<root>/.capture-lab`.
 */
export function findProjectRoot(from: string = process.cwd()): string {
  let dir = path.resolve(from);
  for (;;) {
    try {
      const pkg = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")) as { name?: unknown };
      if (pkg.name === "capture-lab") return dir;
    } catch {
      // No or unreadable package.json here: keep climbing.
    }
    const parent = path.dirname(dir);
    if (parent === dir) return path.resolve(from);
    dir = parent;
  }
}
