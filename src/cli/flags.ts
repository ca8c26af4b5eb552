/** The `--flag value` / `--flag=value` reader every `capture-lab` command parses with. */

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
