/**
 * `capture-lab replay` in-process against the embedded stack (CAPTURE_LAB_ENDPOINT): arguments,
 * exit codes 0/2/4/1, the AWS consent, and the candidate torn down after Ctrl-C.
 */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { ListEndpointsCommand } from "@aws-sdk/client-sagemaker";
import { parseReplayArgs, runReplayCommand } from "../../src/cli/replay-command";
import { until } from "../helpers";
import {
  CANDIDATE_MODEL,
  deployClockHandler,
  MODEL,
  resourcesNamed,
  startReplayStack,
  type ReplayStack,
} from "../replay/helpers";

/** The name of an InService endpoint starting with `prefix`, if any. */
async function inService(s: ReplayStack, prefix: string): Promise<string | undefined> {
  const list = await s.session.sageMaker.send(new ListEndpointsCommand({ StatusEquals: "InService" }));
  return (list.Endpoints ?? [])
    .map((e: { EndpointName?: string }) => e.EndpointName ?? "")
    .find((n: string) => n.startsWith(prefix));
}

/** Runs the command with stdout/stderr captured and the given environment. */
async function run(argv: string[], env: Record<string, string | undefined>) {
  const saved: Record<string, string | undefined> = {};
  for (const k of Object.keys(env)) {
    saved[k] = process.env[k];
    if (env[k] === undefined) delete process.env[k];
    else process.env[k] = env[k];
  }
  let stdout = "";
  let stderr = "";
  const out = process.stdout.write.bind(process.stdout);
  const err = process.stderr.write.bind(process.stderr);
  process.stdout.write = ((c: string | Uint8Array) => ((stdout += String(c)), true)) as typeof process.stdout.write;
  process.stderr.write = ((c: string | Uint8Array) => ((stderr += String(c)), true)) as typeof process.stderr.write;
  try {
    const code = await runReplayCommand(argv);
    return { code, stdout, stderr };
  } finally {
    process.stdout.write = out;
    process.stderr.write = err;
    for (const k of Object.keys(saved)) {
      if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
    }
  }
}

describe("capture-lab replay", function () {
  this.timeout(120_000);

  it("parses its options and rejects bad ones, naming the flag", () => {
    const a = parseReplayArgs(["--captures", "c/", "--model", MODEL, "--output=o", "--limit", "5", "--rate", "0"]);
    assert.equal(a.captures, "c/");
    assert.equal(a.model, MODEL);
    assert.equal(a.limit, 5);
    assert.equal(a.rate, 0);
    assert.throws(() => parseReplayArgs(["--captures", "c", "--output", "o"]), /exactly one candidate/);
    assert.throws(
      () => parseReplayArgs(["--captures", "c", "--output", "o", "--model", MODEL, "--candidate-endpoint", "e"]),
      /exactly one candidate/,
    );
    assert.throws(() => parseReplayArgs(["--captures", "c", "--model", MODEL]), /--output is required/);
    assert.throws(
      () => parseReplayArgs(["--captures", "c", "--output", "o", "--model", "nope.json"]),
      /does not exist/,
    );
    assert.throws(() => parseReplayArgs(["--limit", "0"]), /--limit: expected a number from 1/);
    assert.throws(() => parseReplayArgs(["--threshold", "2"]), /--threshold: expected a number from 0 to 1/);
    assert.throws(() => parseReplayArgs(["--bogus"]), /unknown option "--bogus"/);
  });

  it("exits 2 on bad arguments, with the help", async () => {
    const r = await run(["--captures", "c"], {});
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--output is required[\s\S]*Usage: capture-lab replay/);
  });

  it("asks for --yes before sending captured data to an AWS endpoint, and sends nothing without it", async () => {
    const r = await run(["--captures", "captures/", "--candidate-endpoint", "prod", "--output", "o"], {
      CAPTURE_LAB_TARGET: "aws",
      AWS_REGION: "eu-west-1",
      CAPTURE_LAB_REGION: undefined,
      CAPTURE_LAB_BUCKET: "my-bucket",
      CAPTURE_LAB_ROLE_ARN: "arn:aws:iam::123456789012:role/r",
    });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /AWS endpoint prod in eu-west-1\. Rerun with --yes/);
  });

  describe("against the local stack", () => {
    let s: ReplayStack;
    let env: Record<string, string | undefined>;
    let uri: string;
    before(async () => {
      s = await startReplayStack();
      env = { CAPTURE_LAB_ENDPOINT: s.stack.endpoint, CAPTURE_LAB_TARGET: undefined };
      uri = s.source.uri;
    });
    after(async () => {
      if (s) await s.close();
    });

    it("exits 0 with the comparison, summary, report and capture set written (s3:// captures, --model deployed and torn down)", async () => {
      const output = path.join(s.tmp, "cli-same");
      const report = path.join(s.tmp, "cli-same.html");
      const r = await run(["--captures", uri, "--model", MODEL, "--output", output, "--report", report], env);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /200\/200 answered by replay-candidate-[\w-]+; agreement 100\.0%/);
      assert.match(r.stderr, /\[#{20}\] Replaying: 200\/200 \(100%\)/);
      assert.match(
        r.stdout,
        new RegExp(`wrote comparison\\.jsonl, summary\\.json, ${report.replace(/[.\\/]/g, "\\$&")} to `),
      );
      for (const f of ["comparison.jsonl", "summary.json"]) assert.ok(fs.existsSync(path.join(output, f)), f);
      assert.ok(fs.existsSync(report));
      assert.ok(fs.readdirSync(path.join(output, "captures")).length > 0);
      assert.deepEqual(await resourcesNamed(s.session, "replay-candidate"), []);
    });

    it("exits 4 when some requests failed, naming each with its capture file and line", async () => {
      await deployClockHandler(s.session, "cli-failing", 7);
      const output = path.join(s.tmp, "cli-failing");
      const r = await run(
        ["--captures", uri, "--candidate-endpoint", "cli-failing", "--output", output, "--rate", "0", "--limit", "30"],
        env,
      );
      assert.equal(r.code, 4, r.stderr);
      assert.match(r.stdout, /26\/30 answered .* 4 failed/);
      assert.equal((r.stdout.match(/failed: s3:\/\/\S+\.jsonl:\d+ \(inferenceId \d+\)/g) ?? []).length, 4);
    });

    it("exits 1 and tears the candidate down on Ctrl-C", async () => {
      const output = path.join(s.tmp, "cli-interrupted");
      const running = run(["--captures", uri, "--model", CANDIDATE_MODEL, "--output", output, "--rate", "20"], env);
      // Interrupt once the candidate serves: at 20 requests/s the 200 requests take about 10 s.
      await until(
        async () => (await inService(s, "replay-candidate")) !== undefined,
        30_000,
        "the candidate in service",
      );
      process.emit("SIGINT");
      const r = await running;
      assert.equal(r.code, 1);
      assert.match(r.stderr, /interrupted/);
      assert.deepEqual(await resourcesNamed(s.session, "replay-candidate"), []);
    });
  });
});
