/**
 * Monitoring benchmark (npm run bench:monitor).
 *
 * Uses the load benchmark's seeded capture sets (bench/.data/captures-1e6: 69 CSV features +
 * a CSV score per record, reused when present) and a baseline built from the churn training
 * data (label + the same 69 features). Each phase runs in a fresh child process:
 *   floor    read + JSON.parse of every line (bench/load.ts's floor);
 *   monitor  one monitoring run (runMonitor): one streaming pass, all 70 features profiled
 *            (types, sums, KLL sketches), the six checks, drift table, files written.
 * Prints both (wall and CPU seconds) and the ratio; the last line is
 * `monitor-1e6 ratio=<x> peak_mib=<n>`, the ratio being of CPU time (user + system), which a
 * busy shared machine disturbs far less than wall time (both are printed above it).
 *
 * JSON payloads: the same records as JSON twins (`[v1,...]` arrays and `{"_c1": v1, ...}`
 * objects, the score a JSON number), monitored in interleaved rounds with the CSV set
 * (CSV, array, object, CSV, array, object, ...; each run a fresh child), in two layouts
 * (few big files: 50 records/s, a file a minute; many small ones: 1 record/s). Prints each
 * JSON shape's time against the CSV set's of the same round as a ratio: median, 95% bootstrap
 * interval and min..max over the rounds, CPU and wall; checks the runs wrote identical
 * statistics.json files. `--json-records 2e5` (default; 0 skips), `--rounds 5`.
 *
 * Record preprocessor: the plain run against bench/lib/preprocessor.py (Python, one process)
 * and its JavaScript twin on the same records, interleaved rounds (plain, Python, JS, ...):
 * CPU (the Python process included) and wall ratios, median, 95% interval and range, extra
 * microseconds per record, and a check that all three wrote the same statistics.json.
 * `--preprocessor-records 1e5` (default; 0 skips).
 *
 * Options: --records 1e6 (default), e.g. --records 1e5,1e6 or --records 1e7 (generates
 * ~5.4 GB). --repeat N also streams the set N times in one run (a source list of the same
 * folder: N x records through one monitoring run, no extra disk) to show that memory does not
 * grow with the input: `--records 1e6 --repeat 10` is 1e7 records.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { generateCaptures, type PayloadShape } from "./lib/generate-captures";
import { median, medianInterval } from "./lib/paired-stats";
import { runPhase, type PhaseResult } from "./lib/phases";
import { runMonitor, suggestBaseline } from "../src/monitor";
import { arg, label } from "./lib/cli-args";

const DATA = path.join(__dirname, ".data");
const ROOT = path.join(__dirname, "..");

interface MonitorPhase extends PhaseResult {
  violations?: number;
  rows?: number;
  /** CPU seconds (user + system) of the phase: what the ratio uses on a shared machine. */
  cpuSeconds: number;
}

/** CPU seconds of this process and of its waited-for children (the preprocessor's Python). */
const cpuNow = () => {
  const u = process.cpuUsage();
  let children = 0;
  try {
    // /proc/self/stat fields 16, 17: cutime, cstime in clock ticks (100 per second on Linux).
    const f = fs.readFileSync("/proc/self/stat", "utf8").split(") ")[1]!.split(" ");
    children = (Number(f[13]) + Number(f[14])) / 100;
  } catch {
    // not Linux: children not counted
  }
  return (u.user + u.system) / 1e6 + children;
};

async function phase(name: string, dir: string, out = path.join(DATA, "monitor-out")): Promise<MonitorPhase> {
  const c0 = cpuNow();
  if (name === "floor") {
    const r = await runPhase("floor", dir);
    return { ...r, cpuSeconds: cpuNow() - c0 };
  }
  const baseline = path.join(DATA, "monitor-baseline");
  const t0 = performance.now();
  const repeat = Number(arg("repeat") ?? "1");
  const script = { "monitor-py": "preprocessor.py", "monitor-js": "preprocessor.mjs" }[name];
  const r = await runMonitor({
    captures: repeat > 1 ? Array.from({ length: repeat }, () => dir) : dir,
    baseline,
    output: out,
    recordPreprocessor: script && path.join(__dirname, "lib", script),
    onScriptOutput: () => {},
  });
  const seconds = (performance.now() - t0) / 1000;
  if (r.issueCount > 0) throw new Error(`monitor: unexpected bad rows: ${JSON.stringify(r.issues.slice(0, 3))}`);
  return {
    phase: name,
    records: r.records,
    rows: r.rows,
    violations: r.violations.length,
    seconds,
    cpuSeconds: cpuNow() - c0,
    peakMiB: Math.round(process.resourceUsage().maxRSS / 1024),
  };
}

