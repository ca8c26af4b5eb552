/** The walkthrough's churn scripts (data/churn/monitor/): the preprocessor's label, the postprocessor's summary. */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { suggestBaseline } from "../../../src/monitor/baseline";
import { runMonitor } from "../../../src/monitor/monitor-run";
import { runPostAnalyticsProcessor } from "../../../src/monitor/preprocessor/post-analytics";
import { PreprocessorError } from "../../../src/monitor/preprocessor/preprocessor-error";
import { writeCaptures } from "../captures";
import { seeded } from "../random";

const ROOT = path.resolve(__dirname, "..", "..", "..");
const CHURN = path.join(ROOT, "data", "churn");

describe("monitor/preprocessor/post-analytics (the churn scripts)", function () {
  this.timeout(30_000);
  let tmp: string;
  const from = new Date(Date.UTC(2024, 0, 1, 10));
  const to = new Date(Date.UTC(2024, 0, 1, 11));
  before(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "post-analytics-"));
    const header = fs.readFileSync(path.join(CHURN, "header.csv"), "utf8").trim();
    fs.writeFileSync(
      path.join(tmp, "train.csv"),
      `Churn,${header}\n` + fs.readFileSync(path.join(CHURN, "train.csv"), "utf8"),
    );
    await suggestBaseline({
      dataset: path.join(tmp, "train.csv"),
      datasetFormat: { csv: { header: true } },
      output: path.join(tmp, "baseline"),
    });
    const rand = seeded(7);
    const rows = fs.readFileSync(path.join(CHURN, "test.csv"), "utf8").trim().split("\n");
    writeCaptures(
      path.join(tmp, "cap"),
      rows.map((input, i) => ({
        input,
        output: (rand() * 0.6).toFixed(6),
        time: new Date(from.getTime() + i * 1000),
      })),
    );
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it("scores as captured fail the label's type check; the preprocessor's labels pass; the postprocessor sums up", async () => {
    const base = { captures: path.join(tmp, "cap"), baseline: path.join(tmp, "baseline"), from, to };
    const plain = await runMonitor(base);
    assert.ok(
      plain.violations.some((v) => v.feature_name === "Churn" && v.constraint_check_type === "data_type_check"),
    );
    const r = await runMonitor({
      ...base,
      recordPreprocessor: path.join(CHURN, "monitor", "preprocessor.py"),
      postAnalyticsProcessor: path.join(CHURN, "monitor", "postprocessor.py"),
      onScriptOutput: () => {},
    });
    assert.equal(r.rows, 200);
    assert.equal(r.issueCount, 0);
    assert.ok(!r.violations.some((v) => v.feature_name === "Churn"), JSON.stringify(r.violations));
    assert.equal(
      r.postAnalytics?.output,
      `churn monitor ${from.toISOString()} .. ${to.toISOString()}: 200 rows, ${r.violations.length} violation(s)` +
        (r.violations.length
          ? ` (${[...new Set(r.violations.map((v) => v.constraint_check_type))].sort().join(", ")})`
          : "") +
        "\n",
    );
  });

  it("a postprocessor that raises is an error with its traceback", async () => {
    const p = path.join(tmp, "bad-post.py");
    fs.writeFileSync(p, "def postprocess_handler():\n    raise RuntimeError('cannot post')\n");
    await assert.rejects(
      runPostAnalyticsProcessor(p, { onOutput: () => {} }),
      (e: unknown) =>
        e instanceof PreprocessorError &&
        /postprocess_handler\(\) raised:[\s\S]*RuntimeError: cannot post/.test(e.message),
    );
  });
});
