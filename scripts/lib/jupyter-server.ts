/**
 * Starting a Jupyter server (JupyterLab 4, or the classic Notebook where only that exists) for
 * `npm run lab` and the JupyterLab tests: which executable, its arguments, and waiting until it
 * answers. The server binds 127.0.0.1 and uses a token this process chose, so the URL printed
 * is known before Jupyter logs anything.
 */
import { spawn, spawnSync, type ChildProcess, type StdioOptions } from "node:child_process";
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as net from "node:net";
import * as path from "node:path";
import { jupyterEnv, ROOT } from "./jupyter";
import { KERNEL_NAME } from "./kernel";

/** The project-local venv JupyterLab is installed into (`scripts/ensure-jupyterlab.sh`). */
export const LAB_VENV = process.env.CAPTURE_LAB_VENV ?? path.join(ROOT, ".venv");

/** A `jupyter` executable and the app it serves. */
export interface JupyterApp {
  /** The `jupyter` command (absolute path for the venv). */
  jupyter: string;
  app: "lab" | "notebook";
}

function answers(jupyter: string, app: string): boolean {
  return spawnSync(jupyter, [app, "--version"], { encoding: "utf8", env: jupyterEnv() }).status === 0;
}

/**
 * The Jupyter to serve notebooks with, without installing anything: JupyterLab from the
 * project venv, else JupyterLab on the PATH, else (when `allowNotebook`) the classic Notebook.
 */
export function findJupyterApp(allowNotebook = true): JupyterApp | undefined {
  const venvJupyter = path.join(LAB_VENV, "bin", "jupyter");
  if (fs.existsSync(venvJupyter) && answers(venvJupyter, "lab")) return { jupyter: venvJupyter, app: "lab" };
  if (answers("jupyter", "lab")) return { jupyter: "jupyter", app: "lab" };
  if (allowNotebook && answers("jupyter", "notebook")) return { jupyter: "jupyter", app: "notebook" };
  return undefined;
}

/**
 * Finds JupyterLab, installing it when missing with `scripts/ensure-jupyterlab.sh` (a venv
 * and pip; Debian's classic Notebook only when pip cannot). Undefined when nothing could be
 * installed (the script printed what to run).
 */
export function ensureJupyterApp(log: (line: string) => void = console.error): JupyterApp | undefined {
  const found = findJupyterApp(false);
  if (found) return found;
  log("JupyterLab is not installed; running scripts/ensure-jupyterlab.sh");
  const r = spawnSync("bash", [path.join(ROOT, "scripts", "ensure-jupyterlab.sh")], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  });
  if (r.status !== 0) return undefined;
  return findJupyterApp(true);
}

/** A free TCP port on 127.0.0.1 (asked from the OS with port 0). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Options of {@link startJupyterServer}. */
export interface JupyterServerOptions extends JupyterApp {
  /** Port; 0 or absent picks a free one. The server never moves to another port. */
  port?: number;
  /** Access token (default: 32 random hex digits). */
  token?: string;
  /** Folder the server shows (default: the repository). */
  root?: string;
  /** Open a browser (default false). */
  openBrowser?: boolean;
  /** A path under `root` to open first (a notebook). */
  open?: string;
  /** More arguments for Jupyter, after the project's. */
  extraArgs?: string[];
  /** Extra environment for the server and its kernels. */
  env?: NodeJS.ProcessEnv;
  /** `inherit` shows Jupyter's log; `pipe` (default) keeps it for {@link JupyterServer.log}. */
  stdio?: "inherit" | "pipe";
  /** How long to wait for the server to answer (default 60 s). */
  readyTimeoutMs?: number;
}

/** A running Jupyter server. */
export interface JupyterServer {
  app: "lab" | "notebook";
  port: number;
  token: string;
  /** `http://127.0.0.1:<port>/` */
  baseUrl: string;
  /** The URL people open: `/lab?token=…` (or `/tree?token=…` for the classic Notebook). */
  url: string;
  process: ChildProcess;
  /** What the server printed so far (with `stdio: "pipe"`). */
  log(): string;
  /** Stops the server (SIGTERM, then waits for it to exit). */
  stop(): Promise<void>;
}

