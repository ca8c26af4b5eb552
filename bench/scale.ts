/**
 * Scale benchmark (npm run bench:scale): throughput per core of loading and data-quality
 * monitoring, for docs/scale.md, on two data shapes of the same records:
 *   few    the load benchmark's set: one ~60 s file per 3,000 records (334 files for 1e6);
 *   hours  the same number of records spread over 250 hour folders of 8 files each (2,000
 *          files of 500 records for 1e6): a month of a small endpoint.
 * Phases, each in a fresh child process (so module loading and peak RSS are its own):
 *   floor    read + JSON.parse of every line (what any reader pays);
 *   load     loadCaptures into a danfojs DataFrame (all 74 columns);
 *   monitor  one monitoring run (runMonitor) against a baseline of data/churn/train.csv;
 *   hourly   (hours shape) the hourly schedule as a backfill: runHourlyMonitoring, one run and
 *            one report per hour folder, so the per-hour cost shows (--no-hourly skips it).
 * Rounds interleave the shapes and phases (few floor, few load, few monitor, hours floor, ...),
 * so a noisy neighbour hits every phase alike. Per phase it prints the median and the range of
 * records per CPU-second (user + system: one core's throughput) and per wall second, and peak RSS.
 *
 * Options: --records 1e6 (default), --rounds 3 (default), --shapes few,hours (default),
 * --phases floor,load,monitor,hourly (default all), --no-hourly.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { generateCaptures } from "./lib/generate-captures";
import { median } from "./lib/paired-stats";
import { arg, label } from "./lib/cli-args";
import { captureFileKey, formatInferenceTime, parseCaptureLine, serializeCaptureRecord } from "../src/capture";
import { listCaptureFiles, loadCaptures, LineSplitter } from "../src/read";
import { runHourlyMonitoring, runMonitor, suggestBaseline } from "../src/monitor";

const DATA = path.join(__dirname, ".data");
const ROOT = path.join(__dirname, "..");
const PHASES = ["floor", "load", "monitor"] as const;
const HOURS = 250;
const FILES_PER_HOUR = 8;

/** One child's measurement. */
interface Measure {
  phase: string;
  records: number;
  wallSeconds: number;
  cpuSeconds: number;
  peakMiB: number;
  /** Hours processed (the hourly phase). */
  hours?: number;
}

const cpuNow = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

async function floor(dir: string): Promise<number> {
  let records = 0;
  for (const f of await listCaptureFiles(dir)) {
    const splitter = new LineSplitter((text) => {
      if ((JSON.parse(text) as { eventVersion?: string }).eventVersion !== undefined) records++;
    });
    for await (const chunk of fs.createReadStream(f.source, { highWaterMark: 1 << 20 })) splitter.push(chunk as Buffer);
    splitter.end();
  }
  return records;
}

async function runChild(phase: string, dir: string): Promise<Measure> {
  const c0 = cpuNow();
  const t0 = performance.now();
  let records: number;
  let hours: number | undefined;
  if (phase === "floor") records = await floor(dir);
  else if (phase === "load") {
    const r = await loadCaptures(dir);
    if (r.report.errors.length > 0) throw new Error(`load: ${r.report.errors.length} errors`);
    records = r.report.recordsRead;
  } else if (phase === "hourly") {
    // The hourly schedule as a backfill: one monitoring run per hour folder, reports per hour.
    const reports = path.join(DATA, `scale-hourly-out-${process.pid}`);
    const runs = await runHourlyMonitoring({
      captures: dir,
      endpointName: "bench-churn",
      baseline: path.join(DATA, "scale-baseline"),
      reports,
      parallel: 1, // one thread, as the figures of docs/scale.md were measured (bench:monitor-parallel has more)
    });
    fs.rmSync(reports, { recursive: true, force: true });
    const failed = runs.filter((r) => r.error);
    if (failed.length > 0) throw new Error(`hourly: ${failed.length} hours failed: ${failed[0].error?.message}`);
    records = runs.reduce((n, r) => n + (r.result?.records ?? 0), 0);
    hours = runs.length;
  } else {
    const r = await runMonitor({
      captures: dir,
      baseline: path.join(DATA, "scale-baseline"),
      output: path.join(DATA, `scale-monitor-out-${process.pid}`),
      parallel: 1, // per core: the split window is bench:monitor -- --parallel
    });
    fs.rmSync(path.join(DATA, `scale-monitor-out-${process.pid}`), { recursive: true, force: true });
    if (r.issueCount > 0) throw new Error(`monitor: ${r.issueCount} bad rows`);
    records = r.records;
  }
  return {
    phase,
    records,
    wallSeconds: (performance.now() - t0) / 1000,
    cpuSeconds: cpuNow() - c0,
    peakMiB: Math.round(process.resourceUsage().maxRSS / 1024),
    ...(hours !== undefined ? { hours } : {}),
  };
}

function child(phase: string, dir: string): Measure {
  const res = spawnSync(process.execPath, ["--import", "tsx", __filename, "--phase", phase, "--dir", dir], {
    encoding: "utf8",
    maxBuffer: 1 << 24,
  });
  const line = res.stdout.split("\n").find((l) => l.startsWith("{"));
  if (res.status !== 0 || !line) throw new Error(`phase ${phase} failed (${res.status}):\n${res.stderr.slice(-2000)}`);
  return JSON.parse(line) as Measure;
}

