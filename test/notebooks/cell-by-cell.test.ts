/**
 * Runs the notebooks the way JupyterLab does: a live Jupyter server, one session per notebook
 * path (so the kernel's cwd is the notebook folder) and one execute_request per code cell,
 * sent with JupyterLab's own client library (@jupyterlab/services).
 */
import { strict as assert } from "assert";
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { ServerConnection, SessionManager, KernelManager } from "@jupyterlab/services";
import { hasJupyterApp, jupyterEnv } from "../../scripts/lib/jupyter";
import { KERNEL_NAME } from "../../scripts/lib/kernel";
import { startScriptStack, type ScriptStack } from "../../scripts/lib/local-stack";
import { joined, missingJupyter, readNotebook, ROOT } from "./helpers";
import { freePort } from "../../scripts/lib/jupyter-server";

// ws ships no types here (no @types/ws); the settings only need its constructor.

const WebSocketImpl: unknown = require("ws");

/** Notebooks driven here: the steps, in order, cleanup last (00-index has no stack work). */
const STEPS = [
  "01-configure-s3",
  "02-upload-model",
  "03-data-capture-config",
  "04-deploy-endpoint",
  "05-invoke",
  "06-view-captures",
  "08-monitor",
  "09-model-quality",
  "10-replay",
  "11-pandas-to-capture-lab",
  "07-cleanup",
];

async function waitForServer(base: string, token: string, server: ChildProcess, deadlineMs: number): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`jupyter notebook exited with ${server.exitCode}`);
    try {
      const res = await fetch(`${base}api?token=${token}`, { signal: AbortSignal.timeout(1000) });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`jupyter notebook did not answer ${base}api within ${deadlineMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe("notebooks: cell by cell in a live Jupyter server (@jupyterlab/services)", function () {
  this.timeout(300_000);
  let stack: ScriptStack | undefined;
  let server: ChildProcess | undefined;
  let tmp: string;
  let sessions: SessionManager;
  let kernels: KernelManager;
  let serverLog = "";
  const consoleDebug = console.debug;

  before(async function () {
    const why = missingJupyter() ?? (hasJupyterApp("notebook") ? undefined : "jupyter notebook is not installed");
    if (why) {
      console.log(`      skipped: ${why}`);
      this.skip();
    }
    console.debug = () => undefined; // the client logs every WebSocket it opens
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "capture-lab-cells-"));
    stack = await startScriptStack({ dataDir: path.join(tmp, "stack") });
    const port = await freePort();
    const token = randomBytes(16).toString("hex");
    server = spawn(
      "jupyter",
      [
        "notebook",
        "--no-browser",
        "--ip=127.0.0.1",
        `--port=${port}`,
        `--NotebookApp.token=${token}`,
        `--notebook-dir=${ROOT}`,
        "--allow-root",
      ],
      {
        cwd: ROOT,
        env: jupyterEnv({
          CAPTURE_LAB_ENDPOINT: stack.endpoint,
          CAPTURE_LAB_TARGET: "local",
          CAPTURE_LAB_STATE: path.join(tmp, "state.json"),
          JUPYTER_RUNTIME_DIR: path.join(tmp, "runtime"),
        }),
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    server.stdout!.on("data", (d) => (serverLog += d));
    server.stderr!.on("data", (d) => (serverLog += d));
    const base = `http://127.0.0.1:${port}/`;
    await waitForServer(base, token, server, 30_000);
    const serverSettings = ServerConnection.makeSettings({
      baseUrl: base,
      wsUrl: `ws://127.0.0.1:${port}/`,
      token,
      appendToken: true,
      WebSocket: WebSocketImpl as never,
    });
    kernels = new KernelManager({ serverSettings });
    sessions = new SessionManager({ kernelManager: kernels, serverSettings });
    await sessions.ready;
  });

  after(async () => {
    // Both managers poll the server; dispose them or their timers keep mocha alive.
    sessions?.dispose();
    kernels?.dispose();
    if (server && server.exitCode === null) {
      const exited = new Promise((r) => server!.once("exit", r));
      server.kill("SIGTERM");
      await exited;
    }
    await stack?.stop();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
    console.debug = consoleDebug;
  });

  for (const name of STEPS) {
    it(`${name}: every cell replies ok with no stderr`, async () => {
      const rel = `notebooks/${name}.ipynb`;
      const cells = readNotebook(path.join(ROOT, rel))
        .cells.filter((c) => c.cell_type === "code")
        .map((c) => joined(c.source));
      const session = await sessions.startNew({
        path: rel,
        type: "notebook",
        name: `${name}.ipynb`,
        kernel: { name: KERNEL_NAME },
      });
      try {
        const kernel = session.kernel!;
        for (const [i, code] of cells.entries()) {
          const stderr: string[] = [];
          let displays = 0;
          const future = kernel.requestExecute({ code });
          future.onIOPub = (msg) => {
            const content = msg.content as { name?: string; text?: string };
            if (msg.header.msg_type === "stream" && content.name === "stderr") stderr.push(content.text ?? "");
            if (msg.header.msg_type === "display_data" || msg.header.msg_type === "update_display_data") displays++;
          };
          const reply = await future.done;
          assert.equal(
            reply.content.status,
            "ok",
            `${name} cell ${i + 1} status; stderr: ${stderr.join("")}\n${serverLog.slice(-2000)}`,
          );
          assert.deepEqual(stderr, [], `${name} cell ${i + 1} wrote to stderr`);
          if (name === "05-invoke" && i === 0)
            assert.ok(displays >= 2, `progress bar updated in place (${displays} display messages)`);
        }
      } finally {
        await session.shutdown();
      }
    });
  }
});
