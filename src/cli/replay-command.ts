/** `capture-lab replay`: captured requests sent again to a candidate model, and where it answers differently. */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { progressPercent, progressText } from "../display/progress";
import type { ReplayCandidate, ReplayProgress, ReplayResult } from "../replay";
import { connect, type CaptureLabSession } from "../session";
import { s3ForUris } from "./args";
import { checkWindow, flags, numberValue, windowFlag } from "./flags";

/** Help of the `replay` command. */
export const REPLAY_HELP = `Usage: capture-lab replay --captures PATH_OR_S3_URI (--model MODEL | --candidate-endpoint NAME) --output DIR [options]

Sends every captured request again, as it was captured (payload, content type, inference id),
to a candidate and compares its answers with the captured ones. Writes {output}/comparison.jsonl
(one row per request), {output}/summary.json (agreement, differences, PSI/KS/JS of the
predictions, largest differences, latency, errors) and the candidate's answers as a capture
set under {output}/captures/ (original inference ids and times).

Candidate (one of):
  --model P             model.tar.gz, a folder, or an XGBoost model file: deployed on the local
                        stack for the replay and torn down after (also on failure and Ctrl-C)
  --image URI           (with --model) serving image (default the SageMaker XGBoost image)
  --candidate-endpoint NAME
                        an existing endpoint of the target (CAPTURE_LAB_TARGET: the local
                        stack, or AWS with --yes)
  --variant NAME        (with --candidate-endpoint) the variant to send to

Options:
  --captures P          capture file, capture folder, or s3:// prefix
  --output D            folder for the results
  --start ISO           only records captured at or after this time
  --end ISO             only records captured before this time
  --limit N             replay at most N records
  --report FILE         also write a standalone HTML report
  --concurrency N       requests in flight (default 4)
  --rate N              requests per second at most (default 10 for --candidate-endpoint,
                        no limit for --model; 0 = no limit)
  --threshold X         probability threshold for agreement (default 0.5)
  --yes                 agree to send captured data to an AWS endpoint
  -h, --help            show this help

Exit code: 0 done, 4 done with request errors, 1 failed, 2 bad arguments.
`;

/** Parsed `replay` options. */
export interface ReplayArgs {
  captures: string;
  output: string;
  model?: string;
  image?: string;
  endpoint?: string;
  variant?: string;
  start?: Date;
  end?: Date;
  limit?: number;
  report?: string;
  concurrency?: number;
  rate?: number;
  threshold?: number;
  yes: boolean;
}

/** Parses `replay` arguments; throws an Error with a message for the user on bad input. */
export function parseReplayArgs(argv: readonly string[]): ReplayArgs {
  const a: Partial<ReplayArgs> & { yes: boolean } = { yes: false };
  for (const { flag, value } of flags(argv)) {
    switch (flag) {
      case "--model":
        a.model = value();
        break;
      case "--image":
        a.image = value();
        break;
      case "--candidate-endpoint":
        a.endpoint = value();
        break;
      case "--variant":
        a.variant = value();
        break;
      case "--limit":
        a.limit = Math.floor(numberValue(flag, value(), 1, Number.MAX_SAFE_INTEGER));
        break;
      case "--report":
        a.report = value();
        break;
      case "--concurrency":
        a.concurrency = Math.floor(numberValue(flag, value(), 1, 256));
        break;
      case "--rate":
        a.rate = numberValue(flag, value(), 0, 100_000);
        break;
      case "--threshold":
        a.threshold = numberValue(flag, value(), 0, 1);
        break;
      case "--yes":
        a.yes = true;
        break;
      default:
        if (!windowFlag(a, flag, value, ["baseline"])) throw new Error(`unknown option "${flag}"`);
    }
  }
  if (!a.captures) throw new Error("--captures is required");
  if (!a.output) throw new Error("--output is required");
  if ((a.model === undefined) === (a.endpoint === undefined))
    throw new Error("give exactly one candidate: --model MODEL or --candidate-endpoint NAME");
  if (a.image !== undefined && a.model === undefined) throw new Error("--image goes with --model");
  if (a.variant !== undefined && a.endpoint === undefined) throw new Error("--variant goes with --candidate-endpoint");
  if (a.model !== undefined && !fs.existsSync(a.model)) throw new Error(`--model: ${a.model} does not exist`);
  checkWindow(a);
  return a as ReplayArgs;
}

