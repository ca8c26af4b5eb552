/**
 * Parallel monitoring benchmark (npm run bench:monitor-parallel, or
 * `npm run bench:monitor -- --parallel`): one large window split across worker threads
 * (`--mode window`) and an hourly backfill's hours on worker threads (`--mode hourly`).
 *
 * The load benchmark's seeded capture sets (bench/.data) in both layouts, `hours` (250 hour
 * folders of small files: the natural shape of a backfill) and `few` (large files a minute, a
 * few hours), in interleaved rounds (bench/lib/rounds.ts), each arm in a fresh child process:
 *   workers=1   one thread (the baseline);
 *   workers=N   N worker threads (`--workers 2`, comma list; default 2: this machine has 2 cores);
 *   workers=1 again  the A/A arm.
 * `window`: the whole set as one `runMonitor` window, its files split across the workers and
 * the partial profiles merged; checks every arm's statistics.json is the same but the sketches
 * (`distribution.kll`, the fields that may differ). `hourly`: `runHourlyMonitoring`, hour by
 * hour; checks every arm wrote the same report bytes.
 * Prints per arm wall and CPU seconds (CPU of the whole process, all threads) and peak RSS; the
 * speed-up is wall(1) / wall(N) per round, as the median with its spread; the CPU ratio shows
 * what the threads cost beyond the work.
 * Past the cores measured, figures are a projection (printed as such), not a measurement.
 *
 * Options: --records 2e5 (comma list), --layouts hours,few, --mode window,hourly, --rounds 5,
 * --workers 2, --preprocessor py|js (every arm through bench/lib/preprocessor.py or its .mjs
 * twin, one Python process per worker / thread; the set's name gets the suffix).
 */
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { Worker } from "node:worker_threads";
import { captureSetDir, generateCaptures, parseLayouts } from "./lib/generate-captures";
import { runHourlyMonitoring, runMonitor, suggestBaseline, type StatisticsFile } from "../src/monitor";
import { arg, label } from "./lib/cli-args";
import { runChild } from "./lib/child-phase";
import {
  cpuSeconds,
  formatSpread,
  interleavedRounds,
  reportLines,
  spreadOf,
  type Arm,
  type Measure,
} from "./lib/rounds";

const DATA = path.join(__dirname, ".data");
const ROOT = path.join(__dirname, "..");
const BASELINE = path.join(DATA, "monitor-parallel-baseline");

/** A digest of every file under `dir` (names and bytes, sorted): equal digests, equal reports. */
function treeDigest(dir: string): string {
  const h = crypto.createHash("sha256");
  const files: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(path.join(d, e.name));
      else files.push(path.join(d, e.name));
    }
  };
  walk(dir);
  for (const f of files.sort()) h.update(path.relative(dir, f)).update("\0").update(fs.readFileSync(f));
  return h.digest("hex").slice(0, 16);
}

/** The record preprocessor of every arm (`--preprocessor py|js`), if any. */
function preprocessorScript(): string | undefined {
  const p = arg("preprocessor");
  if (!p) return undefined;
  if (p !== "py" && p !== "js") throw new Error(`--preprocessor: expected py or js, got "${p}"`);
  return path.join(__dirname, "lib", p === "py" ? "preprocessor.py" : "preprocessor.mjs");
}

async function phase(dir: string, workers: number): Promise<Measure> {
  const reports = path.join(DATA, `monitor-parallel-out-${process.pid}`);
  const c0 = cpuSeconds();
  const t0 = performance.now();
  const runs = await runHourlyMonitoring({
    captures: dir,
    endpointName: "bench-churn",
    baseline: BASELINE,
    reports,
    parallel: workers,
    recordPreprocessor: preprocessorScript(),
    onScriptOutput: () => {},
  });
  const wall = (performance.now() - t0) / 1000;
  const cpu = cpuSeconds() - c0;
  const failed = runs.filter((r) => r.error);
  if (failed.length > 0) throw new Error(`${failed.length} hours failed: ${failed[0]!.error!.message}`);
  const digest = treeDigest(reports);
  fs.rmSync(reports, { recursive: true, force: true });
  return {
    wall,
    cpu,
    peakMiB: Math.round(process.resourceUsage().maxRSS / 1024),
    info: { hours: runs.length, records: runs.reduce((n, r) => n + (r.result?.records ?? 0), 0), digest },
  };
}

