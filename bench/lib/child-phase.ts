/** Runs one benchmark phase in a fresh Node process (clean heap, its own peak RSS) and reads its JSON line. */
import { spawnSync } from "node:child_process";

/**
 * Runs `script` (a bench file run through tsx) with `args`; the child prints one JSON line
 * (starting with `{`) with its result. `nodeArgs` go before the script (`--cpu-prof`, ...).
 * @throws Error with the child's stderr tail when it fails.
 */
export function runChild<T>(script: string, args: string[], nodeArgs: string[] = []): T {
  const res = spawnSync(process.execPath, [...nodeArgs, "--import", "tsx", script, ...args], {
    encoding: "utf8",
    maxBuffer: 1 << 24,
  });
  const line = res.stdout.split("\n").find((l) => l.startsWith("{"));
  if (res.status !== 0 || !line)
    throw new Error(`${script} ${args.join(" ")} failed (${res.status}):\n${res.stderr.slice(-2000)}`);
  return JSON.parse(line) as T;
}
