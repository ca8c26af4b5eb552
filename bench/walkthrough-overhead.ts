/**
 * Walkthrough overhead benchmark (npm run bench:walkthrough).
 *
 * What a walkthrough notebook costs beyond the kernel itself: every notebook of the
 * walkthrough is executed headlessly (nbconvert, the project hooks, a fresh local stack), and
 * beside each one a bare notebook of one `1+1` cell in the same kernel and folder. The two
 * alternate (bare, step, bare, step, ...) so the load of a shared machine falls on both alike.
 * Prints each pair, then `walkthrough-overhead ratio=<x>`: the walkthrough's total time over
 * the bare notebooks' total (target <= 1.5).
 *
 * Options: --rounds N (default 1) repeats the whole sequence and reports the ratio of the sums,
 * with the spread of the per-round ratios (bench/lib/rounds.ts). The kernels are child processes
 * of nbconvert, so only wall time is measured here.
 * Needs `npm run build` first (npm run bench:walkthrough does it).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { ensureJupyter, listNotebooks, ROOT } from "../scripts/lib/jupyter";
import { KERNEL_NAME } from "../scripts/lib/kernel";
import { startScriptStack } from "../scripts/lib/local-stack";
import { executeNotebooks, type NotebookRun } from "../scripts/lib/pipeline";
import { arg } from "./lib/cli-args";
import { formatSpread, spreadOf } from "./lib/rounds";

/** A one-cell `1+1` notebook for the project kernel. */
function bareNotebook(file: string): void {
  const nb = {
    cells: [{ cell_type: "code", execution_count: null, id: "bare-01", metadata: {}, outputs: [], source: ["1+1"] }],
    metadata: { kernelspec: { name: KERNEL_NAME, display_name: "TypeScript", language: "typescript" } },
    nbformat: 4,
    nbformat_minor: 5,
  };
  fs.writeFileSync(file, JSON.stringify(nb));
}

async function runOne(notebook: string, outputDir: string, env: NodeJS.ProcessEnv): Promise<NotebookRun> {
  const [run] = await executeNotebooks({ notebooks: [notebook], outputDir, env });
  if (!run.ok) throw new Error(`${path.basename(notebook)} failed:\n${run.error}`);
  return run;
}

async function main(): Promise<number> {
  if (!fs.existsSync(path.join(ROOT, "dist", "index.js")))
    throw new Error("dist/ is not built: run `npm run build` (npm run bench:walkthrough does)");
  if (!ensureJupyter()) return 1;
  const rounds = Number(arg("rounds") ?? 1);
  const buildDir = path.join(ROOT, "build");
  fs.mkdirSync(buildDir, { recursive: true });
  const work = fs.mkdtempSync(path.join(buildDir, "bench-walkthrough-"));
  // The bare notebook sits beside the walkthrough's, so both kernels start in the same folder
  // with the same node_modules above them.
  const bare = path.join(ROOT, "notebooks", `bench-bare-${path.basename(work)}.ipynb`);
  bareNotebook(bare);
  const notebooks = listNotebooks();
  let walkMs = 0;
  let bareMs = 0;
  const roundRatios: number[] = [];
  try {
    for (let round = 1; round <= rounds; round++) {
      const stack = await startScriptStack({ dataDir: path.join(work, `stack-${round}`) });
      const env = {
        CAPTURE_LAB_TARGET: "local",
        CAPTURE_LAB_ENDPOINT: stack.endpoint,
        CAPTURE_LAB_STATE: path.join(work, `state-${round}.json`),
      };
      const before = { walk: walkMs, bare: bareMs };
      try {
        for (const notebook of notebooks) {
          const b = await runOne(bare, path.join(work, "bare"), env);
          const w = await runOne(notebook, path.join(work, "walkthrough"), env);
          bareMs += b.ms;
          walkMs += w.ms;
          console.log(
            `${w.name.padEnd(24)} ${(w.ms / 1000).toFixed(2).padStart(6)} s   bare ${(b.ms / 1000).toFixed(2).padStart(5)} s   x${(w.ms / b.ms).toFixed(2)}`,
          );
        }
      } finally {
        await stack.stop();
      }
      roundRatios.push((walkMs - before.walk) / (bareMs - before.bare));
    }
  } finally {
    fs.rmSync(bare, { force: true });
    fs.rmSync(work, { recursive: true, force: true });
  }
  const n = notebooks.length * rounds;
  console.log(
    `walkthrough ${(walkMs / 1000).toFixed(1)} s, ${n} bare notebooks ${(bareMs / 1000).toFixed(1)} s (kernel ${KERNEL_NAME})`,
  );
  if (roundRatios.length > 1) console.log(`ratio per round: ${formatSpread(spreadOf(roundRatios))}`);
  console.log(`walkthrough-overhead ratio=${(walkMs / bareMs).toFixed(2)}`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error((e as Error).message);
    process.exit(1);
  },
);
