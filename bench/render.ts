/**
 * Render benchmark (npm run bench:render): the rich view of a cell's last value reads only the
 * rows it shows, so a 1,000,000-row danfo DataFrame renders as fast as a 10-row one.
 *
 * Builds seeded frames of 10 and 1,000,000 rows (6 columns: float, int, string), then times
 * `mimeBundleOf` (HTML table + text, as the kernel sends it) on each, median of many runs, and
 * prints the ratio 1e6 / 10 (the baseline is the 10-row render of the same run). For scale it also
 * times danfo's own `describe()` once on the large frame (which the view never calls).
 * The last line is `render ratio=<x>`.
 */
import * as dfd from "danfojs-node";
import { mimeBundleOf } from "../src/display/mime";

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

function medianMs(fn: () => unknown, runs: number): number {
  for (let i = 0; i < 20; i++) fn(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    fn();
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

const small = frame(10);
process.stdout.write("building a 1,000,000-row frame… ");
const t0 = Date.now();
const large = frame(1_000_000);
console.log(`${((Date.now() - t0) / 1000).toFixed(1)} s`);

const runs = 500;
const smallMs = medianMs(() => mimeBundleOf(small), runs);
const largeMs = medianMs(() => mimeBundleOf(large), runs);
console.log(`mimeBundleOf, 10 rows:        ${smallMs.toFixed(3)} ms (median of ${runs}; baseline)`);
console.log(
  `mimeBundleOf, 1,000,000 rows: ${largeMs.toFixed(3)} ms (median of ${runs}) = ${(largeMs / smallMs).toFixed(2)}x the baseline`,
);
const d0 = process.hrtime.bigint();
large.describe();
const describeMs = Number(process.hrtime.bigint() - d0) / 1e6;
console.log(
  `danfo describe(), 1,000,000 rows, once: ${describeMs.toFixed(0)} ms = ${(describeMs / smallMs).toFixed(0)}x the baseline`,
);
console.log(`render ratio=${(largeMs / smallMs).toFixed(2)}`);
