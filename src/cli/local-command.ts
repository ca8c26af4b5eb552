/**
 * `capture-lab local`: runs the embedded local stack in the foreground and prints how to point the
 * AWS SDK (or the AWS CLI) at it.
 */
import {
  DEFAULT_LOCAL_CREDENTIALS,
  DEFAULT_LOCAL_DATA_DIR_NAME,
  DEFAULT_LOCAL_HOST,
  DEFAULT_LOCAL_PORT,
  DEFAULT_LOCAL_REGION,
} from "../defaults";
import { isLoopbackHost, isWildcardHost } from "../local/http/host-guard";
import { consoleLogger } from "../local/http/logger";
import { startLocalStack, type LocalStack } from "../local/stack";
import { flags, numberValue } from "./flags";

/** Help text of `capture-lab local`. */
export const LOCAL_HELP = `Usage: capture-lab local [options]

Run the local SageMaker + S3 stack in the foreground (Ctrl-C to stop).

Options:
  --port N          TCP port (default ${DEFAULT_LOCAL_PORT}; 0 picks a free one)
  --host H          interface to bind (default ${DEFAULT_LOCAL_HOST})
  --data-dir D      where S3 objects, endpoints and models are kept (default ${DEFAULT_LOCAL_DATA_DIR_NAME})
  --roll-seconds S  capture files cover S seconds (default 60, as AWS)
  --region R        region reported to clients (default ${DEFAULT_LOCAL_REGION})
  --access-key-id K --secret-access-key S
                    the only credentials whose SigV4 signatures are accepted
                    (default ${DEFAULT_LOCAL_CREDENTIALS.accessKeyId} / ${DEFAULT_LOCAL_CREDENTIALS.secretAccessKey}; set your own before using --host)
  -h, --help        show this help
`;

/** Parsed `local` options. */
interface LocalArgs {
  port: number;
  host: string;
  dataDir: string;
  rollSeconds?: number;
  region: string;
  /** Both or neither: the stack's own key pair instead of the defaults. */
  credentials?: { accessKeyId: string; secretAccessKey: string };
}

/** Parses `local` arguments; throws an Error with a message for the user on bad input. */
export function parseLocalArgs(argv: readonly string[]): LocalArgs {
  const out: LocalArgs = {
    port: DEFAULT_LOCAL_PORT,
    host: DEFAULT_LOCAL_HOST,
    dataDir: DEFAULT_LOCAL_DATA_DIR_NAME,
    region: DEFAULT_LOCAL_REGION,
  };
  let accessKeyId: string | undefined;
  let secretAccessKey: string | undefined;
  for (const { flag, value } of flags(argv)) {
    const number = (min: number, max: number): number => numberValue(flag, value(), min, max);
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
      case "--access-key-id":
        accessKeyId = value();
        break;
      case "--secret-access-key":
        secretAccessKey = value();
        break;
      default:
        throw new Error(`unknown option "${flag}"`);
    }
  }
  if ((accessKeyId === undefined) !== (secretAccessKey === undefined)) {
    throw new Error("--access-key-id and --secret-access-key go together: give both or neither");
  }
  if (accessKeyId !== undefined && secretAccessKey !== undefined) out.credentials = { accessKeyId, secretAccessKey };
  return out;
}

/**
 * The warning printed when `--host` binds beyond loopback, or undefined for a loopback bind.
 * Anyone who can reach the port and knows the credentials can deploy a JS handler, which then
 * runs as this user: say so, and say whether the credentials are still the public defaults.
 */
export function exposureWarning(
  host: string,
  credentials: { accessKeyId: string; secretAccessKey: string },
): string | undefined {
  if (isLoopbackHost(host)) return undefined;
  const where = isWildcardHost(host) ? "EVERY network interface" : `${host}, beyond loopback`;
  const defaults =
    credentials.accessKeyId === DEFAULT_LOCAL_CREDENTIALS.accessKeyId &&
    credentials.secretAccessKey === DEFAULT_LOCAL_CREDENTIALS.secretAccessKey;
  const bar = "!".repeat(78);
  return [
    bar,
    `WARNING: --host ${host} exposes the local stack on ${where}.`,
    "Anyone who can reach this port and sign with the stack's credentials can read and write its S3",
    "data and deploy a model whose SAGEMAKER_PROGRAM handler runs code as this user.",
    defaults
      ? "The credentials are the PUBLIC DEFAULTS: set your own with --access-key-id and --secret-access-key."
      : "Keep the credentials you set secret. Plain HTTP: they sign requests, but bodies travel unencrypted.",
    "Bind 127.0.0.1 (the default) unless other machines really need to reach it.",
    bar,
  ].join("\n");
}

/** The lines printed once the stack listens: the endpoint and the environment to use. */
function startupBanner(stack: LocalStack): string {
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
    "(S3 clients also need forcePathStyle: true.) Press Ctrl-C to stop; pending captures are written first",
    "(Ctrl-C twice exits at once, like a crash: the next start recovers all but the last second's captures).",
  ].join("\n");
}

/**
 * Runs `capture-lab local`: resolves once the stack listens (it then serves until SIGINT/SIGTERM).
 * @returns 0, or 2 after printing why the stack could not start.
 */
export async function runLocalCommand(argv: readonly string[]): Promise<number> {
  try {
    await runLocal(argv);
    return 0;
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    const hint = e.code === "EADDRINUSE" ? " (another stack may already run there; try --port 0)" : "";
    process.stderr.write(`capture-lab local: ${e.message}${hint}\n`);
    return 2;
  }
}

async function runLocal(argv: readonly string[]): Promise<void> {
  const args = parseLocalArgs(argv);
  const stack = await startLocalStack({
    port: args.port,
    host: args.host,
    dataDir: args.dataDir,
    region: args.region,
    captureRollIntervalMs: args.rollSeconds !== undefined ? Math.round(args.rollSeconds * 1000) : undefined,
    credentials: args.credentials,
    logger: consoleLogger,
  });
  const warning = exposureWarning(args.host, stack.credentials);
  if (warning) console.error(warning);
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
    if (stopping) {
      // A second signal: the user does not want to wait (e.g. for a hung model call). Like a
      // crash, this loses only captures of the last flush interval; the journal has the rest.
      console.log(
        `\n${signal} again: exiting now; captures not yet written are uploaded from the journal at the next start (all but the last second's)`,
      );
      process.exit(130);
    }
    stopping = true;
    clearInterval(ticker);
    console.log(`\n${signal}: refusing new invocations, finishing those in flight, writing pending captures...`);
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
