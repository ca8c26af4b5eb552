/** Shared setup for the notebook tests: one pipeline run reused by several test files. */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { hasNbconvert, ROOT } from "../../scripts/lib/jupyter";
import { runWalkthrough, type WalkthroughReport } from "../../scripts/lib/walkthrough-run";

export { ROOT };

/** Why notebook tests cannot run here, or undefined when they can. */
export function missingJupyter(): string | undefined {
  if (!hasNbconvert()) return "jupyter nbconvert is not installed (run scripts/ensure-system-deps.sh)";
  if (!fs.existsSync(path.join(ROOT, "dist", "index.js")))
    return "dist/ is not built (npm run build; `npm test` does it in pretest)";
  return undefined;
}

/** A parsed .ipynb (the parts the tests read). */
export interface Notebook {
  cells: Array<{ cell_type: string; source: string[] | string; execution_count?: number | null; outputs?: Output[] }>;
}
/** One cell output. */
export interface Output {
  output_type: string;
  name?: string;
  text?: string[] | string;
  data?: Record<string, unknown>;
  ename?: string;
}

/** Reads a notebook file. */
export function readNotebook(file: string): Notebook {
  return JSON.parse(fs.readFileSync(file, "utf8")) as Notebook;
}

/** Joins nbformat's multi-line strings. */
export function joined(value: string[] | string | unknown): string {
  return Array.isArray(value) ? value.join("") : String(value ?? "");
}

/** The outputs of every code cell in a notebook, flattened. */
export function outputsOf(nb: Notebook): Output[] {
  return nb.cells.flatMap((c) => c.outputs ?? []);
}

/** The test build folder (a temp dir) and the pipeline run in it. */
export interface SharedRun {
  buildDir: string;
  report: WalkthroughReport;
  log: string[];
}

let shared: Promise<SharedRun> | undefined;

/** Runs the full notebook pipeline once per mocha process (build folder under the OS temp dir). */
export function sharedRun(): Promise<SharedRun> {
  if (!shared) {
    const buildDir = fs.mkdtempSync(path.join(os.tmpdir(), "capture-lab-notebooks-"));
    const log: string[] = [];
    shared = runWalkthrough({ buildDir, log: (line) => log.push(line) }).then((report) => ({ buildDir, report, log }));
  }
  return shared;
}

/** Removes the shared build folder (call once, from a root-level after hook). */
export async function removeSharedRun(): Promise<void> {
  if (!shared) return;
  const { buildDir } = await shared.catch(() => ({ buildDir: undefined }));
  if (buildDir) fs.rmSync(buildDir, { recursive: true, force: true });
  shared = undefined;
}

// One root-level hook: the shared run is removed after every test file that uses it is done.
if (typeof after === "function") after(() => removeSharedRun());

/** Where test screenshots are kept for people to look at (git-ignored). */
export function screenshotDir(): string {
  const dir = path.join(ROOT, "build", "test-screenshots");
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}
