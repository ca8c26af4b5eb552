/** The `--flag value` / `--flag=value` reader every `capture-lab` command parses with, and the flags several commands share. */
import { isoDate } from "./args";

/** Splits `--flag=value` and gives a reader of the flag's value. */
export function* flags(argv: readonly string[]): Generator<{ flag: string; value: () => string }> {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const eq = arg.startsWith("--") ? arg.indexOf("=") : -1;
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    const inline = eq > 0 ? arg.slice(eq + 1) : undefined;
    yield {
      flag,
      value: () => {
        const v = inline ?? argv[++i];
        if (v === undefined || v === "") throw new Error(`${flag} needs a value`);
        return v;
      },
    };
  }
}

/** The number a flag names, within [min, max]; the error names the flag and the range. */
export function numberValue(flag: string, raw: string, min: number, max: number): number {
  const n = Number(raw);
  if (!Number.isFinite(n) || n < min || n > max)
    throw new Error(`${flag}: expected a number from ${min} to ${max}, got "${raw}"`);
  return n;
}

/** AWS's two script hooks, as both forms of `monitor` take them. */
export interface ScriptArgs {
  recordPreprocessor?: string;
  postAnalyticsProcessor?: string;
  /** Seconds per record. */
  preprocessorTimeout?: number;
}

/**
 * Reads `--record-preprocessor`, `--post-analytics-processor` and `--preprocessor-timeout`
 * into `a`; false for any other flag.
 */
export function scriptFlag(a: ScriptArgs, flag: string, value: () => string): boolean {
  if (flag === "--record-preprocessor") a.recordPreprocessor = value();
  else if (flag === "--post-analytics-processor") a.postAnalyticsProcessor = value();
  else if (flag === "--preprocessor-timeout") a.preprocessorTimeout = numberValue(flag, value(), 0.001, 86_400);
  else return false;
  return true;
}

/** The hourly flags the data-quality and model-quality `monitor` share. */
export interface HourlyArgs {
  hourly?: boolean;
  endpoint?: string;
  schedule?: string;
  reports?: string;
  parallel?: number;
}

/**
 * Reads `--hourly`, `--endpoint`, `--schedule`, `--reports` and `--parallel N` (a whole number,
 * 1-1024) into `a`; false for any other flag.
 */
export function hourlyFlag(a: HourlyArgs, flag: string, value: () => string): boolean {
  switch (flag) {
    case "--hourly":
      a.hourly = true;
      return true;
    case "--endpoint":
    case "--schedule":
    case "--reports":
      a[flag.slice(2) as "endpoint" | "schedule" | "reports"] = value();
      return true;
    case "--parallel":
      a.parallel = numberValue(flag, value(), 1, 1024);
      if (!Number.isInteger(a.parallel)) throw new Error(`--parallel: expected a whole number, got ${a.parallel}`);
      return true;
    default:
      return false;
  }
}

/** The window flags `monitor` (both forms) and `replay` share. */
export interface WindowArgs {
  captures?: string;
  baseline?: string;
  output?: string;
  start?: Date;
  end?: Date;
}

/** The flags {@link windowFlag} reads, by the field they set. */
const WINDOW_FLAGS: Record<string, keyof WindowArgs> = {
  "--captures": "captures",
  "--baseline": "baseline",
  "--output": "output",
  "--start": "start",
  "--end": "end",
};

/**
 * Reads `--captures`, `--baseline`, `--output`, `--start` and `--end` (ISO times) into `a`;
 * false for any other flag, or one of these the command does not take (`without`).
 */
export function windowFlag(
  a: WindowArgs,
  flag: string,
  value: () => string,
  without: ReadonlyArray<keyof WindowArgs> = [],
): boolean {
  const field = WINDOW_FLAGS[flag];
  if (!field || without.includes(field)) return false;
  if (field === "start" || field === "end") a[field] = isoDate(flag, value());
  else a[field] = value();
  return true;
}

/** Throws unless `--start` comes before `--end` (when both are given). */
export function checkWindow(a: WindowArgs): void {
  if (a.start && a.end && a.start >= a.end) throw new Error("--start must be before --end");
}
