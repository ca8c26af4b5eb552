/**
 * The notebooks in real JupyterLab 4 (the project venv's, see scripts/ensure-jupyterlab.sh),
 * driven in Debian's headless Chromium: every walkthrough notebook with Run All Cells from the
 * menu, and a scratch notebook typing the first things a pandas user types. Screenshots go to
 * build/test-screenshots/ for people to look at.
 */
import { strict as assert } from "assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { findJupyterApp, startJupyterServer, type JupyterServer } from "../../scripts/lib/jupyter-server";
import { listNotebooks } from "../../scripts/lib/jupyter";
import { KERNEL_NAME } from "../../scripts/lib/kernel";
import { startScriptStack, type ScriptStack } from "../../scripts/lib/local-stack";
import { missingJupyter, ROOT, screenshotDir } from "./helpers";
import {
  CHROMIUM,
  CHROMIUM_FLAGS,
  errorOutputs,
  openNotebook,
  prompts,
  rendered,
  runAllFromMenu,
  shutdownKernels,
  waitForAllCells,
} from "./lab-page";

/** Rows the demo sends, counted from the file itself. */
function testCsvRows(): number {
  return fs
    .readFileSync(path.join(ROOT, "data", "churn", "test.csv"), "utf8")
    .split(/\r?\n/)
    .filter((l) => l.trim() !== "").length;
}

/** A throwaway copy beside the original (git-ignored), so JupyterLab never saves into a committed notebook. */
function uiCopy(notebook: string): string {
  const copy = notebook.replace(/\.ipynb$/, ".ui-test.ipynb");
  fs.copyFileSync(notebook, copy);
  return copy;
}

