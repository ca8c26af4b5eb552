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
 * Each is loaded with `onError: "skip"` in a fresh child process for a clean peak RSS. Prints
 * seconds, peak RSS and frame shape, each as a ratio to the clean set. Unbounded (before the
 * bound) the poisoned set aborted Node with "JavaScript heap out of memory".
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { loadCaptures } from "../src/read";

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

interface Result {
  seconds: number;
  peakMiB: number;
  shape: number[];
  errors: number;
  mb: number;
}

async function phase(file: string): Promise<Result> {
  const t0 = performance.now();
  const { frame, report } = await loadCaptures(file, { onError: "skip" });
  const seconds = (performance.now() - t0) / 1000;
  return {
    seconds,
    peakMiB: Math.round(process.resourceUsage().maxRSS / 1024),
    shape: frame.shape,
    errors: report.errors.length,
    mb: fs.statSync(file).size / 1e6,
  };
}

function child(file: string): Result {
  const res = spawnSync(process.execPath, ["--import", "tsx", __filename, "--file", file], {
    encoding: "utf8",
    maxBuffer: 1 << 24,
  });
  const out = res.stdout.split("\n").find((l) => l.startsWith("{"));
  if (res.status !== 0 || !out) throw new Error(`loading ${file} failed (${res.status}):\n${res.stderr.slice(-2000)}`);
  return JSON.parse(out) as Result;
}

async function main(): Promise<void> {
  const i = process.argv.indexOf("--file");
  if (i !== -1) {
    console.log(JSON.stringify(await phase(process.argv[i + 1])));
    return;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "capture-lab-bench-wide-"));
  try {
    const results = new Map<string, Result>();
    for (const set of SETS) {
      const r = child(generate(dir, set));
      results.set(set, r);
      const base = results.get("clean")!;
      const cells = r.shape[0] * r.shape[1];
      const baseCells = base.shape[0] * base.shape[1];
      console.log(
        `${set.padEnd(9)} ${r.mb.toFixed(1)} MB: ${r.seconds.toFixed(2)} s (x${(r.seconds / base.seconds).toFixed(2)}), ` +
          `peak ${r.peakMiB} MiB (x${(r.peakMiB / base.peakMiB).toFixed(2)}), frame ${r.shape.join("x")} (cells x${(cells / baseCells).toFixed(2)}), ${r.errors} refused`,
      );
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
