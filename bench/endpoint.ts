/**
 * `npm run bench:endpoint`: what data capture costs an invocation on the local stack.
 *
 * One stack, one served model (the demo XGBoost churn model) on two endpoints: one without
 * capture, one capturing 100 %. A fixed pool of workers shares one SageMakerRuntimeClient (what
 * users call), warms both endpoints up, then alternates short phases (off, on, on, off, ...).
 * Reports invocations/s and p50/p99 latency per mode, then flushes and counts the records actually
 * written to S3: they must equal the capture-phase invocations.
 *
 * Why many short phases: on the shared 2-core machines this runs on, the throughput of
 * allocation-heavy JS drifts by 15-25 % between 100 ms windows and by as much over seconds, while
 * two adjacent 100 ms windows stay closest. So each round runs both modes back to back for about
 * 100 invocations each, the throughput ratio is the median of the per-round ratios, and its spread
 * (min-max, IQR, 95 % bootstrap interval; bench/lib/rounds.ts) is printed so a reader can tell a
 * real cost from noise, with the CPU per invocation ratio beside it. The table's latency
 * percentiles are pooled; the p99 added on the last line is the median, over blocks of 10 rounds,
 * of the per-block difference, so one GC pause landing in one mode's phase does not decide it.
 *
 * Env: BENCH_N (invocations per mode, default 30000), BENCH_WORKERS (default 16), BENCH_ROUNDS
 * (paired rounds over both stacks, default 300), BENCH_ROLL_MS (capture file roll interval, default
 * 2000 so uploads fall inside the measurement), BENCH_AA=1 (capture off on both endpoints: the
 * noise floor). Last line: `endpoint throughput_ratio=<capture/no-capture> p99_added_ms=<x> lost=<n>`.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { GetObjectCommand, paginateListObjectsV2, S3Client } from "@aws-sdk/client-s3";
import { SageMakerClient } from "@aws-sdk/client-sagemaker";
import { InvokeEndpointCommand, SageMakerRuntimeClient } from "@aws-sdk/client-sagemaker-runtime";
import { median, percentile } from "./lib/paired-stats";
import { cpuSeconds, formatSpread, spreadOf } from "./lib/rounds";
import { startLocalStack } from "../src/local";
import { BUCKET, captureConfig, deploy, testRows, uploadChurnModel, XGB_IMAGE } from "../test/local/e2e/helpers";

const N = Number(process.env.BENCH_N ?? 30000);
const WORKERS = Number(process.env.BENCH_WORKERS ?? 16);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 300);
const WARMUP = 500;
/** Rounds per p99 block: a p99 needs more samples than one round's ~100 per mode. */
const BLOCK = 10;
// Files roll every 2 s (not AWS's 60 s) so uploading them happens inside the measured phases.
const ROLL_MS = Number(process.env.BENCH_ROLL_MS ?? 2000);

interface PhaseResult {
  latenciesMs: number[];
  elapsedMs: number;
  /** CPU seconds of this process (clients and stack) during the phase. */
  cpu: number;
}

async function runPhase(
  rt: SageMakerRuntimeClient,
  endpoint: string,
  rows: string[],
  count: number,
): Promise<PhaseResult> {
  const latenciesMs: number[] = [];
  let next = 0;
  const c0 = cpuSeconds();
  const start = performance.now();
  await Promise.all(
    Array.from({ length: WORKERS }, async () => {
      for (;;) {
        const i = next++;
        if (i >= count) return;
        const t = performance.now();
        await rt.send(
          new InvokeEndpointCommand({
            EndpointName: endpoint,
            ContentType: "text/csv",
            Body: rows[i % rows.length],
            InferenceId: `b-${i}`,
          }),
        );
        latenciesMs.push(performance.now() - t);
      }
    }),
  );
  return { latenciesMs, elapsedMs: performance.now() - start, cpu: cpuSeconds() - c0 };
}

async function countRecords(s3: S3Client, prefix: string): Promise<number> {
  let n = 0;
  for await (const page of paginateListObjectsV2({ client: s3 }, { Bucket: BUCKET, Prefix: prefix })) {
    for (const obj of page.Contents ?? []) {
      const body = await (
        await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: obj.Key }))
      ).Body!.transformToString();
      n += body.split("\n").filter((l) => l !== "").length;
    }
  }
  return n;
}

interface RunResult {
  latenciesMs: Record<Mode, number[]>;
  elapsedMs: Record<Mode, number>;
  roundRatios: number[];
  /** Per round, CPU per invocation with capture over without. */
  cpuRatios: number[];
  /** p99(on) - p99(off) per block of BLOCK rounds (about 1000 invocations per mode). */
  blockP99Added: number[];
  captured: number;
}
type Mode = "off" | "on";

