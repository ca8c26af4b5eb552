/**
 * `npm run lab`: opens the notebooks in a local Jupyter (JupyterLab when installed, else the
 * classic Notebook) bound to 127.0.0.1, with the project kernelspec and the local stack
 * running in this process so every kernel finds it through CAPTURE_LAB_ENDPOINT. Ctrl-C stops
 * Jupyter and then the stack. Extra arguments go to Jupyter (e.g. `npm run lab -- --no-browser`).
 * With CAPTURE_LAB_TARGET=aws no stack is started.
 */
import { spawn } from "node:child_process";
import * as path from "node:path";
import { probeLocalStack } from "../src/target/local-control";
import { DEFAULT_LOCAL_PORT, defaultLocalDataDir } from "../src/target/local-stack";
import { resolveTarget } from "../src/target/target";
import { ensureJupyter, hasJupyterApp, jupyterEnv, ROOT } from "./lib/jupyter";
import { startScriptStack, type ScriptStack } from "./lib/local-stack";
import { runMain } from "./lib/run-main";

async function existingStack(): Promise<string | undefined> {
  const url = `http://127.0.0.1:${DEFAULT_LOCAL_PORT}`;
  return (await probeLocalStack(url)) ? url : undefined;
}

async function main(): Promise<number> {
  if (!ensureJupyter()) return 1;
  const app = hasJupyterApp("lab") ? "lab" : hasJupyterApp("notebook") ? "notebook" : undefined;
  if (!app) {
    console.error("Neither `jupyter lab` nor `jupyter notebook` is installed. Run scripts/ensure-system-deps.sh, or `python3 -m pip install jupyterlab`.");
    return 1;
  }
  const env: NodeJS.ProcessEnv = {};
  let stack: ScriptStack | undefined;
  // The kernels read the target the same way: a bad setting fails here, before Jupyter starts.
  if (resolveTarget(process.env).kind === "local") {
    const running = process.env.CAPTURE_LAB_ENDPOINT ?? (await existingStack());
    if (running) {
      env.CAPTURE_LAB_ENDPOINT = running;
      console.error(`Using the local stack already running at ${running}`);
    } else {
      // The shared port and data folder connect() uses: notebooks opened later, or a kernel
      // started outside this script, find the same stack and data.
      const dataDir = defaultLocalDataDir(ROOT);
      stack = await startScriptStack({ port: DEFAULT_LOCAL_PORT, dataDir, captureRollIntervalMs: 10_000 });
      env.CAPTURE_LAB_ENDPOINT = stack.endpoint;
      console.error(`Local stack at ${stack.endpoint} (data in ${path.relative(ROOT, dataDir)}); it stops when Jupyter does`);
    }
  }
  const args = [app, "--ip=127.0.0.1", `--notebook-dir=${ROOT}`, ...(process.getuid?.() === 0 ? ["--allow-root"] : []), ...process.argv.slice(2)];
  if (!process.argv.slice(2).some((a) => !a.startsWith("-"))) args.push(path.join("notebooks", "00-index.ipynb"));
  console.error(`JUPYTER_PATH=${jupyterEnv().JUPYTER_PATH} jupyter ${args.join(" ")}`);
  const child = spawn("jupyter", args, { cwd: ROOT, env: jupyterEnv(env), stdio: "inherit" });
  const forward = (signal: NodeJS.Signals) => () => child.kill(signal);
  process.on("SIGINT", forward("SIGINT"));
  process.on("SIGTERM", forward("SIGTERM"));
  const code = await new Promise<number>((resolve) => child.on("close", (c) => resolve(c ?? 0)));
  await stack?.stop();
  return code;
}

runMain(main);
