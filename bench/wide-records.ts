/**
 * Wide-record benchmark (npm run bench:wide): what one small record with many distinct column
 * names costs the loader, now that `maxColumns` bounds the frame's width.
 *
 * Sets, generated in a temp folder (seeded, deterministic):
 *   clean     20,000 records of 5 CSV features (the baseline, measured in the same run);
 *   poisoned  the same plus one record whose JSON Lines input has 20,000 distinct keys (0.37 MB)
 *             and one 10 MB CSV line (5,242,881 fields): both refused, reported in report.errors;
 *   at-bound  the clean set plus one record of 2,030 JSON Lines with distinct keys, just under
 *             the default bound of 2,048 columns: it loads (2,030 more rows x 2,030 more columns).
 * Each is loaded with `onError: "skip"` in a fresh child process for a clean peak RSS, in
 * interleaved rounds (bench/lib/rounds.ts, `--rounds 3` by default, with an A/A arm). Prints
 * seconds, peak RSS and frame shape, each as the median of per-round ratios to the clean set,
 * then each ratio's spread (wall and CPU). Unbounded (before the
 * bound) the poisoned set aborted Node with "JavaScript heap out of memory".
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { loadCaptures } from "../src/read";
import { arg } from "./lib/cli-args";
import { runChild } from "./lib/child-phase";
import { cpuSeconds, interleavedRounds, reportLines, spreadOf, type Arm, type Measure } from "./lib/rounds";

const SETS = ["clean", "poisoned", "at-bound"] as const;

function line(id: number, input: { data: string; type: string; encoding: string }): string {
  return JSON.stringify({
    captureData: {
      endpointInput: { observedContentType: input.type, mode: "INPUT", data: input.data, encoding: input.encoding },
      endpointOutput: { observedContentType: "text/csv", mode: "OUTPUT", data: "0.5", encoding: "CSV" },
    },
    eventMetadata: { eventId: `e${id}`, inferenceId: String(id), inferenceTime: "2024-01-19T19:27:57Z" },
    eventVersion: "0",
  });
}

function distinctKeys(n: number): string {
  return Array.from({ length: n }, (_, i) => JSON.stringify({ [`k${i}`]: i })).join("\n");
}

function generate(dir: string, set: (typeof SETS)[number]): string {
  let seed = 42;
  const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const lines: string[] = [];
  for (let i = 0; i < 20_000; i++) {
    lines.push(
      line(i, {
        data: Array.from({ length: 5 }, () => (rand() * 100).toFixed(2)).join(","),
        type: "text/csv",
        encoding: "CSV",
      }),
    );
  }
  if (set === "poisoned") {
    lines.splice(5_000, 0, line(-1, { data: distinctKeys(20_000), type: "application/jsonlines", encoding: "JSON" }));
    lines.splice(10_000, 0, line(-2, { data: "1,".repeat(5 * 1024 * 1024) + "1", type: "text/csv", encoding: "CSV" }));
  }
  if (set === "at-bound")
    lines.splice(5_000, 0, line(-1, { data: distinctKeys(2_030), type: "application/jsonlines", encoding: "JSON" }));
  const file = path.join(dir, `${set}.jsonl`);
  fs.writeFileSync(file, lines.join("\n") + "\n");
  return file;
}

interface Result extends Measure {
  shape: number[];
  errors: number;
  mb: number;
}

async function phase(file: string): Promise<Result> {
  const c0 = cpuSeconds();
  const t0 = performance.now();
  const { frame, report } = await loadCaptures(file, { onError: "skip" });
  return {
    wall: (performance.now() - t0) / 1000,
    cpu: cpuSeconds() - c0,
    peakMiB: Math.round(process.resourceUsage().maxRSS / 1024),
    shape: frame.shape,
    errors: report.errors.length,
    mb: fs.statSync(file).size / 1e6,
  };
}

async function main(): Promise<void> {
  const i = process.argv.indexOf("--file");
  if (i !== -1) {
    console.log(JSON.stringify(await phase(process.argv[i + 1])));
    return;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "capture-lab-bench-wide-"));
  try {
    const files = SETS.map((set) => generate(dir, set));
    const arms: Arm[] = SETS.map((set, k) => ({
      name: set,
      run: () => runChild<Result>(__filename, ["--file", files[k]]),
    }));
    const res = await interleavedRounds(arms, { rounds: Number(arg("rounds") ?? 3) });
    const base = res.measures.get("clean")! as Result[];
    const med = (xs: number[]) => spreadOf(xs).median;
    for (const set of SETS) {
      const rs = res.measures.get(set)! as Result[];
      const r = rs[0];
      const cells = r.shape[0] * r.shape[1];
      const baseCells = base[0].shape[0] * base[0].shape[1];
      const time = set === "clean" ? 1 : med(res.ratios.get(set)!.wall);
      const peak = med(rs.map((x, k) => x.peakMiB! / base[k].peakMiB!));
      console.log(
        `${set.padEnd(9)} ${r.mb.toFixed(1)} MB: ${med(rs.map((x) => x.wall)).toFixed(2)} s (x${time.toFixed(2)}), ` +
          `peak ${med(rs.map((x) => x.peakMiB!))} MiB (x${peak.toFixed(2)}), frame ${r.shape.join("x")} (cells x${(cells / baseCells).toFixed(2)}), ${r.errors} refused`,
      );
    }
    for (const l of reportLines(res, "clean", "poisoned")) console.log(l);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
