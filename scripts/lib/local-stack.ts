/**
 * Starting the embedded local stack for the notebook scripts and tests: in this process,
 * on a free port, with a fresh data directory, so kernels reach it via CAPTURE_LAB_ENDPOINT.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { startLocalStack, type LocalStack, type LocalStackReport } from "../../src/local";
import { ROOT } from "./jupyter";

/** A running stack plus where its data lives. */
export interface ScriptStack {
  endpoint: string;
  dataDir: string;
  /** The stack itself (client configs for the SDK). */
  stack: LocalStack;
  /** The stack's status report (capture counters, endpoints), as its status route serves it. */
  status(): LocalStackReport;
  stop(): Promise<void>;
}

/** Options of {@link startScriptStack}. */
export interface ScriptStackOptions {
  /** Data directory (default: a fresh `build/local-stack-*` folder). */
  dataDir?: string;
  /** Port (default 0: any free port). */
  port?: number;
  /** Capture file roll interval (default 2 s, so captures land quickly). */
  captureRollIntervalMs?: number;
}

/** Starts the local stack bound to 127.0.0.1. */
export async function startScriptStack(options: ScriptStackOptions = {}): Promise<ScriptStack> {
  const buildDir = path.join(ROOT, "build");
  fs.mkdirSync(buildDir, { recursive: true });
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(buildDir, "local-stack-"));
  const stack = await startLocalStack({
    port: options.port ?? 0,
    dataDir,
    captureRollIntervalMs: options.captureRollIntervalMs ?? 2000,
  });
  let stopped = false;
  return {
    endpoint: stack.endpoint,
    dataDir,
    stack,
    status: () => stack.status(),
    async stop() {
      if (stopped) return;
      stopped = true;
      await stack.stop();
    },
  };
}
