/**
 * Running Jupyter from the scripts and tests: the environment that finds the project's
 * kernelspec and templates, a check that Jupyter is installed, and nbconvert calls.
 */
import { spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { kernelspecRoot } from "./kernel";

// The SDK's notice that releases after January 2027 need Node 22 is not actionable inside a
// walkthrough (the project supports Node >= 20.19); kernels get the same setting from kernel.json.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

/** The repository root (this file is `scripts/lib/jupyter.ts`). */
export const ROOT = path.resolve(__dirname, "..", "..");

/**
 * Environment for Jupyter processes. `JUPYTER_PATH` (the kernelspec and nbconvert templates)
 * must be absolute: kernels run with the notebook folder as cwd, and a relative path makes
 * them die before kernel_info. `JUPYTER_CONFIG_PATH` adds `jupyter/config`, whose JupyterLab
 * setting overrides turn the "get notified about Jupyter news" prompt off.
 */
export function jupyterEnv(extra: NodeJS.ProcessEnv = {}, root = ROOT): NodeJS.ProcessEnv {
  const prepend = (dir: string, inherited: string | undefined) =>
    [dir, ...(inherited ? [inherited] : [])].join(path.delimiter);
  return {
    ...process.env,
    JUPYTER_PATH: prepend(kernelspecRoot(root), process.env.JUPYTER_PATH),
    JUPYTER_CONFIG_PATH: prepend(path.join(root, "jupyter", "config"), process.env.JUPYTER_CONFIG_PATH),
    PYTHONUNBUFFERED: "1",
    ...extra,
  };
}

// Only a positive answer is kept: a missing nbconvert may be installed later in the same
// process (ensureJupyter does that), and asking costs ~0.6 s each time.
let nbconvertFound = false;

/** True when `jupyter nbconvert` runs (checked once it has been found). */
export function hasNbconvert(): boolean {
  if (nbconvertFound) return true;
  const r = spawnSync("jupyter", ["nbconvert", "--version"], { encoding: "utf8", env: jupyterEnv() });
  nbconvertFound = r.status === 0;
  return nbconvertFound;
}

/** True when `jupyter notebook` (or `jupyter lab`, when `lab`) is installed. */
export function hasJupyterApp(app: "notebook" | "lab"): boolean {
  return spawnSync("jupyter", [app, "--version"], { encoding: "utf8", env: jupyterEnv() }).status === 0;
}

/**
 * Makes sure nbconvert is available, installing the Debian packages through
 * `scripts/ensure-system-deps.sh` when possible. Returns false (after the script printed
 * what to run) when it cannot be installed from here.
 */
export function ensureJupyter(log: (line: string) => void = console.error): boolean {
  if (hasNbconvert()) return true;
  log("jupyter nbconvert is not available; running scripts/ensure-system-deps.sh");
  const r = spawnSync("bash", [path.join(ROOT, "scripts", "ensure-system-deps.sh")], { stdio: "inherit" });
  return r.status === 0 && hasNbconvert();
}

/** Outcome of one Jupyter command. */
export interface CommandResult {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Runs `jupyter <args>` from `cwd` with the project environment, collecting its output. */
export function runJupyter(
  args: string[],
  options: { env?: NodeJS.ProcessEnv; cwd?: string } = {},
): Promise<CommandResult> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn("jupyter", args, {
      cwd: options.cwd ?? ROOT,
      env: jupyterEnv(options.env),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr, ms: Date.now() - started }));
  });
}

/**
 * The useful part of a failed nbconvert run: the failing cell and tslab's message (made
 * readable by `jupyter/nbconvert_config.py`), without Python's traceback through nbclient.
 */
export function nbconvertErrorText(stderr: string): string {
  const marker = stderr.indexOf("An error occurred while executing the following cell");
  if (marker >= 0) return stderr.slice(marker).trim();
  const lines = stderr
    .trim()
    .split("\n")
    .filter((l) => !/MissingIDFieldWarning|validate\(nb\)/.test(l));
  return lines.slice(-25).join("\n");
}

/** The notebooks to run, in order: `notebooks/NN-*.ipynb`. */
export function listNotebooks(root = ROOT): string[] {
  const dir = path.join(root, "notebooks");
  return (
    fs
      .readdirSync(dir)
      .filter((f) => /^\d\d-.*\.ipynb$/.test(f) && !f.includes(".ui-test.") && !f.includes(".nbconvert."))
      .sort()
      // The cleanup step stays last, whatever its number (08-monitor needs the endpoint).
      .sort((a, b) => Number(a.includes("-cleanup.")) - Number(b.includes("-cleanup.")))
      .map((f) => path.join(dir, f))
  );
}

/**
 * The Python interpreter that runs `jupyter` (read from its shebang), for jupyter_client
 * commands Debian does not install as `jupyter-*` scripts (e.g. `kernelspec`).
 */
export function jupyterPython(): string {
  const which = spawnSync("sh", ["-c", "command -v jupyter"], { encoding: "utf8" });
  const script = which.stdout.trim();
  if (script) {
    const first = fs.readFileSync(script, "utf8").split("\n", 1)[0];
    const m = /^#!\s*(\S+)(?:\s+(\S+))?/.exec(first);
    if (m) return m[1].endsWith("/env") && m[2] ? m[2] : m[1];
  }
  return "python3";
}

/** Kernelspecs visible with the project's `JUPYTER_PATH` (name -> resource dir). */
export function listKernelspecs(): Record<string, string> {
  const r = spawnSync(jupyterPython(), ["-m", "jupyter_client.kernelspecapp", "list", "--json"], {
    encoding: "utf8",
    env: jupyterEnv(),
  });
  if (r.status !== 0) throw new Error(`listing kernelspecs failed: ${r.stderr}`);
  const specs = (
    JSON.parse(r.stdout.slice(r.stdout.indexOf("{"))) as { kernelspecs: Record<string, { resource_dir: string }> }
  ).kernelspecs;
  return Object.fromEntries(Object.entries(specs).map(([name, s]) => [name, s.resource_dir]));
}