/** statistics.json but the sketch-derived fields, hashed: equal digests, equal non-sketch statistics. */
function statisticsDigest(s: StatisticsFile): string {
  const features = s.features.map((f) =>
    f.numerical_statistics ? { ...f, numerical_statistics: { ...f.numerical_statistics, distribution: null } } : f,
  );
  return crypto
    .createHash("sha256")
    .update(JSON.stringify({ ...s, features }))
    .digest("hex")
    .slice(0, 16);
}

async function windowPhase(dir: string, workers: number): Promise<Measure> {
  const output = path.join(DATA, `monitor-parallel-window-${process.pid}`);
  const c0 = cpuSeconds();
  const t0 = performance.now();
  const r = await runMonitor({
    captures: dir,
    baseline: BASELINE,
    output,
    parallel: workers,
    recordPreprocessor: preprocessorScript(),
    onScriptOutput: () => {},
  });
  const wall = (performance.now() - t0) / 1000;
  const cpu = cpuSeconds() - c0;
  fs.rmSync(output, { recursive: true, force: true });
  return {
    wall,
    cpu,
    peakMiB: Math.round(process.resourceUsage().maxRSS / 1024),
    info: { records: r.records, threads: r.threads, digest: statisticsDigest(r.statistics) },
  };
}

/** A fixed CPU burn (about a second). */
const BURN = "let x = 0; for (let i = 0; i < 4e8; i++) x += i % 7; return x;";

/**
 * What this machine grants two threads right now: the same two burns one after another in one
 * thread, then at once on two worker threads. On a loaded machine (or with the kernel's
 * autogroup scheduling sharing one group's time among its threads) this stays near 1, and no
 * split can do better in wall time.
 */
async function threadCheck(): Promise<number> {
  const burn = () => new Function(BURN)() as number;
  let t = performance.now();
  burn();
  burn();
  const one = performance.now() - t;
  t = performance.now();
  await Promise.all(
    [0, 1].map(
      () =>
        new Promise((resolve, reject) =>
          new Worker(`require("node:worker_threads").parentPort.postMessage((() => { ${BURN} })())`, { eval: true })
            .on("message", resolve)
            .on("error", reject),
        ),
    ),
  );
  return one / (performance.now() - t);
}

type Mode = "window" | "hourly";

function arm(dir: string, workers: number, mode: Mode): Arm {
  return {
    name: `workers=${workers}`,
    run: () =>
      runChild<Measure>(__filename, [
        "--phase",
        mode,
        "--dir",
        dir,
        "--workers",
        String(workers),
        ...(arg("preprocessor") ? ["--preprocessor", arg("preprocessor")!] : []),
      ]),
  };
}

