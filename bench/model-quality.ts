/**
 * Model-quality benchmark (npm run bench:model-quality).
 *
 * Synthetic captures (bench/lib/generate-captures.ts: a CSV probability per record, an
 * inferenceId per record; 1e6 by default) in both layouts of the shared generator (`few`: few
 * large files, one a minute; `hours`: 250 hour folders of 8 small files), and a label for every
 * capture (seeded, drawn from its probability) for the same inference ids, written in AWS's
 * ground-truth layout (`yyyy/mm/dd/hh/` by collection time, an hour after the prediction), all
 * cached in bench/.data. Phases, each in a fresh child process, in interleaved rounds
 * (bench/lib/rounds.ts: every layout's floor and run once a round, the order flipping every round,
 * plus an A/A copy of the first floor):
 *   floor  read every capture line and every label line and JSON.parse it, building nothing;
 *   run    runModelQualityMonitor: labels indexed, captures merged, every binary metric (ROC and
 *          PR over every distinct score, AUC, F-scores, best-constant variants), five subsample
 *          deviations, statistics.json and constraint_violations.json written.
 * Per layout it prints the run's throughput per core (captures per CPU-second, user + system, of
 * the child), median with spread, and the run / floor ratio of CPU time within each round (wall
 * time on a shared machine mostly measures the neighbours, both are printed). Each layout ends
 * with its ratio line, then `model-quality-<n>[-hours] ratio=<x> peak_mib=<n>`; the `few` layout
 * prints last, so the last line is `model-quality-1e6 ratio=<x> peak_mib=<n>` as before.
 *
 * Options: --records 1e6 (default), --rounds 3 (default), --layouts few,hours (default both).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { listCaptureFiles, LineSplitter } from "../src/read";
import { groundTruthLine, runModelQualityMonitor, suggestModelQualityBaseline } from "../src/monitor";
import { seededRandom } from "../src/seeded-random";
import { arg, label } from "./lib/cli-args";
import { runChild } from "./lib/child-phase";
import { captureSetDir, generateCaptures, parseLayouts, type CaptureLayout } from "./lib/generate-captures";
import { formatSpread, interleavedRounds, reportLines, spreadOf, type Arm, type Measure } from "./lib/rounds";

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
async function generateLabels(captures: string, dir: string): Promise<void> {
  const marker = path.join(dir, ".complete.json");
  const capturesMarker = fs.readFileSync(path.join(captures, ".complete.json"), "utf8");
  if (fs.existsSync(marker) && fs.readFileSync(marker, "utf8") === capturesMarker) return;
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
  // Drawn from this capture set: regenerated when the set is.
  fs.writeFileSync(marker, capturesMarker);
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

function arm(name: string, phaseName: string, captures: string, labels: string): Arm {
  return {
    name,
    run: () => {
      const p = runChild<Phase>(__filename, ["--phase", phaseName, "--captures", captures, "--labels", labels]);
      return {
        wall: p.seconds,
        cpu: p.cpuSeconds,
        peakMiB: p.peakMiB,
        info: { records: p.records, labels: p.labels, matched: p.matched, auc: p.auc },
      } satisfies Measure;
    },
  };
}

async function main(): Promise<void> {
  const p = arg("phase");
  if (p) {
    console.log(JSON.stringify(await phase(p, arg("captures")!, arg("labels")!)));
    return;
  }
  const n = Number(arg("records") ?? "1e6");
  const rounds = Number(arg("rounds") ?? "3");
  // `few` last: its summary stays the last line.
  const layouts = parseLayouts(arg("layouts") ?? "few,hours").sort((a, b) => Number(a === "few") - Number(b === "few"));
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
  const arms: Arm[] = [];
  for (const layout of layouts) {
    const t0 = performance.now();
    const set = generateCaptures(captureSetDir(DATA, n, layout, label(n)), n, layout);
    const labels = path.join(DATA, `ground-truth-${setName(n, layout)}`);
    await generateLabels(set.dir, labels);
    console.log(
      `set ${setName(n, layout)} (${layout}): ${set.records} captures in ${set.files} files (${(set.bytes / 1e6).toFixed(0)} MB) and ${n} labels, ready in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );
    arms.push(arm(`floor ${layout}`, "floor", set.dir, labels), arm(`run ${layout}`, "run", set.dir, labels));
  }
  const res = await interleavedRounds(arms, {
    rounds,
    onMeasure: (r, a, m) => {
      const i = m.info as { matched?: number; auc?: number };
      if (a.startsWith("run") && i.matched !== n) throw new Error(`round ${r + 1}, ${a}: ${i.matched} of ${n} merged`);
      console.log(
        `  round ${r + 1} ${a.padEnd(16)} ${m.wall.toFixed(2)} s wall, ${m.cpu.toFixed(2)} s CPU, peak ${m.peakMiB} MiB` +
          (i.auc !== undefined ? `, ${i.matched} merged, auc ${i.auc.toFixed(4)}` : ""),
      );
    },
  });
  for (const l of reportLines(res, arms[0]!.name)) console.log(l);
  for (const layout of layouts) {
    const floor = res.measures.get(`floor ${layout}`)!;
    const run = res.measures.get(`run ${layout}`)!;
    const perCore = (ms: Measure[]) => spreadOf(ms.map((m) => n / m.cpu / 1000));
    const wall = spreadOf(run.map((m) => n / m.wall / 1000));
    console.log(
      `${layout}: run throughput per core ${formatSpread(perCore(run), 1)} thousand captures per CPU-second (wall ${formatSpread(wall, 1)} thousand/s); floor ${formatSpread(perCore(floor), 1)} thousand captures (and as many labels) per CPU-second`,
    );
    const ratios = run.map((m, i) => m.cpu / floor[i]!.cpu);
    const r = spreadOf(ratios);
    const peak = Math.max(...run.map((m) => m.peakMiB ?? 0));
    console.log(
      `${layout}: ratio (CPU, run / floor, within each round) median ${r.median.toFixed(2)} over ${rounds} rounds, min ${r.min.toFixed(2)}, max ${r.max.toFixed(2)}, 95% interval of the median [${r.ci[0].toFixed(2)}, ${r.ci[1].toFixed(2)}]`,
    );
    console.log(`model-quality-${setName(n, layout)} ratio=${r.median.toFixed(2)} peak_mib=${peak}`);
  }
}

/** `1e6` for the few layout (the name this bench always printed), `1e6-hours` for the other. */
function setName(n: number, layout: CaptureLayout): string {
  return layout === "few" ? label(n) : `${label(n)}-${layout}`;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
