/**
 * Load benchmark (npm run bench:load).
 *
 * Generates seeded capture sets (1e5 and 1e6 records of 69 CSV features + a CSV score,
 * ~60 s files across hour folders) in bench/.data/ (reused when present), then measures,
 * each in a fresh child process for a clean peak RSS:
 *   floor    read + JSON.parse of every line, building nothing;
 *   load     loadCaptures into a danfojs DataFrame (all 74 columns);
 *   project  loadCaptures with 5 columns.
 * Prints records/s, MB/s, peak RSS and the ratio to the floor. The last line is
 * `load-1e6 ratio=<x> peak_mib=<n>`.
 *
 * Options: --records 1e5,1e6 (sets to run). With 1e7 or more (or --streaming) only floor
 * and project run: the streaming mode, where memory holds only the projected columns of
 * the final frame, whatever the input size (a full 74-column frame of 1e7 rows would not
 * fit danfojs' row-major storage). `npm run bench:load -- --records 1e7` generates ~5.4 GB.
 */
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { generateCaptures } from "./lib/generate-captures";
import { runPhase, PROJECTION, type PhaseResult } from "./lib/phases";
import { arg, label } from "./lib/cli-args";

const DATA = path.join(__dirname, ".data");

function child(phase: string, dir: string): PhaseResult {
  const res = spawnSync(process.execPath, ["--import", "tsx", __filename, "--phase", phase, "--dir", dir], {
    encoding: "utf8",
    maxBuffer: 1 << 24,
  });
  const line = res.stdout.split("\n").find((l) => l.startsWith("{"));
  if (res.status !== 0 || !line) throw new Error(`phase ${phase} failed (${res.status}):\n${res.stderr.slice(-2000)}`);
  return JSON.parse(line) as PhaseResult;
}

async function main(): Promise<void> {
  const phase = arg("phase");
  if (phase) {
    console.log(JSON.stringify(await runPhase(phase, arg("dir")!)));
    return;
  }
  const sizes = (arg("records") ?? "1e5,1e6").split(",").map(Number);
  let last = "";
  for (const n of sizes) {
    const t0 = performance.now();
    const set = generateCaptures(path.join(DATA, `captures-${label(n)}`), n);
    const mb = set.bytes / 1e6;
    console.log(
      `set ${label(n)}: ${set.records} records, ${set.files} files, ${mb.toFixed(0)} MB (ready in ${((performance.now() - t0) / 1000).toFixed(1)} s)`,
    );
    const streaming = n >= 1e7 || process.argv.includes("--streaming");
    const phases = streaming ? ["floor", "project"] : ["floor", "load", "project"];
    const results = new Map<string, PhaseResult>();
    for (const p of phases) {
      const r = child(p, set.dir);
      results.set(p, r);
      const base = results.get("floor")!;
      const ratio = r.seconds / base.seconds;
      console.log(
        `${p.padEnd(8)} ${label(n)}: ${r.seconds.toFixed(2)} s, ${(r.records / r.seconds / 1e3).toFixed(0)}k records/s, ` +
          `${(mb / r.seconds).toFixed(0)} MB/s, peak ${r.peakMiB} MiB, ratio to floor ${ratio.toFixed(2)}` +
          (r.shape ? `, frame ${r.shape.join("x")}` : "") +
          (p === "project" ? ` (columns ${PROJECTION.join(",")})` : ""),
      );
    }
    const load = results.get("load") ?? results.get("project")!;
    last = `${results.has("load") ? "load" : "project"}-${label(n)} ratio=${(load.seconds / results.get("floor")!.seconds).toFixed(2)} peak_mib=${load.peakMiB}`;
  }
  console.log(last);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
