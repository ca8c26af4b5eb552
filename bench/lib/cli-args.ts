/** Command-line helpers the benchmark scripts share. */

/** The value after `--name` on the command line, if given. */
export function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? undefined : process.argv[i + 1];
}

/** `1e6` for a power of ten, else the number as written: how record counts are named in output. */
export function label(n: number): string {
  const e = Math.round(Math.log10(n));
  return 10 ** e === n ? `1e${e}` : String(n);
}
