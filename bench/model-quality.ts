/**
 * Model-quality benchmark (npm run bench:model-quality).
 *
 * 1e6 synthetic captures (bench/lib/generate-captures.ts: a CSV probability per record, an
 * inferenceId per record) and 1e6 labels (seeded, drawn from each capture's probability, written
 * as Model Monitor's ground truth under yyyy/mm/dd/hh/), both cached in bench/.data. Phases, each
 * in a fresh child process, in interleaved rounds (floor, run, floor, run, ...):
 *   floor  read every capture line and every label line and JSON.parse it, building nothing;
 *   run    runModelQualityMonitor: labels indexed, captures merged, every binary metric (ROC and
 *          PR over every distinct score, AUC, F-scores, best-constant variants), five subsample
 *          deviations, statistics.json and constraint_violations.json written.
 * The ratio is of CPU time (user + system; wall time on a shared machine mostly measures the
 * neighbours, both are printed). The line before the last gives the median ratio and its
 * spread; the last is `model-quality-1e6 ratio=<x> peak_mib=<n>`.
 *
 * Options: --records 1e6 (default), --rounds 3 (default).
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { listCaptureFiles, LineSplitter } from "../src/read";
import { groundTruthLine, runModelQualityMonitor, suggestModelQualityBaseline } from "../src/monitor";
import { seededRandom } from "../src/local/capture-writer/random";
import { arg, label } from "./lib/cli-args";
import { generateCaptures } from "./lib/generate-captures";
import { median, medianInterval } from "./lib/paired-stats";

const DATA = path.join(__dirname, ".data");

interface Phase {
  phase: string;
  records: number;
  labels: number;
  seconds: number;
  cpuSeconds: number;
  peakMiB: number;
  matched?: number;
  auc?: number;
}

const cpuNow = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

async function* jsonlFiles(dir: string): AsyncGenerator<string> {
  for (const e of (await fs.promises.readdir(dir, { withFileTypes: true })).sort((a, b) =>
    a.name < b.name ? -1 : 1,
  )) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) yield* jsonlFiles(p);
    else if (e.name.endsWith(".jsonl")) yield p;
  }
}

/** Streams every line of the files through JSON.parse; returns the line count. */
async function parseAll(files: AsyncIterable<string> | Iterable<string>): Promise<number> {
  let n = 0;
  let sink = 0;
  for await (const f of files) {
    const splitter = new LineSplitter((text) => {
      const o = JSON.parse(text) as { eventVersion?: string };
      if (o.eventVersion !== undefined) sink++;
      n++;
    });
    for await (const chunk of fs.createReadStream(f, { highWaterMark: 1 << 20 })) splitter.push(chunk as Buffer);
    splitter.end();
  }
  if (sink !== n) throw new Error("floor: unexpected lines");
  return n;
}

/** Labels for every capture, drawn from its probability (seeded), one file per capture file's hour. */
async function generateLabels(captures: string, dir: string, records: number): Promise<void> {
  const marker = path.join(dir, ".complete.json");
  if (fs.existsSync(marker) && (JSON.parse(fs.readFileSync(marker, "utf8")) as { records: number }).records === records)
    return;
  fs.rmSync(dir, { recursive: true, force: true });
  const random = seededRandom(7);
  const byHour = new Map<string, string[]>();
  for (const f of await listCaptureFiles(captures)) {
    const lines: string[] = byHour.get(f.hour!) ?? [];
    const splitter = new LineSplitter((text) => {
      const r = JSON.parse(text) as {
        captureData: { endpointOutput: { data: string } };
        eventMetadata: { inferenceId: string };
      };
      const p = Number(r.captureData.endpointOutput.data);
      lines.push(groundTruthLine(r.eventMetadata.inferenceId, random() < p ? 1 : 0));
    });
    splitter.push(fs.readFileSync(f.source));
    splitter.end();
    byHour.set(f.hour!, lines);
  }
  for (const [hour, lines] of byHour) {
    // Labels arrive an hour after the predictions.
    const [y, m, d, h] = hour.split("/").map(Number) as [number, number, number, number];
    const t = new Date(Date.UTC(y, m - 1, d, h + 1));
    const p = (n: number) => String(n).padStart(2, "0");
    const folder = path.join(
      dir,
      String(t.getUTCFullYear()),
      p(t.getUTCMonth() + 1),
      p(t.getUTCDate()),
      p(t.getUTCHours()),
    );
    fs.mkdirSync(folder, { recursive: true });
    fs.writeFileSync(path.join(folder, "labels.jsonl"), lines.join(""));
  }
  fs.writeFileSync(marker, JSON.stringify({ records }));
}

