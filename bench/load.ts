/**
 * Load benchmark (npm run bench:load).
 *
 * Generates seeded capture sets of 69 CSV features + a CSV score per record in bench/.data/
 * (reused when present), in two layouts: `few` large files (one per ~60 s, 334 files for 1e6)
 * and `hours`, many hours of small files (250 hour folders, 2,000 files for 1e6). Then, in
 * interleaved rounds (bench/lib/rounds.ts), each phase in a fresh child process (clean heap,
 * its own peak RSS):
 *   floor    read + JSON.parse of every line, building nothing (the baseline);
 *   load     loadCaptures into a danfojs DataFrame (all 74 columns);
 *   project  loadCaptures with 5 columns (--project);
 *   floor again  the A/A arm: the spread of its ratio is the noise of this run.
 * Prints each arm's wall and CPU seconds and peak RSS, each ratio to the floor as a median of
 * per-round ratios with its spread, then per set `load-<n>[-hours] ratio=<median CPU ratio>
 * peak_mib=<n>`; the last line is the last set's (by default `load-1e6-hours ...`).
 *
 * Options: --records 1e6 (comma list), --layouts few,hours, --rounds 5, --project (adds the
 * projection arm), --src <checkout> (adds `load@base`: the same load from another checkout's
 * src/, e.g. a worktree of main, measured in the same rounds), --no-aa. With 1e7 or more (or
 * --streaming) only floor and project run: the streaming mode, where memory holds only the
 * projected columns (a full 74-column frame of 1e7 rows would not fit danfojs' row-major
 * storage). Quick check: `npm run bench:load -- --records 1e5 --rounds 3`.
 */
import * as path from "node:path";
import { captureSetDir, generateCaptures, parseLayouts } from "./lib/generate-captures";
import { PROJECTION, runPhase } from "./lib/phases";
import { arg, label } from "./lib/cli-args";
import { runChild } from "./lib/child-phase";
import { interleavedRounds, reportLines, spreadOf, type Arm, type Measure } from "./lib/rounds";

const DATA = path.join(__dirname, ".data");

function childArm(name: string, phase: string, dir: string, repo?: string): Arm {
  const args = ["--phase", phase, "--dir", dir, ...(repo ? ["--src", repo] : [])];
  return { name, run: () => runChild<Measure>(__filename, args) };
}

async function main(): Promise<void> {
  const phase = arg("phase");
  if (phase) {
    console.log(JSON.stringify(await runPhase(phase, arg("dir")!, arg("src"))));
    return;
  }
  const sizes = (arg("records") ?? "1e6").split(",").map(Number);
  const layouts = parseLayouts(arg("layouts") ?? "few,hours");
  const rounds = Number(arg("rounds") ?? 5);
  const base = arg("src");
  for (const n of sizes) {
    for (const layout of layouts) {
      const t0 = performance.now();
      const set = generateCaptures(captureSetDir(DATA, n, layout, label(n)), n, layout);
      const mb = set.bytes / 1e6;
      const name = `${label(n)}${layout === "few" ? "" : "-hours"}`;
      console.log(
        `set ${name} (${layout}): ${set.records} records, ${set.files} files, ${mb.toFixed(0)} MB (ready in ${((performance.now() - t0) / 1000).toFixed(1)} s)`,
      );
      const streaming = n >= 1e7 || process.argv.includes("--streaming");
      const main = streaming ? "project" : "load";
      const arms: Arm[] = [childArm("floor", "floor", set.dir), childArm(main, main, set.dir)];
      if (base) arms.push(childArm(`${main}@base`, main, set.dir, base));
      if (!streaming && process.argv.includes("--project")) arms.push(childArm("project", "project", set.dir));
      const res = await interleavedRounds(arms, {
        rounds,
        aa: !process.argv.includes("--no-aa"),
        onMeasure: (r, a, m) =>
          console.log(
            `  round ${r + 1} ${a.padEnd(12)} ${m.wall.toFixed(2)} s wall, ${m.cpu.toFixed(2)} s CPU, peak ${m.peakMiB} MiB` +
              (m.info?.shape ? `, frame ${(m.info.shape as number[]).join("x")}` : ""),
          ),
      });
      const floorWall = spreadOf(res.measures.get("floor")!.map((m) => m.wall)).median;
      console.log(
        `floor ${name}: ${((n / floorWall) * 1e-3).toFixed(0)}k records/s, ${(mb / floorWall).toFixed(0)} MB/s` +
          (arms.some((a) => a.name === "project") ? ` (project: columns ${PROJECTION.join(",")})` : ""),
      );
      for (const l of reportLines(res, "floor", main)) console.log(l);
      // CPU time, as bench:monitor: on a shared machine the wall clock mostly measures the
      // neighbours (an A/A wall ratio of 0.52-1.53 against 0.91-1.11 in CPU, 1e6-hours).
      const ratio = spreadOf(res.ratios.get(main)!.cpu).median;
      const peak = Math.max(...res.measures.get(main)!.map((m) => m.peakMiB ?? 0));
      const last = `${main}-${name} ratio=${ratio.toFixed(2)} peak_mib=${peak}`;
      console.log(last);
    }
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