describe("notebooks: JupyterLab 4 in headless Chromium", function () {
  this.timeout(600_000);
  let tmp: string;
  let stack: ScriptStack | undefined;
  let server: JupyterServer | undefined;
  let browser: Browser | undefined;
  let page: Page;
  const copies: string[] = [];

  before(async function () {
    const lab = findJupyterApp(false);
    const why =
      missingJupyter() ??
      (lab ? undefined : "JupyterLab is not installed (run scripts/ensure-jupyterlab.sh)") ??
      (fs.existsSync(CHROMIUM) ? undefined : `${CHROMIUM} is not installed`);
    if (why) {
      console.log(`      skipped: ${why}`);
      this.skip();
    }
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "capture-lab-jupyterlab-"));
    stack = await startScriptStack({ dataDir: path.join(tmp, "stack") });
    // Settings and workspaces of this run only; autosave off as a second guard for the copies.
    const settings = path.join(tmp, "settings", "@jupyterlab", "docmanager-extension");
    fs.mkdirSync(settings, { recursive: true });
    fs.writeFileSync(path.join(settings, "plugin.jupyterlab-settings"), JSON.stringify({ autosave: false }));
    server = await startJupyterServer({
      ...lab!,
      port: 0,
      env: {
        CAPTURE_LAB_TARGET: "local",
        CAPTURE_LAB_ENDPOINT: stack.endpoint,
        CAPTURE_LAB_STATE: path.join(tmp, "state.json"),
        JUPYTER_RUNTIME_DIR: path.join(tmp, "runtime"),
      },
      extraArgs: [
        `--LabApp.user_settings_dir=${path.join(tmp, "settings")}`,
        `--LabApp.workspaces_dir=${path.join(tmp, "workspaces")}`,
      ],
    });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
    await stack?.stop();
    for (const copy of copies) fs.rmSync(copy, { force: true });
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  afterEach(async () => {
    if (server) await shutdownKernels(server);
  });

  /** Opens a copy of `notebook`, runs all cells from the menu and returns what rendered. */
  async function runNotebook(notebook: string): Promise<Awaited<ReturnType<typeof rendered>>> {
    const name = path.basename(notebook, ".ipynb");
    const copy = uiCopy(notebook);
    copies.push(copy);
    await openNotebook(page, server!, path.relative(ROOT, copy));
    await runAllFromMenu(page);
    try {
      await waitForAllCells(page, name);
    } finally {
      await page.screenshot({ path: path.join(screenshotDir(), `jupyterlab-${name}.png`) });
    }
    return rendered(page);
  }

  for (const notebook of listNotebooks()) {
    const name = path.basename(notebook, ".ipynb");
    it(`${name}: Run All Cells from the menu runs every cell, with no error output`, async () => {
      const shown = await runNotebook(notebook);
      assert.deepEqual(await errorOutputs(page), []);
      const count = (await prompts(page)).length;
      assert.deepEqual(
        await prompts(page),
        Array.from({ length: count }, (_, i) => `[${i + 1}]:`),
        "execution counts in order",
      );
      assert.ok(
        shown.tableRows.length >= 1 && shown.tableRows.every((n) => n > 0),
        `HTML tables with rows (${shown.tableRows})`,
      );
      if (name === "05-invoke") {
        const rows = testCsvRows();
        assert.equal(shown.progress.length, 1, "one progress bar, updated in place");
        assert.match(shown.progress[0], new RegExp(`${rows}/${rows} \\(100%\\)`));
      }
      if (name === "06-view-captures") {
        assert.equal(shown.svgs.length, 3, "three charts");
        for (const svg of shown.svgs)
          assert.ok(svg.width > 100 && svg.height > 50, `chart drawn at ${svg.width}x${svg.height}`);
      }
    });
  }

  it("JupyterLab does not ask about Jupyter news", async () => {
    assert.equal(await page.getByText("get notified about official Jupyter news", { exact: false }).count(), 0);
  });

  it("a scratch notebook renders frame.head(), a Series, the load report and a config error as tables", async function () {
    const scratch = path.join(ROOT, "notebooks", "scratch.ui-test.ipynb");
    const cell = { cell_type: "code", execution_count: null, metadata: {}, outputs: [], source: [] };
    fs.writeFileSync(
      scratch,
      JSON.stringify({
        cells: [cell],
        metadata: { kernelspec: { name: KERNEL_NAME, display_name: "TypeScript", language: "typescript" } },
        nbformat: 4,
        nbformat_minor: 5,
      }),
    );
    copies.push(scratch);
    await openNotebook(page, server!, path.relative(ROOT, scratch));
    const idioms = [
      'import { loadCaptures } from "../dist/read";\nconst { frame, report } = await loadCaptures("../test/fixtures/read/csv-rows.jsonl");\nframe.head()',
      'frame.column("prediction")',
      "report",
      'import { buildDataCaptureConfig } from "../dist/capture";\nbuildDataCaptureConfig({ samplingPercentage: 150, destinationS3Uri: "bucket/no-scheme", csvContentTypes: ["text csv"] })',
    ];
    for (const [i, code] of idioms.entries()) {
      const editor = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell .cm-content").nth(i);
      await editor.click();
      // insertText: no key events, so the editor's bracket closing cannot alter the code.
      await page.keyboard.insertText(code);
      await page.keyboard.press("Shift+Enter");
    }
    await waitForAllCells(page, "scratch").catch(() => undefined); // the config cell fails on purpose
    await page.screenshot({ path: path.join(screenshotDir(), "jupyterlab-scratch.png") });
    const outputs = await page.$$eval(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell", (cells) =>
      cells.map((c) => ({
        html: c.querySelectorAll(".jp-RenderedHTMLCommon table tbody tr").length,
        text: (c.querySelector(".jp-OutputArea")?.textContent ?? "").trim(),
      })),
    );
    assert.equal(outputs[0].html, 5, "frame.head(): a table of 5 rows");
    assert.ok(outputs[1].html >= 1, "a Series: a table");
    assert.ok(outputs[2].html >= 1, "the load report: a table");
    for (const [i, o] of outputs.slice(0, 4).entries())
      assert.doesNotMatch(o.text, /\$dataIncolumnFormat|\$data\b/, `cell ${i + 1} shows danfo internals`);
    assert.ok(outputs[3].html >= 3, "the config error: one row per violation");
    assert.match(outputs[3].text, /SamplingPercentage/i);
    assert.match(outputs[3].text, /DestinationS3Uri/i);
    assert.match(outputs[3].text, /text csv/);
  });
});
