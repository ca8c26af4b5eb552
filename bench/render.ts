/**
 * Render benchmark (npm run bench:render): the rich view of a cell's last value reads only the
 * rows it shows, so a 1,000,000-row danfo DataFrame renders as fast as a 10-row one.
 *
 * Builds seeded frames of 10 and 1,000,000 rows (6 columns: float, int, string), then times
 * `mimeBundleOf` (HTML table + text, as the kernel sends it) on each in interleaved rounds
 * (bench/lib/rounds.ts: 200 calls per arm per round, `--rounds 25` by default, with an A/A arm)
 * and prints the ratio 1e6 / 10 (the baseline is the 10-row render of the same run) as the median
 * of per-round ratios with its spread. For scale it also times danfo's own `describe()` once on
 * the large frame (which the view never calls). The last line is `render ratio=<x>`.
 */
import * as dfd from "danfojs-node";
import { mimeBundleOf } from "../src/display/mime";
import { arg } from "./lib/cli-args";
import { cpuSeconds, interleavedRounds, reportLines, spreadOf, type Arm } from "./lib/rounds";

function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function frame(rows: number): dfd.DataFrame {
  const rnd = seeded(42);
  const cols: Record<string, unknown[]> = {};
  for (const name of ["score", "f1", "f2"]) cols[name] = Array.from({ length: rows }, () => rnd());
  cols.count = Array.from({ length: rows }, () => Math.floor(rnd() * 1000));
  cols.eventId = Array.from({ length: rows }, (_, i) => `event-${i}`);
  cols.label = Array.from({ length: rows }, () => (rnd() < 0.5 ? "yes" : "no"));
  return new dfd.DataFrame(cols);
}

/** An arm that renders `frame` `calls` times per measurement (one call is too short to time alone). */
function renderArm(name: string, frame: dfd.DataFrame, calls: number): Arm {
  return {
    name,
    run: () => {
      const c0 = cpuSeconds();
      const t = process.hrtime.bigint();
      for (let i = 0; i < calls; i++) mimeBundleOf(frame);
      return { wall: Number(process.hrtime.bigint() - t) / 1e9, cpu: cpuSeconds() - c0 };
    },
  };
}

async function main(): Promise<void> {
  const small = frame(10);
  process.stdout.write("building a 1,000,000-row frame… ");
  const t0 = Date.now();
  const large = frame(1_000_000);
  console.log(`${((Date.now() - t0) / 1000).toFixed(1)} s`);

  const rounds = Number(arg("rounds") ?? 25);
  const calls = 200;
  const arms = [renderArm("10 rows", small, calls), renderArm("1e6 rows", large, calls)];
  for (const a of arms) for (let i = 0; i < 20; i++) await a.run(); // warm-up
  const res = await interleavedRounds(arms, { rounds });
  const smallMs = (spreadOf(res.measures.get("10 rows")!.map((m) => m.wall)).median / calls) * 1000;
  const largeMs = (spreadOf(res.measures.get("1e6 rows")!.map((m) => m.wall)).median / calls) * 1000;
  console.log(`mimeBundleOf, ${rounds} interleaved rounds of ${calls} calls per arm`);
  console.log(`  10 rows:        ${smallMs.toFixed(3)} ms per call (median; baseline)`);
  console.log(`  1,000,000 rows: ${largeMs.toFixed(3)} ms per call (median)`);
  for (const l of reportLines(res, "10 rows", "1e6 rows")) console.log(l);
  const d0 = process.hrtime.bigint();
  large.describe();
  const describeMs = Number(process.hrtime.bigint() - d0) / 1e6;
  console.log(
    `danfo describe(), 1,000,000 rows, once: ${describeMs.toFixed(0)} ms = ${(describeMs / smallMs).toFixed(0)}x the baseline`,
  );
  console.log(`render ratio=${spreadOf(res.ratios.get("1e6 rows")!.wall).median.toFixed(2)}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
