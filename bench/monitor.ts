/**
 * Monitoring benchmark (npm run bench:monitor).
 *
 * Uses the load benchmark's seeded capture sets (bench/.data: 69 CSV features + a CSV score per
 * record, reused when present) in both layouts, `few` large files and `hours` (250 hour folders of
 * small files), and a baseline built from the churn training data (label + the same 69 features).
 * In interleaved rounds (bench/lib/rounds.ts), each phase in a fresh child process:
 *   floor    read + JSON.parse of every line (bench/load.ts's floor; the baseline);
 *   monitor  one monitoring run (runMonitor) on one worker: one streaming pass, all 70 features
 *            profiled (types, sums, KLL sketches), the six checks, drift table, files written;
 *   floor again  the A/A arm (the noise of this run).
 * Prints wall and CPU seconds, peak RSS, the ratios as medians of per-round ratios with their
 * spread, then per set `monitor-<n>[-hours] ratio=<x> peak_mib=<n>`, the ratio being of CPU time
 * (user + system), which a busy shared machine disturbs far less than wall time (both are
 * printed above it). The last line is the last set's (by default `monitor-1e6-hours ...`).
 *
 * Record preprocessor: `--preprocessor-records 1e5` (default; 0 skips) monitors one set plainly,
 * through bench/lib/preprocessor.py (Python, one process) and its JavaScript twin, in interleaved
 * rounds: CPU ratios to the plain run (the Python process's CPU included).
 *
 * JSON payloads: `--json-records 2e5` (default; 0 skips) monitors the CSV set and its JSON twins
 * (arrays, objects by name) in interleaved rounds per layout and prints their CPU ratios.
 *
 * Options: --records 1e6 (comma list), --layouts few,hours, --rounds 5, --src <checkout> (adds
 * `monitor@base`, the same run from another checkout's src/, in the same rounds), --no-aa,
 * --repeat N (after the rounds, streams the set N times in one run, a source list of the same
 * folder: N x records through one monitoring run, no extra disk, to show that memory does not
 * grow with the input: `--records 1e6 --repeat 10` is 1e7 records). Quick check:
 * `npm run bench:monitor -- --records 1e5 --rounds 3`.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import {
  captureSetDir,
  generateCaptures,
  parseLayouts,
  type CaptureLayout,
  type PayloadShape,
} from "./lib/generate-captures";
import { floor, srcRoot } from "./lib/phases";
import { suggestBaseline } from "../src/monitor";
import type * as Monitor from "../src/monitor";
import { arg, label } from "./lib/cli-args";
import { runChild } from "./lib/child-phase";
import { cpuSeconds, interleavedRounds, reportLines, spreadOf, type Arm, type Measure } from "./lib/rounds";

const DATA = path.join(__dirname, ".data");
/** The record preprocessors the preprocessor rounds measure, by phase name. */
const PREPROCESSORS: Record<string, string | undefined> = {
  "monitor-py": "preprocessor.py",
  "monitor-js": "preprocessor.mjs",
};
const ROOT = path.join(__dirname, "..");

async function phase(name: string, dir: string, repeat: number, repo?: string, keep?: string): Promise<Measure> {
  // Modules load before the clock starts.
  const { runMonitor } = require(path.join(srcRoot(repo), "monitor")) as typeof Monitor;
  const script = PREPROCESSORS[name];
  const c0 = cpuSeconds();
  const t0 = performance.now();
  const info: Record<string, unknown> = {};
  if (name === "floor") info.records = (await floor(dir)).records;
  else {
    const r = await runMonitor({
      captures: repeat > 1 ? Array.from({ length: repeat }, () => dir) : dir,
      baseline: path.join(DATA, "monitor-baseline"),
      output: keep ?? path.join(DATA, `monitor-out-${process.pid}`),
      recordPreprocessor: script === undefined ? undefined : path.join(__dirname, "lib", script),
      onScriptOutput: () => {},
      parallel: 1, // one worker: the split window is bench:monitor -- --parallel
    });
    if (!keep) fs.rmSync(path.join(DATA, `monitor-out-${process.pid}`), { recursive: true, force: true });
    if (r.issueCount > 0) throw new Error(`monitor: unexpected bad rows: ${JSON.stringify(r.issues.slice(0, 3))}`);
    Object.assign(info, { records: r.records, rows: r.rows, violations: r.violations.length });
  }
  return {
    wall: (performance.now() - t0) / 1000,
    cpu: cpuSeconds() - c0,
    peakMiB: Math.round(process.resourceUsage().maxRSS / 1024),
    info,
  };
}