/** The local stack a `--model` candidate is deployed on: a running one, else one started in-process in a temp folder. */
async function localSession(): Promise<{ session: CaptureLabSession; close(): Promise<void> }> {
  try {
    const session = await connect({ target: { kind: "local" }, startLocal: false });
    return { session, close: () => session.close() };
  } catch {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "capture-lab-replay-"));
    const session = await connect({ target: { kind: "local" }, port: 0, dataDir });
    return {
      session,
      close: async () => {
        await session.close();
        fs.rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
}

/** A one-line progress bar on stderr (redrawn in place on a terminal). */
function progressPrinter(out: NodeJS.WriteStream): (p: ReplayProgress) => void {
  let lastLine = -1;
  return (p) => {
    const pct = progressPercent(p);
    const filled = Math.round(pct / 5);
    const line = `[${"#".repeat(filled)}${".".repeat(20 - filled)}] ${progressText({ ...p, label: "Replaying" })}`;
    if (out.isTTY) out.write(`\r${line}${p.done === p.total ? "\n" : ""}`);
    else if (Math.floor(pct / 25) !== lastLine || p.done === p.total) {
      lastLine = Math.floor(pct / 25);
      out.write(`${line}\n`);
    }
  };
}

function printSummary(r: ReplayResult, output: string, out: NodeJS.WritableStream): void {
  const s = r.summary;
  const pct = (x: number | null) => (x === null ? "–" : `${(x * 100).toFixed(1)}%`);
  out.write(
    `${s.answered}/${s.requests} answered by ${r.candidate.endpointName}; agreement ${pct(s.agreementRate)} (threshold ${s.threshold}); ${s.identical} identical; ${s.failed} failed\n`,
  );
  if (s.differences.count > 0)
    out.write(
      `  |difference|: mean ${s.differences.mean!.toPrecision(4)}, p50 ${s.differences.p50!.toPrecision(4)}, p99 ${s.differences.p99!.toPrecision(4)}, max ${s.differences.max!.toPrecision(4)}; ${s.flips.toPositive} up / ${s.flips.toNegative} down across the threshold\n`,
    );
  const d = s.predictions.drift;
  if (d)
    out.write(
      `  predictions: PSI ${d.psi.toFixed(4)}, KS ${d.ks.toFixed(4)} (p ${d.ksPValue.toPrecision(3)}), JS ${d.jensenShannon.toFixed(4)}\n`,
    );
  for (const e of s.errors.first.slice(0, 10))
    out.write(`  failed: ${e.source}:${e.line} (inferenceId ${e.inferenceId ?? "none"}): ${e.error}\n`);
  if (s.errors.count > 10) out.write(`  ... ${s.errors.count - 10} more failed requests in summary.json\n`);
  for (const e of r.read.errors.slice(0, 10)) out.write(`  unreadable capture line: ${e.message}\n`);
  if (r.candidate.deployed) out.write(`  candidate ${r.candidate.endpointName} torn down\n`);
  const files = r.written
    .filter((f) => !r.capturesDir || !f.startsWith(r.capturesDir))
    .map((f) => (path.dirname(f) === path.resolve(output) || path.dirname(f) === output ? path.basename(f) : f));
  out.write(
    `  wrote ${files.join(", ")} to ${output}${r.capturesDir ? `; the candidate's captures to ${r.capturesDir}` : ""}\n`,
  );
}

/** Runs `capture-lab replay`; returns the exit code. */
export async function runReplayCommand(argv: readonly string[]): Promise<number> {
  if (argv.includes("-h") || argv.includes("--help")) {
    process.stdout.write(REPLAY_HELP);
    return 0;
  }
  let args: ReplayArgs;
  try {
    args = parseReplayArgs(argv);
  } catch (e) {
    process.stderr.write(`capture-lab replay: ${(e as Error).message}\n\n${REPLAY_HELP}`);
    return 2;
  }
  const controller = new AbortController();
  const onSigint = (): void => {
    process.stderr.write("\ncapture-lab replay: interrupted; stopping and tearing down the candidate\n");
    controller.abort();
  };
  process.once("SIGINT", onSigint);
  process.once("SIGTERM", onSigint);
  const closers: Array<() => Promise<void>> = [];
  try {
    const captureClient = await s3ForUris([args.captures]);
    closers.push(() => captureClient.close());
    let session: CaptureLabSession;
    let candidate: ReplayCandidate;
    if (args.model !== undefined) {
      const local = await localSession();
      closers.push(() => local.close());
      session = local.session;
      candidate = { model: args.model, ...(args.image !== undefined ? { imageUri: args.image } : {}) };
    } else {
      session = await connect({ startLocal: false });
      closers.push(() => session.close());
      if (session.target.kind === "aws" && !args.yes) {
        process.stderr.write(
          `capture-lab replay: this sends the captured requests (customer data) in ${args.captures} to the AWS endpoint ${args.endpoint} in ${session.region}. Rerun with --yes to agree.\n`,
        );
        return 2;
      }
      candidate = {
        endpointName: args.endpoint!,
        ...(args.variant !== undefined ? { targetVariant: args.variant } : {}),
      };
    }
    const { replayCaptures } = require("../replay") as typeof import("../replay");
    const result = await replayCaptures(session, {
      captures: args.captures.startsWith("s3://") ? { s3: captureClient.s3!, uri: args.captures } : args.captures,
      candidate,
      output: args.output,
      ...(args.report !== undefined ? { report: args.report } : {}),
      ...(args.start ? { from: args.start } : {}),
      ...(args.end ? { to: args.end } : {}),
      ...(args.limit !== undefined ? { limit: args.limit } : {}),
      ...(args.concurrency !== undefined ? { concurrency: args.concurrency } : {}),
      ...(args.rate !== undefined ? { rate: args.rate } : {}),
      ...(args.threshold !== undefined ? { threshold: args.threshold } : {}),
      allowAws: args.yes,
      signal: controller.signal,
      onProgress: progressPrinter(process.stderr),
      onStatus: (m) => process.stderr.write(`${m}\n`),
    });
    printSummary(result, args.output, process.stdout);
    if (result.summary.requests === 0) {
      process.stderr.write(`capture-lab replay: no captured records in ${args.captures}\n`);
      return 1;
    }
    return result.summary.failed > 0 ? 4 : 0;
  } catch (e) {
    process.stderr.write(`capture-lab replay: ${(e as Error).message}\n`);
    return 1;
  } finally {
    for (const close of closers.reverse()) await close().catch(() => {});
    process.removeListener("SIGINT", onSigint);
    process.removeListener("SIGTERM", onSigint);
  }
}