function child(name: string, dir: string, repeat = 1, out?: string): MonitorPhase {
  const res = spawnSync(
    process.execPath,
    [
      "--import",
      "tsx",
      __filename,
      "--phase",
      name,
      "--dir",
      dir,
      "--repeat",
      String(repeat),
      ...(out ? ["--out", out] : []),
    ],
    { encoding: "utf8", maxBuffer: 1 << 24 },
  );
  const line = res.stdout.split("\n").find((l) => l.startsWith("{"));
  if (res.status !== 0 || !line) throw new Error(`phase ${name} failed (${res.status}):\n${res.stderr.slice(-2000)}`);
  return JSON.parse(line) as MonitorPhase;
}

async function main(): Promise<void> {
  const p = arg("phase");
  if (p) {
    console.log(JSON.stringify(await phase(p, arg("dir")!, arg("out"))));
    return;
  }
  fs.mkdirSync(DATA, { recursive: true });
  const b = await suggestBaseline({
    dataset: path.join(ROOT, "data/churn/train.csv"),
    datasetFormat: { csv: { header: false } },
    output: path.join(DATA, "monitor-baseline"),
  });
  console.log(`baseline: ${b.statistics.features.length} features from data/churn/train.csv`);
  let last = "";
  for (const n of (arg("records") ?? "1e6").split(",").map(Number)) {
    const t0 = performance.now();
    const set = generateCaptures(path.join(DATA, `captures-${label(n)}`), n);
    const mb = set.bytes / 1e6;
    console.log(
      `set ${label(n)}: ${set.records} records, ${set.files} files, ${mb.toFixed(0)} MB (ready in ${((performance.now() - t0) / 1000).toFixed(1)} s)`,
    );
    const floor = child("floor", set.dir);
    const mon = child("monitor", set.dir);
    for (const r of [floor, mon]) {
      console.log(
        `${r.phase.padEnd(8)} ${label(n)}: ${r.seconds.toFixed(2)} s wall, ${r.cpuSeconds.toFixed(2)} s CPU, ${(r.records / r.seconds / 1e3).toFixed(0)}k records/s, ${(mb / r.seconds).toFixed(0)} MB/s, peak ${r.peakMiB} MiB` +
          (r.phase === "monitor"
            ? `, ratio to floor ${(r.cpuSeconds / floor.cpuSeconds).toFixed(2)} CPU / ${(r.seconds / floor.seconds).toFixed(2)} wall, ${r.violations} violations`
            : ""),
      );
    }
    // The ratio compares CPU time: on a shared machine wall time mostly measures the neighbours.
    last = `monitor-${label(n)} ratio=${(mon.cpuSeconds / floor.cpuSeconds).toFixed(2)} peak_mib=${mon.peakMiB}`;
    const repeat = Number(arg("repeat") ?? "1");
    if (repeat > 1) {
      const big = child("monitor", set.dir, repeat);
      console.log(
        `stream   ${label(n * repeat)} (${label(n)} x ${repeat}): ${big.seconds.toFixed(2)} s wall, ${big.cpuSeconds.toFixed(2)} s CPU, ${big.records} records, peak ${big.peakMiB} MiB (vs ${mon.peakMiB} MiB for ${label(n)})`,
      );
    }
  }
  const preRecords = Number(arg("preprocessor-records") ?? "1e5");
  if (preRecords > 0) preprocessorRounds(preRecords, Number(arg("rounds") ?? "5"));
  const jsonRecords = Number(arg("json-records") ?? "2e5");
  if (jsonRecords > 0) jsonRounds(jsonRecords, Number(arg("rounds") ?? "5"));
  console.log(last);
}

const fmtRatio = (xs: number[]): string => {
  const [lo, hi] = medianInterval(xs);
  return `${median(xs).toFixed(2)} (95% CI ${lo.toFixed(2)}-${hi.toFixed(2)}; range ${Math.min(...xs).toFixed(2)}-${Math.max(...xs).toFixed(2)})`;
};

/**
 * A record preprocessor's cost: the plain run, the Python preprocessor (bench/lib/preprocessor.py,
 * which returns what the plain reading gives) and its JavaScript twin, interleaved; per-record
 * cost as a ratio to the plain run (CPU includes the Python process).
 */