function childArm(name: string, phaseName: string, dir: string, repeat = 1, repo?: string, keep?: string): Arm {
  const args = [
    "--phase",
    phaseName,
    "--dir",
    dir,
    "--repeat",
    String(repeat),
    ...(repo ? ["--src", repo] : []),
    ...(keep ? ["--keep", keep] : []),
  ];
  return { name, run: () => runChild<Measure>(__filename, args) };
}

async function main(): Promise<void> {
  // `npm run bench:monitor -- --parallel`: the parallel hourly backfill (monitor-parallel.ts).
  if (process.argv.includes("--parallel")) return (await import("./monitor-parallel")).main();
  const p = arg("phase");
  if (p) {
    console.log(JSON.stringify(await phase(p, arg("dir")!, Number(arg("repeat") ?? 1), arg("src"), arg("keep"))));
    return;
  }
  fs.mkdirSync(DATA, { recursive: true });
  const b = await suggestBaseline({
    dataset: path.join(ROOT, "data/churn/train.csv"),
    datasetFormat: { csv: { header: false } },
    output: path.join(DATA, "monitor-baseline"),
  });
  console.log(`baseline: ${b.statistics.features.length} features from data/churn/train.csv`);
  const layouts = parseLayouts(arg("layouts") ?? "few,hours");
  const rounds = Number(arg("rounds") ?? 5);
  const base = arg("src");
  const repeat = Number(arg("repeat") ?? "1");
  let last = "";
  for (const n of (arg("records") ?? "1e6").split(",").map(Number)) {
    for (const layout of layouts) {
      const t0 = performance.now();
      const set = generateCaptures(captureSetDir(DATA, n, layout, label(n)), n, layout);
      const mb = set.bytes / 1e6;
      const name = `${label(n)}${layout === "few" ? "" : "-hours"}`;
      console.log(
        `set ${name} (${layout}): ${set.records} records, ${set.files} files, ${mb.toFixed(0)} MB (ready in ${((performance.now() - t0) / 1000).toFixed(1)} s)`,
      );
      const arms = [childArm("floor", "floor", set.dir), childArm("monitor", "monitor", set.dir)];
      if (base) arms.push(childArm("monitor@base", "monitor", set.dir, 1, base));
      const res = await interleavedRounds(arms, {
        rounds,
        aa: !process.argv.includes("--no-aa"),
        onMeasure: (r, a, m) =>
          console.log(
            `  round ${r + 1} ${a.padEnd(12)} ${m.wall.toFixed(2)} s wall, ${m.cpu.toFixed(2)} s CPU, peak ${m.peakMiB} MiB` +
              (m.info?.violations !== undefined ? `, ${m.info.violations as number} violations` : ""),
          ),
      });
      const floorWall = spreadOf(res.measures.get("floor")!.map((m) => m.wall)).median;
      console.log(
        `floor ${name}: ${((n / floorWall) * 1e-3).toFixed(0)}k records/s, ${(mb / floorWall).toFixed(0)} MB/s`,
      );
      for (const l of reportLines(res, "floor", "monitor")) console.log(l);
      const peak = Math.max(...res.measures.get("monitor")!.map((m) => m.peakMiB ?? 0));
      if (repeat > 1) {
        const big = childArm("monitor", "monitor", set.dir, repeat).run() as Measure;
        console.log(
          `stream   ${label(n * repeat)} (${name} x ${repeat}): ${big.wall.toFixed(2)} s wall, ${big.cpu.toFixed(2)} s CPU, ${big.info?.records as number} records, peak ${big.peakMiB} MiB (vs ${peak} MiB for ${label(n)})`,
        );
      }
      // The ratio compares CPU time: on a shared machine wall time mostly measures the neighbours.
      last = `monitor-${name} ratio=${spreadOf(res.ratios.get("monitor")!.cpu).median.toFixed(2)} peak_mib=${peak}`;
      console.log(last);
    }
  }
  const jsonRecords = Number(arg("json-records") ?? "2e5");
  if (jsonRecords > 0) await jsonRounds(jsonRecords, layouts, rounds);
  const preRecords = Number(arg("preprocessor-records") ?? "1e5");
  if (preRecords > 0) await preprocessorRounds(preRecords, rounds);
  console.log(last);
}

