/**
 * `npm run bench:journal`: what the crash journal costs capture, and what a crash loses with it.
 *
 * 1. Throughput: two local stacks in this process, one journaling captures and one not, each
 *    serving the demo XGBoost model with 100 % capture. Workers alternate short phases between
 *    them (journal, none, none, journal, ...) as bench/endpoint.ts does, because on a shared
 *    2-core machine only adjacent short windows compare fairly; the ratio is the median of the
 *    per-round ratios (invocations/s with the journal over without), with its spread
 *    (bench/lib/rounds.ts) and the CPU per invocation ratio. Run twice with the stacks started in swapped order, pooled. Target: above 0.97.
 * 2. Crash loss: `capture-lab local` as a child process takes traffic for a few seconds (plus a
 *    seeded offset, so the kill lands at a different point of the flush interval each trial), is
 *    SIGKILLed and restarted on the same data dir; counts the acknowledged invocations whose
 *    records are missing after the restart and how long before the kill the oldest of them was
 *    acknowledged (the bound is the flush interval, 1000 ms), and checks for duplicates.
 *
 * Env: BENCH_N (invocations per mode, default 20000), BENCH_WORKERS (default 16), BENCH_ROUNDS
 * (paired rounds, default 200), BENCH_ROLL_MS (capture file roll, default 2000 so uploads and
 * journal deletions fall inside the measurement), BENCH_CRASHES (default 5), BENCH_TRAFFIC_MS
 * (traffic before each kill, default 4000, plus 0-1000 ms), BENCH_AA=1 (no journal on either
 * stack: the noise floor of the ratio). Last line:
 * `journal throughput_ratio=<with/without> crash_lost=<n> oldest_lost_ms=<ms> duplicates=<n>`.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { S3Client } from "@aws-sdk/client-s3";
import { SageMakerClient } from "@aws-sdk/client-sagemaker";
import { InvokeEndpointCommand, SageMakerRuntimeClient } from "@aws-sdk/client-sagemaker-runtime";
import { startLocalStack, type LocalStack } from "../src/local";
import { captureConfig, deploy, testRows, uploadChurnModel, XGB_IMAGE } from "../test/local/e2e/helpers";
import { capturedIds, deployCapturing, startLocalChild, startTraffic } from "../test/cli/local-child";
import { until } from "../test/helpers";
import { median } from "./lib/paired-stats";
import { cpuSeconds, formatSpread, spreadOf } from "./lib/rounds";
import { seededRandom } from "../src/local/capture-writer/random";

const N = Number(process.env.BENCH_N ?? 20000);
const WORKERS = Number(process.env.BENCH_WORKERS ?? 16);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 200);
const ROLL_MS = Number(process.env.BENCH_ROLL_MS ?? 2000);
const CRASHES = Number(process.env.BENCH_CRASHES ?? 5);
const TRAFFIC_MS = Number(process.env.BENCH_TRAFFIC_MS ?? 4000);
const WARMUP = 500;
const FLUSH_INTERVAL_MS = 1000;

type Mode = "journal" | "none";

interface Side {
  stack: LocalStack;
  dir: string;
  s3: S3Client;
  sm: SageMakerClient;
  rt: SageMakerRuntimeClient;
}

async function startSide(mode: Mode): Promise<Side> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `capture-lab-bench-${mode}-`));
  const journal = mode === "journal" && !process.env.BENCH_AA;
  const stack = await startLocalStack({
    dataDir: dir,
    seed: 1,
    captureRollIntervalMs: ROLL_MS,
    captureJournal: journal,
  });
  const side = {
    stack,
    dir,
    s3: new S3Client(stack.clientConfig.s3),
    sm: new SageMakerClient(stack.clientConfig.sageMaker),
    rt: new SageMakerRuntimeClient(stack.clientConfig.runtime),
  };
  const uri = await uploadChurnModel(side.s3);
  await deploy(
    side.sm,
    { model: "bench", config: "bench", endpoint: "bench" },
    { Image: XGB_IMAGE, ModelDataUrl: uri },
    captureConfig(100),
  );
  return side;
}

async function stopSide(side: Side): Promise<void> {
  side.s3.destroy();
  side.sm.destroy();
  side.rt.destroy();
  await side.stack.stop();
  fs.rmSync(side.dir, { recursive: true, force: true });
}

/** `count` invocations from WORKERS workers; returns the elapsed milliseconds. */
async function phase(rt: SageMakerRuntimeClient, rows: string[], count: number): Promise<number> {
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: WORKERS }, async () => {
      for (let i = next++; i < count; i = next++) {
        await rt.send(
          new InvokeEndpointCommand({
            EndpointName: "bench",
            ContentType: "text/csv",
            Body: rows[i % rows.length],
            InferenceId: `b-${i}`,
          }),
        );
      }
    }),
  );
  return performance.now() - start;
}

