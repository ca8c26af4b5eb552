/**
 * `npm run lab` end to end: the script starts JupyterLab with the project kernel on the port
 * asked for and prints the URL with its token; Ctrl-C (SIGINT) stops it.
 */
import { strict as assert } from "assert";
import { spawn, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { ROOT } from "../../scripts/lib/jupyter";
import { findJupyterApp, freePort } from "../../scripts/lib/jupyter-server";
import { KERNEL_NAME } from "../../scripts/lib/kernel";
import { startScriptStack, type ScriptStack } from "../../scripts/lib/local-stack";
import { until } from "../helpers";

describe("scripts/lab: npm run lab", function () {
  this.timeout(120_000);
  let tmp: string;
  let stack: ScriptStack | undefined;
  let child: ChildProcess | undefined;

  before(function () {
    if (findJupyterApp(false) === undefined) {
      console.log("      skipped: JupyterLab is not installed (run scripts/ensure-jupyterlab.sh)");
      this.skip();
    }
  });
  after(async () => {
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child!.once("exit", r));
      child.kill("SIGTERM");
      await exited;
    }
    await stack?.stop();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it("--no-browser --port N prints http://127.0.0.1:N/lab?token=..., serves JupyterLab with the kernel and stops on SIGINT", async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "capture-lab-lab-"));
    // A stack of this test's own, so the script neither starts nor reuses the shared one.
    stack = await startScriptStack({ dataDir: path.join(tmp, "stack") });
    const port = await freePort();
    let stdout = "";
    let stderr = "";
    child = spawn(
      process.execPath,
      ["--import", "tsx", path.join(ROOT, "scripts", "lab.ts"), "--no-browser", "--port", String(port)],
      {
        cwd: ROOT,
        env: {
          ...process.env,
          CAPTURE_LAB_TARGET: "local",
          CAPTURE_LAB_ENDPOINT: stack.endpoint,
          JUPYTER_RUNTIME_DIR: path.join(tmp, "runtime"),
        },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    child.stdout!.on("data", (d) => (stdout += d));
    child.stderr!.on("data", (d) => (stderr += d));
    await until(() => stdout.includes("\n") || child!.exitCode !== null, 90_000, "the URL line");
    const url = stdout.split("\n")[0];
    assert.match(url, new RegExp(`^http://127\\.0\\.0\\.1:${port}/lab\\?token=[0-9a-f]{32}$`), stderr.slice(-2000));
    const token = url.slice(url.indexOf("token=") + 6);

    const page = await fetch(url);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /<title>JupyterLab<\/title>/);
    const specs = (await (await fetch(`http://127.0.0.1:${port}/api/kernelspecs?token=${token}`)).json()) as {
      kernelspecs: Record<string, unknown>;
    };
    assert.ok(KERNEL_NAME in specs.kernelspecs, `kernel ${KERNEL_NAME} listed`);
    const news = (await (
      await fetch(
        `http://127.0.0.1:${port}/lab/api/settings/@jupyterlab/apputils-extension:notification?token=${token}`,
      )
    ).json()) as {
      schema: { properties: { fetchNews: { default: string } } };
    };
    assert.equal(news.schema.properties.fetchNews.default, "false", "the Jupyter news prompt is off");
    assert.match(
      stderr,
      new RegExp(`Using the local stack already running at ${stack.endpoint.replace(/[.]/g, "\\.")}`),
    );

    const exited = new Promise<number | null>((r) => child!.once("exit", (code) => r(code)));
    child.kill("SIGINT");
    assert.equal(await exited, 0);
    await assert.rejects(fetch(`http://127.0.0.1:${port}/api/status?token=${token}`), "the server is gone");
  });
});
