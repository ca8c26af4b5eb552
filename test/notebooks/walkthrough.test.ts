import { strict as assert } from "assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { failureText, summaryText } from "../../scripts/lib/report";
import { joined, missingJupyter, outputsOf, readNotebook, ROOT, sharedRun, type SharedRun } from "./helpers";

/** Rows the demo sends, counted from the file itself (not from anything the pipeline reports). */
function testCsvRows(): number {
  return fs
    .readFileSync(path.join(ROOT, "data", "churn", "test.csv"), "utf8")
    .split(/\r?\n/)
    .filter((l) => l.trim() !== "").length;
}

const html = (nb: ReturnType<typeof readNotebook>) =>
  outputsOf(nb)
    .filter((o) => o.data?.["text/html"])
    .map((o) => joined(o.data!["text/html"]));
const svgs = (nb: ReturnType<typeof readNotebook>) =>
  outputsOf(nb)
    .filter((o) => o.data?.["image/svg+xml"])
    .map((o) => joined(o.data!["image/svg+xml"]));
const bodyRows = (table: string) => (table.split("<tbody>")[1] ?? "").split("</tbody>")[0].match(/<tr>/g)?.length ?? 0;

describe("notebooks: headless walkthrough (nbconvert against a fresh local stack)", function () {
  // Eleven notebooks and their tutorials: about 90 s on an idle 2-core machine, several minutes
  // under load (other builds and tests running).
  this.timeout(600_000);
  let run: SharedRun;
  const executed = (name: string) => readNotebook(path.join(run.report.executedDir, `${name}.ipynb`));

  before(async function () {
    const why = missingJupyter();
    if (why) {
      console.log(`      skipped: ${why}`);
      this.skip();
    }
    run = await sharedRun();
  });

  it("executes every notebook in order", () => {
    assert.ok(run.report.ok, failureText(run.report) || run.log.join("\n"));
    assert.deepEqual(
      run.report.runs.map((r) => r.name),
      [
        "00-index",
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
      ],
    );
  });

  it("every code cell ran, got its execution count and wrote nothing to stderr", () => {
    for (const r of run.report.runs) {
      const nb = readNotebook(r.output);
      const code = nb.cells.filter((c) => c.cell_type === "code");
      assert.deepEqual(
        code.map((c) => c.execution_count),
        code.map((_, i) => i + 1),
        `${r.name} execution counts`,
      );
      const bad = outputsOf(nb).filter((o) => o.output_type === "error" || o.name === "stderr");
      assert.deepEqual(
        bad.map((o) => joined(o.text ?? o.ename)),
        [],
        `${r.name} stderr/error outputs`,
      );
    }
  });

  it("captured exactly the rows sent, each with its inference id", () => {
    // Step 5 sends the test rows; step 8 sends them again, shifted; step 9 scores them as its validation set.
    const rows = 3 * testCsvRows();
    const c = run.report.captures;
    assert.ok(c, "capture summary");
    assert.equal(c.rowsSent, rows, "rows steps 5, 8 and 9 sent");
    assert.equal(c.counters?.invocations, rows, "invocations the stack served");
    assert.equal(c.records, rows, "records read back from S3");
    assert.equal(c.withInferenceId, rows);
    assert.ok(c.files >= 1 && c.hours >= 1);
  });

  it("step 3 reports both invalid settings together in one table", () => {
    const tables = html(executed("03-data-capture-config")).filter((h) => h.includes("Rejected before any API call"));
    assert.equal(tables.length, 1);
    assert.match(tables[0], /SamplingPercentage/i);
    assert.match(tables[0], /text csv/);
    assert.ok(bodyRows(tables[0]) >= 2, "one row per issue");
  });

  it("step 4 shows the endpoint InService with capture enabled", () => {
    const shown = html(executed("04-deploy-endpoint")).join("\n");
    assert.match(shown, /InService/);
    assert.match(shown, /<td>Started<\/td>/, "CaptureStatus Started");
  });

  it("step 5 leaves a finished progress bar", () => {
    const bars = html(executed("05-invoke")).filter((h) => h.includes("capture-lab-progress"));
    assert.equal(bars.length, 1, "one in-place progress display");
    assert.match(bars[0], new RegExp(`${testCsvRows()}/${testCsvRows()} \\(100%\\) · 0 failed`));
  });

  it("step 6 shows the file table, one record, the frames and three charts with marks", () => {
    const nb = executed("06-view-captures");
    const shown = html(nb);
    const files = shown.find((h) => h.includes("Capture files for"));
    assert.ok(files && bodyRows(files) >= 1, "capture file table with rows");
    assert.ok(
      shown.some((h) => h.startsWith("<div") && h.includes("<pre") && h.includes("eventMetadata")),
      "one decoded record",
    );
    const joinedTable = shown.find((h) => h.includes("csv_Day Mins"));
    assert.ok(joinedTable && bodyRows(joinedTable) === 8, "joined table with 8 rows");
    assert.match(joinedTable!, new RegExp(`${testCsvRows()} matched, 0 captures and 0 CSV rows unmatched`));
    const charts = svgs(nb);
    assert.equal(charts.length, 3);
    for (const svg of charts) assert.match(svg, /<path[^>]+aria-roledescription="bar"/);
  });

  it("step 9 shows the metrics against the baseline with the estimate, the matrix and curves, and the shifted traffic's violations", () => {
    const nb = executed("09-model-quality");
    const shown = html(nb).join("\n");
    assert.match(shown, /Realized \(labels merged\) vs estimated \(no labels\)/);
    assert.match(shown, /CBPE estimate ± error/);
    assert.match(shown, /Confusion matrix/);
    assert.match(shown, /ROC curve/);
    assert.match(shown, /Precision-recall curve/);
    assert.match(shown, /Shifted traffic: model quality/);
    assert.match(shown, /Metric \w+ with [\d.E-]+ \+\/- [\d.E-]+ was LessThanThreshold/);
    const q = run.report.modelQuality;
    assert.ok(q, "model-quality summary");
    assert.equal(q.runs.length, 2);
    assert.equal(q.runs[0]!.rows, testCsvRows());
    assert.ok(q.runs[1]!.violations > 0, "the shifted traffic's labels violate the baseline");
    assert.match(summaryText(run.report), /model quality {3}shifted traffic: \d+ rows merged, [1-9]\d* violation\(s\)/);
  });

  it("step 10 replays the captured traffic against the candidate, shows the comparison and records the agreement", () => {
    const nb = executed("10-replay");
    const shown = html(nb);
    const table = shown.find((h) => h.includes("Replay of the captured traffic against the candidate"));
    assert.ok(table, "the replay table");
    // Steps 5, 8 and 9 captured the test rows three times; every one is replayed and answered.
    assert.match(table, new RegExp(`<td>${3 * testCsvRows()} / 0</td>`));
    assert.match(table, /torn down: true/);
    assert.ok(
      shown.some((h) => h.includes("cl-replay") && h.includes("PSI")),
      "the replay report",
    );
    assert.equal(svgs(nb).length, 1, "the scatter chart");
    const replay = run.report.replay;
    assert.ok(replay && replay.requests === 3 * testCsvRows() && replay.failed === 0, "summary of the replay");
    assert.ok(replay.agreementRate !== null && replay.agreementRate > 0.5 && replay.agreementRate < 1);
  });

  it("pandas to Capture Lab: the summary, value counts, join and CSV export render; two charts with marks", () => {
    const nb = executed("11-pandas-to-capture-lab");
    const shown = html(nb);
    const summary = shown.find((h) => h.includes("missing values skipped"));
    assert.ok(summary, "describeFrame's table");
    const labels = [...(summary.split("<tbody>")[1] ?? "").matchAll(/<tr><th class="idx">([^<]*)</g)].map((m) => m[1]);
    assert.deepEqual(labels, ["count", "mean", "std", "min", "25%", "50%", "75%", "max"]);
    // The step-5 rows match their CSV rows by inference id; steps 8 and 9 sent other ids.
    assert.ok(
      shown.some(
        (h) =>
          h.includes("csv_State") && new RegExp(`matched capture rows</td><td class="num">${testCsvRows()}<`).test(h),
      ),
      "the joined frame",
    );
    const charts = svgs(nb);
    assert.equal(charts.length, 2, "a histogram and a time series");
    assert.match(charts[0], /aria-roledescription="bar"/);
    assert.match(charts[1], /aria-roledescription="line mark"/);
    const streams = outputsOf(nb)
      .filter((o) => o.output_type === "stream")
      .map((o) => joined(o.text));
    assert.ok(
      streams.some((t) => t.startsWith("inferenceId,CustServ Calls,Day Mins,prediction\n")),
      "the exported CSV",
    );
  });

  it("exports HTML and Markdown tutorials with the charts", () => {
    const t = run.report.tutorials!;
    assert.equal(t.html.length, 12);
    for (const f of [...t.html, ...t.markdown]) assert.ok(fs.existsSync(f), f);
    const md = fs.readFileSync(t.markdown[6], "utf8");
    const images = [...md.matchAll(/!\[svg\]\(([^)]+)\)/g)].map((m) => path.join(path.dirname(t.markdown[6]), m[1]));
    assert.equal(images.length, 3);
    for (const img of images) assert.match(fs.readFileSync(img, "utf8"), /<path/);
    assert.match(fs.readFileSync(t.html[0], "utf8"), /href="01-configure-s3\.html"/, "index links to the HTML pages");
  });
});