/** Paired rounds over the two stacks; returns per-round ratios (journal inv/s over none inv/s) and totals. */
async function runPair(startOrder: Mode[]): Promise<{
  ratios: number[];
  cpuRatios: number[];
  ms: Record<Mode, number>;
  n: number;
  captured: Record<Mode, number>;
}> {
  const sides = {} as Record<Mode, Side>;
  try {
    for (const mode of startOrder) sides[mode] = await startSide(mode);
    const rows = testRows(200);
    for (const mode of startOrder) await phase(sides[mode].rt, rows, WARMUP);
    const rounds = Math.max(1, Math.round(ROUNDS / 2));
    const perRound = Math.ceil(N / 2 / rounds);
    const ratios: number[] = [];
    const cpuRatios: number[] = [];
    const ms: Record<Mode, number> = { journal: 0, none: 0 };
    for (let r = 0; r < rounds; r++) {
      const order: Mode[] = r % 2 === 0 ? ["journal", "none"] : ["none", "journal"];
      const elapsed = {} as Record<Mode, number>;
      const cpu = {} as Record<Mode, number>;
      for (const mode of order) {
        const c0 = cpuSeconds();
        elapsed[mode] = await phase(sides[mode].rt, rows, perRound);
        cpu[mode] = cpuSeconds() - c0;
      }
      ratios.push(elapsed.none / elapsed.journal);
      cpuRatios.push(cpu.journal / cpu.none);
      ms.journal += elapsed.journal;
      ms.none += elapsed.none;
    }
    const captured = {} as Record<Mode, number>;
    for (const mode of startOrder) {
      await sides[mode].stack.flushCapture();
      captured[mode] = sides[mode].stack.status().endpoints[0].counters.written;
    }
    return { ratios, cpuRatios, ms, n: rounds * perRound, captured };
  } finally {
    for (const side of Object.values(sides)) await stopSide(side);
  }
}

/** One SIGKILL trial: acknowledged, lost, the oldest lost acknowledgement's age at the kill, duplicates. */
async function crashTrial(
  trial: number,
  trafficMs: number,
): Promise<{ acked: number; lost: number; oldestLostMs: number; duplicates: number }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "capture-lab-bench-crash-"));
  try {
    const first = await startLocalChild(dir);
    await deployCapturing(first, "crash");
    const traffic = startTraffic(first.clients().rt, "crash", `c${trial}`, WORKERS);
    const began = Date.now();
    await until(() => Date.now() - began >= trafficMs, trafficMs + 60_000, "traffic time");
    const killedAt = Date.now();
    first.child.kill("SIGKILL");
    await first.exited;
    await traffic.stop();
    const second = await startLocalChild(dir);
    try {
      await fetch(`${second.endpoint}/_capture-lab/flush`, { method: "POST" });
      const ids = await capturedIds(second.clients().s3, "crash");
      const captured = new Set(ids);
      const lostAges = [...traffic.acked].filter(([id]) => !captured.has(id)).map(([, t]) => killedAt - t);
      return {
        acked: traffic.acked.size,
        lost: lostAges.length,
        oldestLostMs: Math.max(0, ...lostAges),
        duplicates: ids.length - captured.size,
      };
    } finally {
      second.child.kill("SIGTERM");
      await second.exited;
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const runs = [await runPair(["journal", "none"]), await runPair(["none", "journal"])];
  const ratios = runs.flatMap((r) => r.ratios);
  const ratio = median(ratios);
  const total = (m: Mode) => runs.reduce((s, r) => s + r.ms[m], 0);
  const n = runs.reduce((s, r) => s + r.n, 0);
  console.log(
    `node ${process.version}, ${os.cpus().length} CPUs, ${WORKERS} workers, ${ROUNDS} alternating rounds over 2 stack pairs, files rolled every ${ROLL_MS} ms${process.env.BENCH_AA ? ", A/A: no journal on either side" : ""}`,
  );
  for (const m of ["none", "journal"] as Mode[]) {
    const written = runs.reduce((s, r) => s + r.captured[m], 0);
    console.log(
      `${m === "none" ? "no journal" : "journal   "}  ${n} invocations  ${(n / (total(m) / 1000)).toFixed(0)} inv/s  records written ${written} (warm-up included)`,
    );
  }
  console.log(
    `CPU per invocation (journal / no journal), ${ratios.length} paired rounds: ${formatSpread(spreadOf(runs.flatMap((r) => r.cpuRatios)), 3)}`,
  );
  console.log(
    `throughput ratio (journal / no journal), median of ${ratios.length} paired rounds: ${formatSpread(spreadOf(ratios), 3)}; target > 0.970`,
  );

  const trials = [];
  const offset = seededRandom(7);
  for (let t = 0; t < CRASHES; t++) {
    const trafficMs = TRAFFIC_MS + Math.round(offset() * FLUSH_INTERVAL_MS);
    const r = await crashTrial(t, trafficMs);
    trials.push(r);
    console.log(
      `SIGKILL after ${trafficMs} ms of traffic: ${r.lost} of ${r.acked} acknowledged invocations lost, oldest lost acknowledged ${r.oldestLostMs} ms before the kill, ${r.duplicates} duplicates`,
    );
  }
  const lost = trials.reduce((s, r) => s + r.lost, 0);
  const oldest = Math.max(0, ...trials.map((r) => r.oldestLostMs));
  const duplicates = trials.reduce((s, r) => s + r.duplicates, 0);
  if (trials.length > 0) {
    console.log(
      `crash-loss bound: ${oldest} ms measured against a ${FLUSH_INTERVAL_MS} ms flush interval (${(oldest / FLUSH_INTERVAL_MS).toFixed(2)} of it)`,
    );
  }
  console.log(
    `journal throughput_ratio=${ratio.toFixed(3)} crash_lost=${lost} oldest_lost_ms=${oldest} duplicates=${duplicates}`,
  );
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
