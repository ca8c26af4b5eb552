/**
 * Interleaved rounds: the shared measuring loop of every benchmark that prints a ratio.
 *
 * On a shared 2-core machine a phase measured once, then its baseline once, mostly measures the
 * neighbours (bench:load printed 1.05, 2.46 and 3.52 for the same code). So each round runs
 * every arm once (the baseline first, then the others; the order flips every round so no arm
 * always follows another), each arm's ratio to the baseline is taken within the round, and the
 * figure is the median of those per-round ratios, with its spread (min-max, interquartile range,
 * 95 % bootstrap interval). A second copy of the baseline ("A/A") runs in every round too: the
 * spread of its ratio is what noise alone does to a ratio on this machine in this run.
 */
import * as fs from "node:fs";
import { median, medianInterval, percentile } from "./paired-stats";

/** One measurement of one arm. */
export interface Measure {
  /** Wall-clock seconds. */
  wall: number;
  /** CPU seconds (user + system) of the process that did the work. */
  cpu: number;
  /** Peak resident set size, MiB (when measured in a fresh process). */
  peakMiB?: number;
  /** Anything else the arm reports (records, rows, ...). */
  info?: Record<string, unknown>;
}

/** A thing to measure. */
export interface Arm {
  /** Printed name. */
  name: string;
  /** Runs it once. */
  run(): Promise<Measure> | Measure;
}

/** Median and spread of a sample. */
export interface Spread {
  median: number;
  min: number;
  max: number;
  /** First and third quartiles (nearest rank). */
  q1: number;
  q3: number;
  /** 95 % bootstrap interval of the median. */
  ci: [number, number];
  n: number;
}

/** Median, min-max, IQR and bootstrap interval of `xs`. */
export function spreadOf(xs: number[]): Spread {
  const s = [...xs].sort((a, b) => a - b);
  return {
    median: median(s),
    min: s[0],
    max: s[s.length - 1],
    q1: percentile(s, 25),
    q3: percentile(s, 75),
    ci: s.length > 1 ? medianInterval(s) : [s[0], s[0]],
    n: s.length,
  };
}

/** `2.10 (min-max 1.95-2.31, IQR 2.02-2.18, 95 % CI 1.98-2.20, n=5)`. */
export function formatSpread(s: Spread, digits = 2): string {
  const f = (x: number) => x.toFixed(digits);
  return `${f(s.median)} (min-max ${f(s.min)}-${f(s.max)}, IQR ${f(s.q1)}-${f(s.q3)}, 95 % CI ${f(s.ci[0])}-${f(s.ci[1])}, n=${s.n})`;
}

/** Everything the rounds measured. */
export interface RoundsResult {
  /** Arm name to its measurements, one per round, in round order. */
  measures: Map<string, Measure[]>;
  /** Arm name to its per-round ratios to the baseline (wall and CPU); the A/A arm included. */
  ratios: Map<string, { wall: number[]; cpu: number[] }>;
  /** Name of the A/A arm (`<baseline> again`), when one ran. */
  aaName?: string;
}

/** Options of {@link interleavedRounds}. */
export interface RoundsOptions {
  /** Rounds (default 5). */
  rounds?: number;
  /** Run a second copy of the baseline each round (default true). */
  aa?: boolean;
  /** Called after each measurement (progress). */
  onMeasure?(round: number, arm: string, m: Measure): void;
}

/**
 * Runs `arms` in interleaved rounds; `arms[0]` is the baseline every ratio is taken against.
 * Round r runs the baseline, the others, then the A/A copy; odd rounds run the list reversed.
 */
export async function interleavedRounds(arms: Arm[], options: RoundsOptions = {}): Promise<RoundsResult> {
  const rounds = options.rounds ?? 5;
  const base = arms[0];
  const aaName = options.aa === false ? undefined : `${base.name} again`;
  const list = aaName ? [...arms, { name: aaName, run: () => base.run() }] : arms;
  const measures = new Map<string, Measure[]>(list.map((a) => [a.name, []]));
  for (let r = 0; r < rounds; r++) {
    const order = r % 2 === 0 ? list : [...list].reverse();
    for (const a of order) {
      const m = await a.run();
      measures.get(a.name)!.push(m);
      options.onMeasure?.(r, a.name, m);
    }
  }
  const b = measures.get(base.name)!;
  const ratios = new Map<string, { wall: number[]; cpu: number[] }>();
  for (const a of list.slice(1)) {
    const ms = measures.get(a.name)!;
    ratios.set(a.name, { wall: ms.map((m, i) => m.wall / b[i].wall), cpu: ms.map((m, i) => m.cpu / b[i].cpu) });
  }
  return { measures, ratios, aaName };
}

/**
 * The lines a benchmark prints: each arm's seconds, then each ratio to the baseline with its
 * spread (the A/A arm first, `last`'s ratio last: the line just above the benchmark's summary).
 */
export function reportLines(res: RoundsResult, baseName: string, last?: string): string[] {
  const lines: string[] = [];
  for (const [name, ms] of res.measures) {
    const wall = spreadOf(ms.map((m) => m.wall));
    const cpu = spreadOf(ms.map((m) => m.cpu));
    const peaks = ms.map((m) => m.peakMiB).filter((p): p is number => p !== undefined);
    lines.push(
      `  ${name.padEnd(14)} wall ${seconds(wall.median)} (${seconds(wall.min)}-${seconds(wall.max)}), CPU ${seconds(cpu.median)} (${seconds(cpu.min)}-${seconds(cpu.max)})` +
        (peaks.length ? `, peak ${Math.max(...peaks)} MiB` : ""),
    );
  }
  const names = [...res.ratios.keys()].sort(
    (a, b) => Number(b === res.aaName) - Number(a === res.aaName) || Number(a === last) - Number(b === last),
  );
  for (const name of names) {
    const r = res.ratios.get(name)!;
    const tag = name === res.aaName ? "A/A (noise)" : "ratio";
    lines.push(`  ${tag} ${name} / ${baseName}: wall ${formatSpread(spreadOf(r.wall))}`);
    lines.push(`  ${" ".repeat(tag.length + name.length + baseName.length + 4)} CPU  ${formatSpread(spreadOf(r.cpu))}`);
  }
  return lines;
}

/** `12.34 s`, `5.67 ms` or `89.0 us`. */
export function seconds(x: number): string {
  if (x >= 1) return `${x.toFixed(2)} s`;
  if (x >= 1e-3) return `${(x * 1e3).toFixed(2)} ms`;
  return `${(x * 1e6).toFixed(1)} us`;
}

/** CPU seconds (user + system) this process has used so far. */
export function cpuSeconds(): number {
  const u = process.cpuUsage();
  let children = 0;
  try {
    // /proc/self/stat fields 16 and 17: cutime and cstime of waited-for children (a record
    // preprocessor's Python), in clock ticks (100 a second on Linux).
    const f = fs.readFileSync("/proc/self/stat", "utf8").split(") ")[1]!.split(" ");
    children = (Number(f[13]) + Number(f[14])) / 100;
  } catch {
    // not Linux: children are not counted
  }
  return (u.user + u.system) / 1e6 + children;
}
