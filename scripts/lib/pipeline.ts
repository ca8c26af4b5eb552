/**
 * The notebook pipeline shared by `npm run notebooks`, `npm run walkthrough` and the tests:
 * execute every notebook headlessly with nbconvert (each in its own kernel, in order),
 * then export HTML and Markdown tutorials.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { listNotebooks, nbconvertErrorText, ROOT, runJupyter } from "./jupyter";
import { KERNEL_NAME } from "./kernel";

/** One executed notebook. */
export interface NotebookRun {
  name: string;
  /** The executed copy (with outputs). */
  output: string;
  ms: number;
  ok: boolean;
  /** nbconvert's error text when the run failed. */
  error?: string;
}

/** Options of {@link executeNotebooks}. */
export interface ExecuteOptions {
  /** Notebooks to run (default: `notebooks/NN-*.ipynb`, sorted). */
  notebooks?: string[];
  /** Where executed copies go (default `build/notebooks`). */
  outputDir?: string;
  /** Extra environment for the kernels (e.g. `CAPTURE_LAB_ENDPOINT`). */
  env?: NodeJS.ProcessEnv;
  /** Per-cell timeout in seconds (default 300). */
  cellTimeoutSeconds?: number;
  /** Stop at the first failing notebook (default true: later steps depend on earlier ones). */
  stopOnFailure?: boolean;
  /** Called after each notebook. */
  onNotebook?: (run: NotebookRun) => void | Promise<void>;
}

/**
 * True when a notebook takes nothing from earlier steps: it does not use the walkthrough
 * state (`./walkthrough-state`), so it may run alongside the others (the index page).
 */
export function isIndependent(notebook: string): boolean {
  const nb = JSON.parse(fs.readFileSync(notebook, "utf8")) as {
    cells: Array<{ cell_type: string; source: string[] | string }>;
  };
  return !nb.cells.some((c) => c.cell_type === "code" && [c.source].flat().join("").includes("walkthrough-state"));
}

/**
 * Executes notebooks with `jupyter nbconvert --execute` and the project's hooks, each in its
 * own kernel. The steps run one after another, in order; independent notebooks (see
 * {@link isIndependent}) run alongside them. Results come back in the given order.
 */
export async function executeNotebooks(options: ExecuteOptions = {}): Promise<NotebookRun[]> {
  const notebooks = options.notebooks ?? listNotebooks();
  const outputDir = options.outputDir ?? path.join(ROOT, "build", "notebooks");
  fs.mkdirSync(outputDir, { recursive: true });
  const runOne = async (notebook: string): Promise<NotebookRun> => {
    const name = path.basename(notebook, ".ipynb");
    const output = path.join(outputDir, `${name}.ipynb`);
    fs.rmSync(output, { force: true });
    const result = await runJupyter(
      [
        "nbconvert",
        "--config",
        path.join(ROOT, "jupyter", "nbconvert_config.py"),
        "--to",
        "notebook",
        "--execute",
        `--ExecutePreprocessor.kernel_name=${KERNEL_NAME}`,
        `--ExecutePreprocessor.timeout=${options.cellTimeoutSeconds ?? 300}`,
        "--output-dir",
        outputDir,
        notebook,
      ],
      { env: options.env },
    );
    const ok = result.code === 0 && fs.existsSync(output);
    const run: NotebookRun = {
      name,
      output,
      ms: result.ms,
      ok,
      ...(ok ? {} : { error: nbconvertErrorText(result.stderr) || `nbconvert exited with ${result.code}` }),
    };
    await options.onNotebook?.(run);
    return run;
  };
  const independent = new Map(notebooks.filter(isIndependent).map((nb) => [nb, runOne(nb)] as const));
  const chained = new Map<string, NotebookRun>();
  for (const notebook of notebooks.filter((nb) => !independent.has(nb))) {
    const run = await runOne(notebook);
    chained.set(notebook, run);
    if (!run.ok && options.stopOnFailure !== false) break;
  }
  const runs: NotebookRun[] = [];
  for (const notebook of notebooks) {
    const run = independent.has(notebook) ? await independent.get(notebook)! : chained.get(notebook);
    if (run) runs.push(run);
  }
  return runs;
}

/** Where the tutorials went. */
export interface TutorialExport {
  html: string[];
  markdown: string[];
  ms: number;
}

/** Rewrites links between notebooks (`01-x.ipynb`) to the exported siblings (`01-x.html`). */
function relinkNotebooks(file: string, ext: string): void {
  const text = fs.readFileSync(file, "utf8");
  const next = text.replace(/(\b\d\d-[\w-]+)\.ipynb\b/g, `$1.${ext}`);
  if (next !== text) fs.writeFileSync(file, next);
}

/**
 * Exports executed notebooks as HTML (the `tutorial` template, which keeps SVG charts) and
 * Markdown (SVGs as side files), both into `outputDir`; the two conversions run in parallel.
 */
export async function exportTutorials(
  executed: string[],
  outputDir = path.join(ROOT, "build", "tutorials"),
): Promise<TutorialExport> {
  fs.mkdirSync(outputDir, { recursive: true });
  const started = Date.now();
  const common = [
    "nbconvert",
    "--config",
    path.join(ROOT, "jupyter", "nbconvert_config.py"),
    "--output-dir",
    outputDir,
  ];
  const [html, markdown] = await Promise.all([
    runJupyter([...common, "--to", "html", "--template", "tutorial", ...executed]),
    runJupyter([...common, "--to", "markdown", ...executed]),
  ]);
  for (const [kind, r] of [
    ["HTML", html],
    ["Markdown", markdown],
  ] as const) {
    if (r.code !== 0) throw new Error(`nbconvert --to ${kind} failed:\n${nbconvertErrorText(r.stderr)}`);
  }
  const names = executed.map((f) => path.basename(f, ".ipynb"));
  const out = {
    html: names.map((n) => path.join(outputDir, `${n}.html`)),
    markdown: names.map((n) => path.join(outputDir, `${n}.md`)),
    ms: Date.now() - started,
  };
  out.html.forEach((f) => relinkNotebooks(f, "html"));
  out.markdown.forEach((f) => relinkNotebooks(f, "md"));
  return out;
}
