/**
 * `npm run lab`: JupyterLab 4 on 127.0.0.1 with the project kernel and the walkthrough open,
 * and a local stack running in this process that every kernel finds through
 * CAPTURE_LAB_ENDPOINT. Prints the URL with its token once the server answers. JupyterLab is
 * installed into a project venv when missing (scripts/ensure-jupyterlab.sh).
 *
 *   npm run lab -- [--port N] [--no-browser] [other Jupyter arguments]
 *
 * Ctrl-C stops Jupyter and then the stack. With CAPTURE_LAB_TARGET=aws no stack is started.
 */
import * as path from "node:path";
import { probeLocalStack } from "../src/session/local-control";
import { DEFAULT_LOCAL_PORT, defaultLocalDataDir } from "../src/session/local-stack";
import { resolveTarget } from "../src/session/target";
import { ROOT } from "./lib/jupyter";
import { ensureJupyterApp, startJupyterServer } from "./lib/jupyter-server";
import { parseLabArgs } from "./lib/lab-args";
import { startScriptStack, type ScriptStack } from "./lib/local-stack";
import { runMain } from "./lib/run-main";

async function existingStack(): Promise<string | undefined> {
  const url = `http://127.0.0.1:${DEFAULT_LOCAL_PORT}`;
  return (await probeLocalStack(url)) ? url : undefined;
}

async function main(): Promise<number> {
  const args = parseLabArgs(process.argv.slice(2));
  // The kernels read the target the same way: a bad setting fails here, before Jupyter starts.
  const target = resolveTarget(process.env).kind;
  const app = ensureJupyterApp();
  if (!app) return 1;
  if (app.app === "notebook") console.error("JupyterLab could not be installed; opening the classic Notebook instead");

  const env: NodeJS.ProcessEnv = {};
  let stack: ScriptStack | undefined;
  if (target === "local") {
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
      console.error(
        `Local stack at ${stack.endpoint} (data in ${path.relative(ROOT, dataDir)}); it stops when Jupyter does`,
      );
    }
  }

  const server = await startJupyterServer({
    ...app,
    port: args.port,
    openBrowser: args.openBrowser,
    open: args.open ?? path.join("notebooks", "00-index.ipynb"),
    extraArgs: args.jupyterArgs,
    env,
    stdio: "inherit",
  }).catch(async (e: unknown) => {
    await stack?.stop();
    throw e;
  });
  console.log(server.url);
  const stop = () => void server.stop();
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  const code = await new Promise<number>((resolve) => server.process.on("close", (c) => resolve(c ?? 0)));
  await stack?.stop();
  return code;
}

runMain(main);