export async function main(): Promise<void> {
  if (arg("phase")) {
    const run = arg("phase") === "window" ? windowPhase : phase;
    console.log(JSON.stringify(await run(arg("dir")!, Number(arg("workers")))));
    return;
  }
  fs.mkdirSync(DATA, { recursive: true });
  await suggestBaseline({
    dataset: path.join(ROOT, "data/churn/train.csv"),
    datasetFormat: { csv: { header: false } },
    output: BASELINE,
  });
  const cores = os.availableParallelism();
  const workerCounts = (arg("workers") ?? "2").split(",").map(Number);
  const rounds = Number(arg("rounds") ?? 5);
  console.log(`${cores} cores (os.availableParallelism); worker counts measured: 1, ${workerCounts.join(", ")}`);
  console.log(
    `machine check: the same CPU burn on 2 threads ran ${(await threadCheck()).toFixed(2)}x as fast as on 1 (near 2 on idle cores; near 1 when the machine is shared)`,
  );
  for (const n of (arg("records") ?? "2e5").split(",").map(Number)) {
    // The window mode first, so the last line stays the hourly mode's (its format is stable).
    const modes = (arg("mode") ?? "window,hourly").split(",") as Mode[];
    for (const [layout, mode] of parseLayouts(arg("layouts") ?? "hours,few").flatMap((l) =>
      (["window", "hourly"] as const).filter((m) => modes.includes(m)).map((m) => [l, m] as const),
    )) {
      const set = generateCaptures(captureSetDir(DATA, n, layout, label(n)), n, layout);
      const pre = arg("preprocessor") ? `-${arg("preprocessor")}` : "";
      const name = `${mode === "window" ? "window-" : ""}${label(n)}-${layout}${pre}`;
      console.log(
        `set ${label(n)}-${layout}${pre}, mode ${mode} (${mode === "window" ? "one window, files split across workers" : "hour by hour"}): ${set.records} records, ${set.files} files`,
      );
      const arms = [arm(set.dir, 1, mode), ...workerCounts.map((w) => arm(set.dir, w, mode))];
      const res = await interleavedRounds(arms, {
        rounds,
        onMeasure: (r, a, m) =>
          console.log(
            `  round ${r + 1} ${a.padEnd(16)} ${m.wall.toFixed(2)} s wall, ${m.cpu.toFixed(2)} s CPU, peak ${m.peakMiB} MiB, ${
              mode === "window" ? `${m.info?.threads as number} threads` : `${m.info?.hours as number} hours`
            }, ${mode === "window" ? "statistics but sketches" : "reports"} ${m.info?.digest as string}`,
          ),
      });
      const digests = new Set([...res.measures.values()].flat().map((m) => m.info?.digest));
      console.log(
        mode === "window"
          ? `  statistics.json identical but distribution.kll (the sketch fields) across worker counts and rounds: ${digests.size === 1 ? "yes" : "NO"}`
          : `  reports identical across worker counts and rounds: ${digests.size === 1 ? "yes" : "NO"}`,
      );
      for (const l of reportLines(res, "workers=1")) console.log(l);
      const peak = (a: string) => Math.max(...res.measures.get(a)!.map((m) => m.peakMiB ?? 0));
      console.log(`  workers=1: speed-up 1.00 (the baseline), peak ${peak("workers=1")} MiB`);
      for (const w of workerCounts) {
        const r = res.ratios.get(`workers=${w}`)!;
        const speedup = spreadOf(r.wall.map((x) => 1 / x));
        const note = w > cores ? " (PROJECTION: more workers than cores, not a parallel measurement)" : "";
        console.log(
          `  workers=${w}: speed-up (wall) ${formatSpread(speedup)}; CPU ratio ${formatSpread(spreadOf(r.cpu))}; peak ${peak(`workers=${w}`)} MiB${note}`,
        );
        console.log(
          `monitor-parallel-${name} workers=${w} speedup=${speedup.median.toFixed(2)} peak_mib=${peak(`workers=${w}`)}`,
        );
      }
      if (workerCounts.every((w) => w <= cores)) {
        const best = Math.max(...workerCounts);
        // On a shared machine the wall speed-up shows the neighbours; the CPU ratio shows the
        // split's own cost, which bounds what idle cores could give.
        const cpu = spreadOf(res.ratios.get(`workers=${best}`)!.cpu).median;
        // CPU growth per doubling of the workers (never below 1: threads do not make the work smaller).
        const perWorker = Math.max(1, cpu ** (1 / Math.log2(Math.max(2, best))));
        const at = (n: number) => (n / perWorker ** Math.log2(n)).toFixed(1);
        console.log(
          `  projection from CPU (not measured; idle cores, evenly split work): ${best} workers at most ~${(best / Math.max(1, cpu)).toFixed(2)}x (${best} / CPU ratio ${cpu.toFixed(2)}); 8 workers ~${at(8)}x, 16 workers ~${at(16)}x if the CPU cost grows by ${perWorker.toFixed(2)}x per doubling`,
        );
      }
    }
  }
}

if (require.main === module)
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