/**
 * The `hours` shape: the `few` set's records re-laid into 250 hours x 8 files, each record's
 * inferenceTime moved into its file's window, so the folders, names and times agree.
 */
function hoursSet(few: string, dir: string, records: number): { files: number; bytes: number } {
  const marker = path.join(dir, ".complete.json");
  if (fs.existsSync(marker)) {
    const m = JSON.parse(fs.readFileSync(marker, "utf8")) as { records: number; files: number; bytes: number };
    if (m.records === records) return m;
  }
  fs.rmSync(dir, { recursive: true, force: true });
  const lines: string[] = [];
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith(".jsonl")) for (const l of fs.readFileSync(p, "utf8").split("\n")) if (l) lines.push(l);
    }
  };
  walk(few);
  const hours = Math.min(HOURS, Math.ceil(lines.length / FILES_PER_HOUR / 10));
  const perFile = Math.ceil(lines.length / (hours * FILES_PER_HOUR));
  const every = 3_600_000 / FILES_PER_HOUR;
  const t0 = Date.UTC(2026, 0, 5, 0, 0, 0);
  let files = 0;
  let bytes = 0;
  for (let i = 0; i * perFile < lines.length; i++) {
    const start = t0 + i * every + 1234;
    const key = captureFileKey({
      prefix: "",
      endpointName: "bench-churn",
      variantName: "AllTraffic",
      start: new Date(start),
      uuid: `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
    });
    const out = lines.slice(i * perFile, (i + 1) * perFile).map((l, j) => {
      const r = parseCaptureLine(l);
      r.eventMetadata.inferenceTime = formatInferenceTime(new Date(start + Math.floor((j * (every - 1000)) / perFile)));
      return serializeCaptureRecord(r);
    });
    const text = out.join("");
    const file = path.join(dir, ...key.split("/"));
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    files++;
    bytes += Buffer.byteLength(text);
  }
  fs.writeFileSync(marker, JSON.stringify({ records, files, bytes, hours }));
  return { files, bytes };
}

const loadavg = (): string =>
  os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(" ");

function fmt(xs: number[], digits = 0): string {
  const k = (v: number) => (v / 1e3).toFixed(digits);
  return `${k(median(xs))}k (${k(Math.min(...xs))}-${k(Math.max(...xs))}k)`;
}

async function main(): Promise<void> {
  const phase = arg("phase");
  if (phase) {
    console.log(JSON.stringify(await runChild(phase, arg("dir")!)));
    return;
  }
  const n = Number(arg("records") ?? "1e6");
  const rounds = Number(arg("rounds") ?? "3");
  const shapes = (arg("shapes") ?? "few,hours").split(",");
  const withHourly = !process.argv.includes("--no-hourly");
  const only = arg("phases")?.split(",");
  fs.mkdirSync(DATA, { recursive: true });
  await suggestBaseline({
    dataset: path.join(ROOT, "data/churn/train.csv"),
    datasetFormat: { csv: { header: false } },
    output: path.join(DATA, "scale-baseline"),
  });
  const few = generateCaptures(path.join(DATA, `captures-${label(n)}`), n);
  const dirs: Record<string, string> = { few: few.dir, hours: path.join(DATA, `scale-${label(n)}-hours`) };
  const hours = hoursSet(few.dir, dirs.hours, n);
  console.log(`few   ${label(n)}: ${few.files} files, ${(few.bytes / 1e6).toFixed(0)} MB`);
  console.log(`hours ${label(n)}: ${hours.files} files in ${HOURS} hour folders, ${(hours.bytes / 1e6).toFixed(0)} MB`);
  console.log(`cores: ${os.cpus().length}, load average at start: ${loadavg()}`);
  const seen = new Map<string, Measure[]>();
  for (let r = 0; r < rounds; r++) {
    for (const shape of shapes) {
      const phases: string[] = shape === "hours" && withHourly ? [...PHASES, "hourly"] : [...PHASES];
      for (const p of phases.filter((q) => !only || only.includes(q))) {
        const m = child(p, dirs[shape]);
        if (m.records !== n) throw new Error(`${shape} ${p}: ${m.records} records, expected ${n}`);
        const key = `${shape} ${p}`;
        seen.set(key, [...(seen.get(key) ?? []), m]);
        console.log(
          `round ${r + 1} ${key.padEnd(13)} ${m.cpuSeconds.toFixed(2)} s CPU, ${m.wallSeconds.toFixed(2)} s wall, peak ${m.peakMiB} MiB` +
            (m.hours !== undefined ? `, ${m.hours} hours (${(m.cpuSeconds / m.hours).toFixed(3)} CPU-s an hour)` : ""),
        );
      }
    }
  }
  console.log(`\nrecords per CPU-second (one core) and per wall second: median (min-max) of ${rounds} rounds`);
  for (const [key, ms] of seen) {
    console.log(
      `${key.padEnd(13)} per core ${fmt(ms.map((m) => m.records / m.cpuSeconds))}, wall ${fmt(ms.map((m) => m.records / m.wallSeconds))}, ` +
        `peak ${Math.max(...ms.map((m) => m.peakMiB))} MiB`,
    );
  }
  console.log(`load average at end: ${loadavg()} (the machine is shared: other engineers build and test on it)`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
