/**
 * Driving a notebook in real JupyterLab 4 with playwright-core: open it in a fresh workspace,
 * wait for the kernel, Run All Cells from the menu, wait for every prompt, read what rendered.
 */
import type { Page } from "playwright-core";
import type { JupyterServer } from "../../scripts/lib/jupyter-server";
import { until } from "../helpers";

/** Chromium flags for the tests (no first-run UI, no background traffic). */
export const CHROMIUM_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** Debian's Chromium. */
export const CHROMIUM = "/usr/bin/chromium";

let workspaces = 0;

/** The visible notebook panel. */
const PANEL = ".jp-NotebookPanel:not(.lm-mod-hidden)";

/**
 * Opens `relPath` (under the server root) in a workspace of its own, so no earlier tab is
 * restored, and waits until its kernel is idle.
 */
export async function openNotebook(
  page: Page,
  server: JupyterServer,
  relPath: string,
  timeoutMs = 60_000,
): Promise<void> {
  const workspace = `capture-lab-test-${process.pid}-${++workspaces}`;
  await page.goto(`${server.baseUrl}lab/workspaces/${workspace}/tree/${relPath}?reset&token=${server.token}`);
  await page.locator(`${PANEL} .jp-Cell`).first().waitFor({ timeout: timeoutMs });
  await page.locator(".jp-StatusBar-TextItem", { hasText: "| Idle" }).first().waitFor({ timeout: timeoutMs });
}

/** Clicks Run > Run All Cells in the menu bar. */
export async function runAllFromMenu(page: Page): Promise<void> {
  await page.locator(".lm-MenuBar-item", { hasText: /^Run$/ }).click();
  await page.locator(".lm-Menu-item", { hasText: /^Run All Cells/ }).click();
}

/** Prompts (`[1]:`, `[*]:`, `[ ]:`) of the code cells of the visible notebook. */
export function prompts(page: Page): Promise<string[]> {
  return page.$$eval(`${PANEL} .jp-CodeCell .jp-InputArea-prompt`, (els) =>
    els.map((e) => (e.textContent ?? "").trim()),
  );
}

/** Text of the stderr and error outputs of the visible notebook. */
export function errorOutputs(page: Page): Promise<string[]> {
  return page.$$eval(`${PANEL} .jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]`, (els) =>
    els.map((e) => (e.textContent ?? "").trim()),
  );
}

/**
 * Waits until every code cell shows an execution count, failing early with the error text
 * when a cell writes to stderr (JupyterLab then leaves the later cells unrun).
 */
export async function waitForAllCells(page: Page, what: string, timeoutMs = 180_000): Promise<void> {
  let errors: string[] = [];
  await until(
    async () => {
      errors = await errorOutputs(page);
      if (errors.length > 0) return true;
      const p = await prompts(page);
      return p.length > 0 && p.every((t) => /^\[\d+\]:?$/.test(t));
    },
    timeoutMs,
    `every cell of ${what} to run`,
  );
  if (errors.length > 0) throw new Error(`${what}: error output:\n${errors.join("\n---\n")}`);
}

/** What rendered in the visible notebook. */
export interface Rendered {
  /** Body rows of each Capture Lab HTML table. */
  tableRows: number[];
  /** Natural sizes of rendered SVG images. */
  svgs: Array<{ width: number; height: number }>;
  /** Text of each progress bar. */
  progress: string[];
  /** Plain-text (stdout) outputs. */
  text: string[];
}

/** Reads the tables, charts, progress bars and text outputs of the visible notebook. */
export async function rendered(page: Page): Promise<Rendered> {
  const tableRows = await page.$$eval(`${PANEL} .jp-RenderedHTMLCommon table`, (ts) =>
    ts.map((t) => t.querySelectorAll("tbody tr").length),
  );
  const svgs = await page.$$eval(`${PANEL} .jp-RenderedSVG img, ${PANEL} .jp-RenderedSVG svg`, (els) =>
    // Runs in the page: DOM types are not in this project's lib, hence `any`.
    Promise.all(
      (els as any[]).map(async (e) => {
        if (e.tagName === "IMG") {
          await e.decode();
          return { width: e.naturalWidth as number, height: e.naturalHeight as number };
        }
        const box = e.getBoundingClientRect();
        return { width: box.width as number, height: box.height as number };
      }),
    ),
  );
  const progress = await page.$$eval(`${PANEL} .capture-lab-progress`, (els) =>
    els.map((e) => (e.textContent ?? "").trim()),
  );
  const text = await page.$$eval(
    `${PANEL} .jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stdout"]`,
    (els) => els.map((e) => (e.textContent ?? "").trim()),
  );
  return { tableRows, svgs, progress, text };
}

/** Shuts every kernel of the server down (each notebook leaves one running). */
export async function shutdownKernels(server: JupyterServer): Promise<void> {
  const res = await fetch(`${server.baseUrl}api/kernels?token=${server.token}`);
  const kernels = (await res.json()) as Array<{ id: string }>;
  await Promise.all(
    kernels.map((k) => fetch(`${server.baseUrl}api/kernels/${k.id}?token=${server.token}`, { method: "DELETE" })),
  );
}