function preprocessorRounds(n: number, rounds: number): void {
  const set = generateCaptures(path.join(DATA, `captures-${label(n)}`), n);
  console.log(`preprocessor set: ${set.records} records, ${set.files} files`);
  const names = ["monitor", "monitor-py", "monitor-js"];
  const cpu: Record<string, number[]> = { "monitor-py": [], "monitor-js": [] };
  const wall: Record<string, number[]> = { "monitor-py": [], "monitor-js": [] };
  const extraUs: Record<string, number[]> = { "monitor-py": [], "monitor-js": [] };
  for (let round = 0; round < rounds; round++) {
    const runs = names.map((name) => child(name, set.dir, 1, path.join(DATA, `monitor-out-${name}`)));
    for (let i = 1; i < names.length; i++) {
      cpu[names[i]!]!.push(runs[i]!.cpuSeconds / runs[0]!.cpuSeconds);
      wall[names[i]!]!.push(runs[i]!.seconds / runs[0]!.seconds);
      extraUs[names[i]!]!.push(((runs[i]!.cpuSeconds - runs[0]!.cpuSeconds) / n) * 1e6);
    }
    console.log(
      `  round ${round + 1}: ` +
        runs.map((r, i) => `${names[i]} ${r.seconds.toFixed(2)} s wall / ${r.cpuSeconds.toFixed(2)} s CPU`).join(", "),
    );
  }
  const stats = names.map((s) => fs.readFileSync(path.join(DATA, `monitor-out-${s}`, "statistics.json"), "utf8"));
  console.log(
    `  statistics.json identical (plain / Python / JavaScript): ${stats.every((t) => t === stats[0]) ? "yes" : "NO"}`,
  );
  for (const name of ["monitor-py", "monitor-js"])
    console.log(
      `  ${name}/plain ${label(n)}: CPU ${fmtRatio(cpu[name]!)}, wall ${fmtRatio(wall[name]!)}, +${median(extraUs[name]!).toFixed(1)} us CPU per record, over ${rounds} rounds`,
    );
  console.log(
    `monitor-preprocessor-${label(n)} python_ratio=${median(cpu["monitor-py"]!).toFixed(2)} js_ratio=${median(cpu["monitor-js"]!).toFixed(2)}`,
  );
}

/** CSV vs its JSON twins, interleaved rounds, per layout; prints the ratios (JSON time / CSV time of the same round). */
function jsonRounds(n: number, rounds: number): void {
  const shapes: PayloadShape[] = ["csv", "json-array", "json-object"];
  for (const [layout, perSecond] of [
    ["big files", 50],
    ["small files", 1],
  ] as const) {
    const sets = shapes.map((shape) => {
      const set = generateCaptures(
        path.join(DATA, `captures-${label(n)}-${perSecond}ps-${shape}`),
        n,
        42,
        perSecond,
        shape,
      );
      console.log(
        `json set ${layout} ${shape}: ${set.records} records, ${set.files} files, ${(set.bytes / 1e6).toFixed(0)} MB`,
      );
      return set;
    });
    const cpu: Record<string, number[]> = { "json-array": [], "json-object": [] };
    const wall: Record<string, number[]> = { "json-array": [], "json-object": [] };
    for (let round = 0; round < rounds; round++) {
      const runs = sets.map((set, i) => child("monitor", set.dir, 1, path.join(DATA, `monitor-out-${shapes[i]}`)));
      for (let i = 1; i < shapes.length; i++) {
        cpu[shapes[i]!]!.push(runs[i]!.cpuSeconds / runs[0]!.cpuSeconds);
        wall[shapes[i]!]!.push(runs[i]!.seconds / runs[0]!.seconds);
      }
      console.log(
        `  round ${round + 1}: ` +
          runs
            .map((r, i) => `${shapes[i]} ${r.seconds.toFixed(2)} s wall / ${r.cpuSeconds.toFixed(2)} s CPU`)
            .join(", "),
      );
    }
    const stats = shapes.map((s) => fs.readFileSync(path.join(DATA, `monitor-out-${s}`, "statistics.json"), "utf8"));
    const same = stats.every((t) => t === stats[0]);
    console.log(`  statistics.json identical across CSV / JSON array / JSON object: ${same ? "yes" : "NO"}`);
    for (const shape of ["json-array", "json-object"]) {
      console.log(
        `  ${shape}/csv ${layout} ${label(n)}: CPU ${fmtRatio(cpu[shape]!)}, wall ${fmtRatio(wall[shape]!)} over ${rounds} rounds`,
      );
    }
    console.log(
      `monitor-json-${layout.replace(" ", "-")}-${label(n)} ratio=${median(cpu["json-array"]!).toFixed(2)} object_ratio=${median(cpu["json-object"]!).toFixed(2)}`,
    );
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