/**
 * The CSV set against its JSON twins (the same values as `[v1,...]` arrays and as `{"_c1": v1,
 * ...}` objects), monitored in interleaved rounds per layout: each JSON shape's CPU time over the
 * CSV set's of the same round, and a check that all three wrote the same statistics.json.
 */
async function jsonRounds(n: number, layouts: CaptureLayout[], rounds: number): Promise<void> {
  const shapes: PayloadShape[] = ["csv", "json-array", "json-object"];
  for (const layout of layouts) {
    const arms = shapes.map((shape) => {
      const set = generateCaptures(`${captureSetDir(DATA, n, layout, label(n))}-${shape}`, n, layout, 42, shape);
      console.log(`json set ${layout} ${shape}: ${set.records} records, ${set.files} files`);
      return childArm(shape, "monitor", set.dir, 1, undefined, path.join(DATA, `monitor-out-${shape}`));
    });
    const res = await interleavedRounds(arms, { rounds, aa: false });
    const stats = shapes.map((s) => fs.readFileSync(path.join(DATA, `monitor-out-${s}`, "statistics.json"), "utf8"));
    console.log(
      `  statistics.json identical across CSV / JSON array / JSON object: ${stats.every((t) => t === stats[0]) ? "yes" : "NO"}`,
    );
    for (const l of reportLines(res, "csv", "json-array")) console.log(l);
    const cpu = (shape: string) => spreadOf(res.ratios.get(shape)!.cpu).median.toFixed(2);
    console.log(`monitor-json-${layout}-${label(n)} ratio=${cpu("json-array")} object_ratio=${cpu("json-object")}`);
  }
}

/**
 * A record preprocessor's cost: the plain run, the Python preprocessor (bench/lib/preprocessor.py,
 * which returns what the plain reading gives) and its JavaScript twin, in interleaved rounds; CPU
 * ratios to the plain run (the Python process's CPU included) and the extra CPU per record.
 */
async function preprocessorRounds(n: number, rounds: number): Promise<void> {
  const set = generateCaptures(captureSetDir(DATA, n, "few", label(n)), n, "few");
  console.log(`preprocessor set: ${set.records} records, ${set.files} files`);
  const names = ["monitor", "monitor-py", "monitor-js"];
  const arms = names.map((name) => childArm(name, name, set.dir, 1, undefined, path.join(DATA, `monitor-out-${name}`)));
  const res = await interleavedRounds(arms, { rounds, aa: false });
  const stats = names.map((s) => fs.readFileSync(path.join(DATA, `monitor-out-${s}`, "statistics.json"), "utf8"));
  console.log(
    `  statistics.json identical (plain / Python / JavaScript): ${stats.every((t) => t === stats[0]) ? "yes" : "NO"}`,
  );
  for (const l of reportLines(res, "monitor", "monitor-py")) console.log(l);
  const plain = res.measures.get("monitor")!;
  for (const name of ["monitor-py", "monitor-js"]) {
    const extra = res.measures.get(name)!.map((m, i) => ((m.cpu - plain[i]!.cpu) / n) * 1e6);
    console.log(`  ${name}: +${spreadOf(extra).median.toFixed(1)} us CPU per record`);
  }
  const cpu = (name: string) => spreadOf(res.ratios.get(name)!.cpu).median.toFixed(2);
  console.log(`monitor-preprocessor-${label(n)} python_ratio=${cpu("monitor-py")} js_ratio=${cpu("monitor-js")}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