/** One stack, both endpoints deployed in `deployOrder`, ROUNDS/2 paired rounds of N/2 per mode. */
async function runStack(deployOrder: Mode[]): Promise<RunResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "capture-lab-bench-"));
  const stack = await startLocalStack({ dataDir: dir, seed: 1, captureRollIntervalMs: ROLL_MS });
  const s3 = new S3Client(stack.clientConfig.s3);
  const sm = new SageMakerClient(stack.clientConfig.sageMaker);
  const rt = new SageMakerRuntimeClient(stack.clientConfig.runtime);
  try {
    const uri = await uploadChurnModel(s3);
    const container = { Image: XGB_IMAGE, ModelDataUrl: uri };
    for (const mode of deployOrder) {
      // BENCH_AA=1 deploys the "on" endpoint without capture: an A/A run shows the noise floor.
      const capture = mode === "on" && !process.env.BENCH_AA ? captureConfig(100) : undefined;
      await deploy(
        sm,
        { model: `bench-${mode}`, config: `bench-${mode}`, endpoint: `bench-${mode}` },
        container,
        capture,
      );
    }
    const rows = testRows(200);
    await runPhase(rt, "bench-off", rows, WARMUP);
    await runPhase(rt, "bench-on", rows, WARMUP);
    await stack.flushCapture();
    const warmCaptured = await countRecords(s3, "capture/bench-on/");
    const out: RunResult = {
      latenciesMs: { off: [], on: [] },
      elapsedMs: { off: 0, on: 0 },
      roundRatios: [],
      cpuRatios: [],
      blockP99Added: [],
      captured: 0,
    };
    const rounds = Math.max(1, Math.round(ROUNDS / 2));
    const perRound = Math.ceil(N / 2 / rounds);
    let block: Record<Mode, number[]> = { off: [], on: [] };
    const p99 = (xs: number[]): number =>
      percentile(
        [...xs].sort((a, b) => a - b),
        99,
      );
    for (let r = 0; r < rounds; r++) {
      // Alternate which mode goes first so neither always follows the other.
      const order: Mode[] = r % 2 === 0 ? ["off", "on"] : ["on", "off"];
      const round: Partial<Record<Mode, PhaseResult>> = {};
      for (const mode of order) {
        const res = await runPhase(rt, `bench-${mode}`, rows, perRound);
        round[mode] = res;
        out.latenciesMs[mode].push(...res.latenciesMs);
        out.elapsedMs[mode] += res.elapsedMs;
        block[mode].push(...res.latenciesMs);
      }
      out.roundRatios.push(round.off!.elapsedMs / round.on!.elapsedMs);
      out.cpuRatios.push(round.on!.cpu / round.off!.cpu);
      if ((r + 1) % BLOCK === 0 || r === rounds - 1) {
        out.blockP99Added.push(p99(block.on) - p99(block.off));
        block = { off: [], on: [] };
      }
    }
    await stack.flushCapture();
    out.captured = (await countRecords(s3, "capture/bench-on/")) - warmCaptured;
    return out;
  } finally {
    s3.destroy();
    sm.destroy();
    rt.destroy();
    await stack.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  // The endpoint deployed second measured ~10 % slower even with capture off on both (an A/A
  // run), so the bench runs twice with the deploy order swapped and pools both runs.
  const runs = [await runStack(["off", "on"]), await runStack(["on", "off"])];
  const pooled = (m: Mode) => {
    const sorted = runs.flatMap((r) => r.latenciesMs[m]).sort((a, b) => a - b);
    const elapsed = runs.reduce((s, r) => s + r.elapsedMs[m], 0);
    return {
      n: sorted.length,
      ips: sorted.length / (elapsed / 1000),
      p50: percentile(sorted, 50),
      p99: percentile(sorted, 99),
    };
  };
  const off = pooled("off");
  const on = pooled("on");
  const ratios = runs.flatMap((r) => r.roundRatios);
  const ratio = median(ratios);
  const added = median(runs.flatMap((r) => r.blockP99Added));
  const captured = runs.reduce((s, r) => s + r.captured, 0);
  const lost = on.n - captured;
  console.log(
    `node ${process.version}, ${os.cpus().length} CPUs, ${WORKERS} workers sharing one SageMakerRuntimeClient, ${ROUNDS} alternating rounds over 2 stacks`,
  );
  console.log("mode          invocations  inv/s     p50 ms  p99 ms");
  for (const [label, s] of [
    ["capture off", off],
    ["capture 100%", on],
  ] as const) {
    console.log(
      `${label.padEnd(13)} ${String(s.n).padStart(11)}  ${s.ips.toFixed(0).padStart(7)}  ${s.p50.toFixed(2).padStart(7)} ${s.p99.toFixed(2).padStart(7)}`,
    );
  }
  console.log(
    `pooled: throughput ratio ${(on.ips / off.ips).toFixed(3)}, p99 added ${(on.p99 - off.p99).toFixed(2)} ms`,
  );
  console.log(
    `p99 added, median over ${runs.reduce((n, r) => n + r.blockP99Added.length, 0)} blocks of ${BLOCK} rounds: ${added.toFixed(2)} ms`,
  );
  console.log(
    `CPU per invocation (capture / no capture), ${ratios.length} paired rounds: ${formatSpread(spreadOf(runs.flatMap((r) => r.cpuRatios)), 3)}`,
  );
  console.log(
    `throughput ratio, median of ${ratios.length} paired rounds: ${formatSpread(spreadOf(ratios), 3)}${process.env.BENCH_AA ? " (A/A)" : ""}`,
  );
  console.log(`captured records written to S3: ${captured} of ${on.n}`);
  console.log(`endpoint throughput_ratio=${ratio.toFixed(3)} p99_added_ms=${added.toFixed(2)} lost=${lost}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
