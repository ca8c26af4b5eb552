#!/usr/bin/env node
/**
 * `capture-lab` command line. `capture-lab local` runs the embedded local stack in the
 * foreground and prints how to point the AWS SDK (or the AWS CLI) at it. No dependencies:
 * arguments are parsed here.
 */
import { consoleLogger } from "./local/http/logger";
import { startLocalStack, type LocalStack } from "./local/stack";

const HELP = `Usage: capture-lab <command> [options]

Commands:
  local      Run the local SageMaker + S3 stack in the foreground (Ctrl-C to stop)
  baseline   Write Model Monitor baseline files for a training dataset
  monitor    Check captures against a baseline (constraint_violations.json, drift report)

Options for "local":
  --port N          TCP port (default 4599; 0 picks a free one)
  --host H          interface to bind (default 127.0.0.1)
  --data-dir D      where S3 objects, endpoints and models are kept (default .capture-lab)
  --roll-seconds S  capture files cover S seconds (default 60, as AWS)
  --region R        region reported to clients (default us-east-1)
  -h, --help        show this help
`;

/** Parsed `local` options. */
export interface LocalArgs {
  port: number;
  host: string;
  dataDir: string;
  rollSeconds?: number;
  region: string;
}

/** Parses `local` arguments; throws an Error with a message for the user on bad input. */
export function parseLocalArgs(argv: readonly string[]): LocalArgs {
  const out: LocalArgs = { port: 4599, host: "127.0.0.1", dataDir: ".capture-lab", region: "us-east-1" };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.startsWith("--") && arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === "") throw new Error(`${flag} needs a value`);
      return v;
    };
    const number = (min: number, max: number): number => {
      const raw = value();
      const n = Number(raw);
      if (!Number.isFinite(n) || n < min || n > max) throw new Error(`${flag}: expected a number from ${min} to ${max}, got "${raw}"`);
      return n;
    };
    switch (flag) {
      case "--port":
        out.port = number(0, 65535);
        if (!Number.isInteger(out.port)) throw new Error(`--port: expected an integer`);
        break;
      case "--host":
        out.host = value();
        break;
      case "--data-dir":
        out.dataDir = value();
        break;
      case "--roll-seconds":
        out.rollSeconds = number(0.01, 3600);
        break;
      case "--region":
        out.region = value();
        break;
      default:
        throw new Error(`unknown option "${arg}"`);
    }
  }
  return out;
}

/** The lines printed once the stack listens: the endpoint and the environment to use. */
export function startupBanner(stack: LocalStack): string {
  return [
    `Capture Lab local stack listening on ${stack.endpoint}`,
    `Data directory: ${stack.dataDir}`,
    `Status: ${stack.endpoint}/_capture-lab/status`,
    "",
    "Use it from another shell or notebook with:",
    `  export CAPTURE_LAB_ENDPOINT=${stack.endpoint}`,
    `  export AWS_ENDPOINT_URL=${stack.endpoint}`,
    `  export AWS_REGION=${stack.region}`,
    `  export AWS_ACCESS_KEY_ID=${stack.credentials.accessKeyId}`,
    `  export AWS_SECRET_ACCESS_KEY=${stack.credentials.secretAccessKey}`,
    "(S3 clients also need forcePathStyle: true.) Press Ctrl-C to stop; pending captures are written first.",
  ].join("\n");
}

async function runLocal(argv: readonly string[]): Promise<void> {
  const args = parseLocalArgs(argv);
  const stack = await startLocalStack({
    port: args.port,
    host: args.host,
    dataDir: args.dataDir,
    region: args.region,
    captureRollIntervalMs: args.rollSeconds !== undefined ? Math.round(args.rollSeconds * 1000) : undefined,
    logger: consoleLogger,
  });
  console.log(startupBanner(stack));
  // Print capture counters when they change, so skipped or lost captures are never silent.
  let last = "";
  const ticker = setInterval(() => {
    const lines = stack.status().endpoints.map((e) => {
      const c = e.counters;
      return `${e.name} [${e.status}] invocations=${c.invocations} captured=${c.captured} written=${c.written} pending=${c.pending} sampled-out=${c.sampledOut} paused-disk=${c.pausedDisk} dropped=${c.dropped} lost=${c.lost} model-errors=${c.modelErrors}`;
    });
    const text = lines.join("\n");
    if (text !== last && text !== "") console.log(`[capture-lab] capture counters:\n  ${lines.join("\n  ")}`);
    last = text;
  }, 10_000);
  ticker.unref();
  let stopping = false;
  const shutdown = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    clearInterval(ticker);
    console.log(`\n${signal}: writing pending captures and stopping...`);
    stack.stop().then(
      () => {
        console.log("stopped");
        process.exit(0);
      },
      (err: Error) => {
        console.error(`stop failed: ${err.message}`);
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", () => shutdown("SIGINT"));
  process.on("SIGTERM", () => shutdown("SIGTERM"));
}

/** Entry point; returns the exit code for immediate failures (the stack itself keeps running). */
export async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  // Model Monitor commands (src/cli/) are loaded on demand: `local` does not pay for them.
  if (command === "baseline") return (require("./cli/baseline-command") as typeof import("./cli/baseline-command")).runBaselineCommand(rest);
  if (command === "monitor") return (require("./cli/monitor-command") as typeof import("./cli/monitor-command")).runMonitorCommand(rest);
  if (command === undefined || command === "-h" || command === "--help" || command === "help" || rest.includes("--help") || rest.includes("-h")) {
    process.stdout.write(HELP);
    return command === undefined ? 1 : 0;
  }
  if (command !== "local") {
    process.stderr.write(`capture-lab: unknown command "${command}"\n\n${HELP}`);
    return 2;
  }
  try {
    await runLocal(rest);
    return 0;
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    const hint = e.code === "EADDRINUSE" ? " (another stack may already run there; try --port 0)" : "";
    process.stderr.write(`capture-lab local: ${e.message}${hint}\n`);
    return 2;
  }
}

if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => {
    if (code !== 0) process.exit(code);
  });
}
