/**
 * Summary benchmark (npm run bench:describe): `describeFrame` against danfojs' own `describe()`
 * on the same frames, in interleaved rounds (A, B, A, B, ...), medians with their spread.
 *
 * Frames are shaped like what `loadCaptures` returns for a CSV endpoint: `eventId` and
 * `inferenceId` (text), `inferenceTime` (Dates, one per second), `instanceIndex`, 69 features
 * with 1 % missing, and `prediction`; 74 columns, built row-major in danfojs' low-memory mode as
 * the loader does. danfojs fails on the datetime column, so the pair is timed on the numeric
 * columns (the same values, what `selectDtypes(["float32", "int32"])` gives); the whole
 * frame with `include: "all"` is timed for `describeFrame` alone. Two shapes: many rows
 * (`--rows`, default 1e6) and a small frame (1e4 rows) where per-call overhead shows.
 * `--skip-danfo` times `describeFrame` alone: danfojs' `describe()` takes many minutes a round
 * at 1e6 rows, so skip it to measure only this project's summary (the danfo lines then say
 * "skipped", and no ratio is printed).
 *
 *   npm run bench:describe -- [--rows 1e6] [--rounds 3] [--small off] [--skip-danfo]
 */
import type { DataFrame } from "danfojs-node";
import { describeFrame } from "../src/read/describe-frame";
import { buildDataFrame, type FrameColumn } from "../src/read/frame";
import { seededRandom } from "../src/seeded-random";
import { median } from "./lib/paired-stats";
import { arg, label } from "./lib/cli-args";

const FEATURES = 69;

/** The capture-like frame, or (`numericOnly`) just its numeric columns, built directly: danfojs' `selectDtypes` takes minutes on 1e6 rows. */
function captureLikeFrame(rows: number, numericOnly = false): DataFrame {
  const random = seededRandom(42);
  const start = Date.UTC(2026, 11, 7, 9);
  const columns: FrameColumn[] = [
    { name: "eventId", slot: 0, dtype: "string" },
    { name: "inferenceId", slot: 1, dtype: "string" },
    { name: "inferenceTime", slot: 2, dtype: "datetime" },
    { name: "instanceIndex", slot: 3, dtype: "int32" },
    ...Array.from({ length: FEATURES }, (_, i) => ({ name: `f${i}`, slot: 4 + i, dtype: "float32" as const })),
    { name: "prediction", slot: 4 + FEATURES, dtype: "float32" },
  ];
  const data: unknown[][] = new Array(rows);
  let second: Date | undefined;
  for (let r = 0; r < rows; r++) {
    // Records of one second share one Date, as the loader does.
    if (r % 50 === 0) second = new Date(start + Math.floor(r / 50) * 1000);
    const row = new Array<unknown>(columns.length);
    row[0] = `e-${r}`;
    row[1] = String(r % 5000);
    row[2] = second;
    row[3] = 0;
    for (let i = 0; i < FEATURES; i++) row[4 + i] = random() < 0.01 ? NaN : Math.round(random() * 100_000) / 100;
    row[4 + FEATURES] = random();
    data[r] = row;
  }
  const kept = numericOnly ? columns.filter((c) => c.dtype === "float32" || c.dtype === "int32") : columns;
  return buildDataFrame(data, kept, columns.length);
}

function timeMs(fn: () => unknown): number {
  const t = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t) / 1e6;
}

function spread(xs: number[]): string {
  return `${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)} ms`;
}

function benchShape(rows: number, rounds: number, skipDanfo: boolean): void {
  process.stdout.write(`\n${label(rows)} rows x 74 columns: building… `);
  const t0 = Date.now();
  const numeric = captureLikeFrame(rows, true);
  const frame = captureLikeFrame(rows);
  console.log(`${((Date.now() - t0) / 1000).toFixed(1)} s (numeric part: ${numeric.shape[1]} columns)`);
  const ours: number[] = [];
  const danfo: number[] = [];
  const all: number[] = [];
  // Each figure is printed as soon as it is measured: danfo's can take many minutes.
  const measure = (round: number, name: string, into: number[], fn: () => unknown) => {
    into.push(timeMs(fn));
    console.log(`  round ${round + 1}: ${name} ${into[into.length - 1].toFixed(0)} ms`);
  };
  for (let round = 0; round < rounds; round++) {
    measure(round, "describeFrame (numeric columns)", ours, () => describeFrame(numeric));
    if (!skipDanfo) measure(round, "danfo describe() (same columns)", danfo, () => numeric.describe());
    measure(round, "describeFrame (include all)", all, () => describeFrame(frame, { include: "all" }));
  }
  console.log(`  describeFrame, numeric columns:     median ${median(ours).toFixed(0)} ms (${spread(ours)})`);
  if (skipDanfo) console.log("  danfo describe(), same columns:     skipped (--skip-danfo)");
  else {
    const ratios = danfo.map((d, i) => d / ours[i]);
    console.log(`  danfo describe(), same columns:     median ${median(danfo).toFixed(0)} ms (${spread(danfo)})`);
    console.log(
      `  danfo / describeFrame, per round:   median ${median(ratios).toFixed(1)}x (${Math.min(...ratios).toFixed(1)}–${Math.max(...ratios).toFixed(1)}x)`,
    );
  }
  console.log(`  describeFrame, all 74 columns:      median ${median(all).toFixed(0)} ms (${spread(all)})`);
  if (skipDanfo) {
    console.log("  danfo describe() on the whole frame: skipped (--skip-danfo)");
    return;
  }
  try {
    frame.describe();
    console.log("  danfo describe() on the whole frame: ran");
  } catch (e) {
    console.log(`  danfo describe() on the whole frame: fails (${(e as Error).message.slice(0, 80)})`);
  }
}

const rows = Number(arg("rows") ?? 1e6);
const rounds = Number(arg("rounds") ?? 3);
const skipDanfo = process.argv.includes("--skip-danfo");
if (arg("small") !== "off") benchShape(10_000, Math.max(rounds, 5), skipDanfo);
benchShape(rows, rounds, skipDanfo);