/** The command-line arguments for serving `root` on 127.0.0.1 with the project kernel. */
export function jupyterServerArgs(options: {
  app: "lab" | "notebook";
  port: number;
  token: string;
  root: string;
  openBrowser: boolean;
  open?: string;
}): string[] {
  const { app, port, token, root } = options;
  const common = [
    "--ip=127.0.0.1",
    `--port=${port}`,
    ...(options.openBrowser ? [] : ["--no-browser"]),
    ...(process.getuid?.() === 0 ? ["--allow-root"] : []),
  ];
  const specific =
    app === "lab"
      ? [
          `--IdentityProvider.token=${token}`,
          `--ServerApp.root_dir=${root}`,
          "--ServerApp.port_retries=0",
          `--MappingKernelManager.default_kernel_name=${KERNEL_NAME}`,
        ]
      : [
          `--NotebookApp.token=${token}`,
          `--notebook-dir=${root}`,
          "--NotebookApp.port_retries=0",
          `--MappingKernelManager.default_kernel_name=${KERNEL_NAME}`,
        ];
  return [app, ...common, ...specific, ...(options.open ? [options.open] : [])];
}

/**
 * Starts Jupyter and resolves once its REST API answers with the token and lists the project
 * kernel. Rejects (after stopping it) when the server exits or does not answer in time.
 */
export async function startJupyterServer(options: JupyterServerOptions): Promise<JupyterServer> {
  const port = options.port || (await freePort());
  const token = options.token ?? randomBytes(16).toString("hex");
  const root = options.root ?? ROOT;
  const args = [
    ...jupyterServerArgs({
      app: options.app,
      port,
      token,
      root,
      openBrowser: options.openBrowser ?? false,
      open: options.open,
    }),
    ...(options.extraArgs ?? []),
  ];
  const stdio: StdioOptions =
    options.stdio === "inherit" ? ["ignore", "inherit", "inherit"] : ["ignore", "pipe", "pipe"];
  const child = spawn(options.jupyter, args, { cwd: root, env: jupyterEnv(options.env ?? {}), stdio });
  let log = "";
  child.stdout?.on("data", (d) => (log += d));
  child.stderr?.on("data", (d) => (log += d));
  const baseUrl = `http://127.0.0.1:${port}/`;
  const server: JupyterServer = {
    app: options.app,
    port,
    token,
    baseUrl,
    url: `${baseUrl}${options.app === "lab" ? "lab" : "tree"}?token=${token}`,
    process: child,
    log: () => log,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      await exited;
    },
  };
  try {
    await waitForKernelspec(server, options.readyTimeoutMs ?? 60_000);
  } catch (e) {
    await server.stop();
    const tail = log.trim().split("\n").slice(-20).join("\n");
    throw new Error(`${(e as Error).message}${tail ? `\n${tail}` : ""}`, { cause: e });
  }
  return server;
}

/** Polls the server's kernelspec list until it answers (failing early if Jupyter exits). */
async function waitForKernelspec(server: JupyterServer, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const exited = () => server.process.exitCode !== null || server.process.signalCode !== null;
  for (;;) {
    if (exited())
      throw new Error(
        `jupyter ${server.app} exited (${server.process.exitCode ?? server.process.signalCode}) before answering on port ${server.port}`,
      );
    let specs: Record<string, unknown> | undefined;
    try {
      const res = await fetch(`${server.baseUrl}api/kernelspecs?token=${server.token}`, {
        signal: AbortSignal.timeout(2000),
      });
      if (res.ok) specs = ((await res.json()) as { kernelspecs?: Record<string, unknown> }).kernelspecs ?? {};
    } catch {
      // not listening yet
    }
    if (specs) {
      if (KERNEL_NAME in specs) return;
      throw new Error(
        `jupyter ${server.app} does not list the ${KERNEL_NAME} kernel (found: ${Object.keys(specs).join(", ") || "none"})`,
      );
    }
    if (Date.now() > deadline)
      throw new Error(`jupyter ${server.app} did not answer on ${server.baseUrl} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
