/**
 * One-line pointers for failures a notebook's libraries are known for, shown instead of their
 * stack: danfojs' `describe()` (mathjs cannot average the Dates of `inferenceTime`), danfojs'
 * `plot()` in Node (Plotly needs a browser), and TypeScript's "cannot be named without a
 * reference to .../node_modules/..." when the notebook's folder cannot see a package. The
 * pointers name functions of `capture-lab/read` and `capture-lab/display`; nothing is imported.
 */
import * as path from "path";

/** danfojs method frames in a stack: `at DataFrame.describe (.../danfojs-base/core/frame.js:...)`. */
function danfoFrame(stack: string, method: string): boolean {
  return new RegExp(`\\bat (?:DataFrame|Series|NDframe)\\.${method} \\([^)\\n]*danfojs`).test(stack);
}

/** The pointer for an error thrown while a cell ran, or `undefined` when none applies. */
export function runtimeHint(thrown: unknown): string | undefined {
  if (!(thrown instanceof Error)) return undefined;
  const stack = thrown.stack ?? "";
  if (danfoFrame(stack, "describe"))
    return (
      "danfojs' describe() cannot summarize this frame (it fails on datetime columns such as inferenceTime and " +
      'counts missing values into mean and std): use describeFrame(frame) from capture-lab/read, pandas\' describe() (include: "all" for every column)'
    );
  if (danfoFrame(stack, "plot"))
    return (
      "danfojs plots need a browser (Plotly), not Node: use plot(series).hist(), plot(series).valueCounts() or " +
      "plot(frame).overTime(column) from capture-lab/display (await them)"
    );
  return undefined;
}

const NOT_PORTABLE = /^The inferred type of '([^']+)' cannot be named without a reference to '([^']+)'/;

/** `[install root, package name]` of a path inside `node_modules`, else `undefined`. */
function packageOf(file: string): [string, string] | undefined {
  const parts = file.split(/[\\/]/);
  const at = parts.lastIndexOf("node_modules");
  if (at < 0 || at + 1 >= parts.length) return undefined;
  const name = parts[at + 1].startsWith("@") ? parts.slice(at + 1, at + 3).join("/") : parts[at + 1];
  return [parts.slice(0, at).join("/") || "/", name];
}

/**
 * The pointer for a compile diagnostic, or `undefined`. `cwd` is the kernel's folder (the
 * notebook's), which TypeScript's message is relative to.
 */
export function compileHint(message: string, cwd: string): string | undefined {
  const m = NOT_PORTABLE.exec(message);
  if (!m) return undefined;
  const pkg = packageOf(path.resolve(cwd, m[2]));
  if (!pkg) return undefined;
  const [root, name] = pkg;
  return (
    `'${m[1]}' has a type from ${name}, which TypeScript finds in ${path.join(root, "node_modules")} but not from ` +
    `this notebook's folder ${cwd}: open the notebook inside ${root}, or run \`npm install capture-lab\` in ${cwd}`
  );
}