async function phase(name: string, captures: string, labels: string): Promise<Phase> {
  const c0 = cpuNow();
  const t0 = performance.now();
  if (name === "floor") {
    const records = await parseAll((await listCaptureFiles(captures)).map((f) => f.source));
    const n = await parseAll(jsonlFiles(labels));
    return {
      phase: name,
      records,
      labels: n,
      seconds: (performance.now() - t0) / 1000,
      cpuSeconds: cpuNow() - c0,
      peakMiB: Math.round(process.resourceUsage().maxRSS / 1024),
    };
  }
  const r = await runModelQualityMonitor({
    captures,
    groundTruth: labels,
    baseline: path.join(DATA, "mq-baseline"),
    probabilityAttribute: "0",
    output: path.join(DATA, "mq-out"),
  });
  if (r.issueCount > 0) throw new Error(`run: unexpected issues ${JSON.stringify(r.issues.slice(0, 3))}`);
  return {
    phase: name,
    records: r.merge.captures,
    labels: r.merge.labels,
    matched: r.merge.matched,
    auc: r.metrics.values.auc,
    seconds: (performance.now() - t0) / 1000,
    cpuSeconds: cpuNow() - c0,
    peakMiB: Math.round(process.resourceUsage().maxRSS / 1024),
  };
}

function child(name: string, captures: string, labels: string): Phase {
  const res = spawnSync(
    process.execPath,
    ["--import", "tsx", __filename, "--phase", name, "--captures", captures, "--labels", labels],
    { encoding: "utf8", maxBuffer: 1 << 24 },
  );
  const line = res.stdout.split("\n").find((l) => l.startsWith("{"));
  if (res.status !== 0 || !line) throw new Error(`phase ${name} failed (${res.status}):\n${res.stderr.slice(-2000)}`);
  return JSON.parse(line) as Phase;
}

async function main(): Promise<void> {
  const p = arg("phase");
  if (p) {
    console.log(JSON.stringify(await phase(p, arg("captures")!, arg("labels")!)));
    return;
  }
  const n = Number(arg("records") ?? "1e6");
  const rounds = Number(arg("rounds") ?? "3");
  fs.mkdirSync(DATA, { recursive: true });
  // A small binary baseline: the run's constraints.
  const base = seededRandom(3);
  const rows = Array.from({ length: 2000 }, () => {
    const s = base();
    return `${s},${base() < s ? 1 : 0}`;
  });
  fs.writeFileSync(path.join(DATA, "mq-baseline.csv"), `probability,label\n${rows.join("\n")}\n`);
  await suggestModelQualityBaseline({
    dataset: path.join(DATA, "mq-baseline.csv"),
    problemType: "BinaryClassification",
    probabilityAttribute: "probability",
    groundTruthAttribute: "label",
    output: path.join(DATA, "mq-baseline"),
  });
  const t0 = performance.now();
  const set = generateCaptures(path.join(DATA, `captures-${label(n)}`), n);
  const labels = path.join(DATA, `ground-truth-${label(n)}`);
  await generateLabels(set.dir, labels, n);
  console.log(
    `set ${label(n)}: ${set.records} captures in ${set.files} files (${(set.bytes / 1e6).toFixed(0)} MB) and ${n} labels, ready in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  const ratios: number[] = [];
  let peak = 0;
  for (let i = 0; i < rounds; i++) {
    const floor = child("floor", set.dir, labels);
    const run = child("run", set.dir, labels);
    if (run.matched !== n) throw new Error(`round ${i + 1}: ${run.matched} of ${n} merged`);
    const ratio = run.cpuSeconds / floor.cpuSeconds;
    ratios.push(ratio);
    peak = Math.max(peak, run.peakMiB);
    console.log(
      `round ${i + 1}: floor ${floor.seconds.toFixed(2)} s wall / ${floor.cpuSeconds.toFixed(2)} s CPU (peak ${floor.peakMiB} MiB); ` +
        `run ${run.seconds.toFixed(2)} s wall / ${run.cpuSeconds.toFixed(2)} s CPU (peak ${run.peakMiB} MiB, ${run.matched} merged, auc ${run.auc!.toFixed(4)}); ratio ${ratio.toFixed(2)} CPU, ${(run.seconds / floor.seconds).toFixed(2)} wall`,
    );
  }
  const [lo, hi] = medianInterval(ratios);
  console.log(
    `ratio (CPU, run / floor) median ${median(ratios).toFixed(2)} over ${rounds} rounds, min ${Math.min(...ratios).toFixed(2)}, max ${Math.max(...ratios).toFixed(2)}, 95% interval of the median [${lo.toFixed(2)}, ${hi.toFixed(2)}]`,
  );
  console.log(`model-quality-${label(n)} ratio=${median(ratios).toFixed(2)} peak_mib=${peak}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
