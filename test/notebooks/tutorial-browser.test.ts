import { strict as assert } from "assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { chromium, type Browser } from "playwright-core";
import { missingJupyter, screenshotDir, sharedRun, type SharedRun } from "./helpers";

const CHROMIUM = "/usr/bin/chromium";
const FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--no-first-run",
  "--disable-sync",
  "--disable-component-update",
  "--disable-quic",
];

describe("notebooks: HTML tutorials in headless Chromium", function () {
  this.timeout(300_000);
  let run: SharedRun;
  let browser: Browser;

  before(async function () {
    const why = missingJupyter() ?? (fs.existsSync(CHROMIUM) ? undefined : `${CHROMIUM} is not installed`);
    if (why) {
      console.log(`      skipped: ${why}`);
      this.skip();
    }
    run = await sharedRun();
    if (!run.report.tutorials) this.skip();
    // playwright keeps the profile in its own temp dir and removes it on close.
    browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
  });
  after(async () => {
    await browser?.close();
  });

  it("every page renders its tables with rows", async () => {
    const page = await browser.newPage();
    try {
      for (const file of run.report.tutorials!.html) {
        await page.goto(`file://${file}`, { waitUntil: "load" });
        const rows = await page.$$eval("table.capture-lab-table", (tables) =>
          tables.map((t) => t.querySelectorAll("tbody tr").length),
        );
        assert.ok(rows.length >= 1, `${path.basename(file)}: a table`);
        assert.ok(
          rows.every((n) => n > 0),
          `${path.basename(file)}: every table has rows (${rows})`,
        );
      }
    } finally {
      await page.close();
    }
  });

  it("every page is self-contained: it loads nothing but itself and data: URIs", async () => {
    const page = await browser.newPage();
    try {
      for (const file of run.report.tutorials!.html) {
        const elsewhere: string[] = [];
        const onRequest = (r: { url(): string }) => {
          const url = r.url();
          if (url !== `file://${file}` && !url.startsWith("data:")) elsewhere.push(url);
        };
        page.on("request", onRequest);
        await page.goto(`file://${file}`, { waitUntil: "load" });
        page.off("request", onRequest);
        assert.deepEqual(elsewhere, [], `${path.basename(file)} requested other resources`);
        const text = await page.innerText("body");
        assert.ok(!text.includes("Loading [MathJax]"), `${path.basename(file)} shows a MathJax banner`);
        assert.ok(
          (await page.$$("table.capture-lab-table")).length >= 1,
          `${path.basename(file)}: tables still render`,
        );
      }
    } finally {
      await page.close();
    }
  });

  it("the captures page draws three non-blank SVG charts, and a screenshot is kept", async () => {
    const page = await browser.newPage({ viewport: { width: 1100, height: 1400 } });
    try {
      const file = run.report.tutorials!.html.find((f) => f.endsWith("06-view-captures.html"))!;
      await page.goto(`file://${file}`, { waitUntil: "load" });
      const charts = await page.$$eval('img[src^="data:image/svg+xml"]', (imgs) =>
        Promise.all(
          // Runs in the page: DOM types are not in this project's lib, hence `any`.
          (imgs as any[]).map(async (img) => {
            await img.decode();
            const svg = atob(img.src.slice(img.src.indexOf(",") + 1));
            const canvas = (globalThis as any).document.createElement("canvas");
            canvas.width = img.naturalWidth;
            canvas.height = img.naturalHeight;
            const ctx = canvas.getContext("2d");
            ctx.drawImage(img, 0, 0);
            const pixels: Uint8ClampedArray = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
            let coloured = 0; // pixels that are neither white nor grey: the bars
            for (let i = 0; i < pixels.length; i += 4) {
              const [r, g, b] = [pixels[i], pixels[i + 1], pixels[i + 2]];
              if (Math.max(r, g, b) - Math.min(r, g, b) > 40) coloured++;
            }
            return { width: img.naturalWidth, height: img.naturalHeight, marks: /<path|<rect/.test(svg), coloured };
          }),
        ),
      );
      assert.equal(charts.length, 3, "three charts");
      for (const c of charts) {
        assert.ok(c.width > 0 && c.height > 0, `natural size ${c.width}x${c.height}`);
        assert.ok(c.marks, "SVG has marks");
        assert.ok(c.coloured > 100, `chart has coloured bars (${c.coloured} px)`);
      }
      const shot = path.join(screenshotDir(), "06-view-captures.png");
      await page.screenshot({ path: shot, fullPage: true });
      assert.ok(fs.statSync(shot).size > 10_000);
    } finally {
      await page.close();
    }
  });
});
