/** `monitor --problem-type ... --hourly`: offsets, the report layout, resume, progress, the HTML report. */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { parseQualityMonitorArgs } from "../../src/cli/model-quality-command";
import { runMonitorCommand } from "../../src/cli/monitor-command";
import { writeHourlyScenario } from "../monitor/model-quality/helpers";

let captured = "";
function quiet<T>(fn: () => Promise<T>): Promise<T> {
  const out = process.stdout.write.bind(process.stdout);
  const err = process.stderr.write.bind(process.stderr);
  captured = "";
  const keep = ((chunk: string | Uint8Array) => ((captured += String(chunk)), true)) as typeof process.stdout.write;
  process.stdout.write = keep;
  process.stderr.write = keep;
  return fn().finally(() => {
    process.stdout.write = out;
    process.stderr.write = err;
  });
}

const base = ["--problem-type", "BinaryClassification", "--captures", "c", "--ground-truth", "g", "--baseline", "b"];

describe("cli: monitor --problem-type --hourly", function () {
  this.timeout(60_000);

  it("parses the hourly flags and refuses bad offsets and mixed modes", () => {
    const a = parseQualityMonitorArgs([
      ...base,
      "--hourly",
      "--endpoint",
      "ep",
      "--reports",
      "r",
      "--start-offset",
      "-P1D",
      "--end-offset",
      "-PT1H",
      "--parallel",
      "3",
    ]);
    assert.equal(a.hourly, true);
    assert.equal(a.startOffset, "-P1D");
    assert.equal(a.parallel, 3);
    assert.throws(
      () => parseQualityMonitorArgs([...base, "--output", "o", "--parallel", "2"]),
      /--parallel needs --hourly/,
    );
    assert.throws(
      () => parseQualityMonitorArgs([...base, "--hourly", "--endpoint", "ep", "--reports", "r", "--parallel", "1.5"]),
      /--parallel: expected a whole number/,
    );
    assert.throws(
      () =>
        parseQualityMonitorArgs([...base, "--hourly", "--endpoint", "ep", "--reports", "r", "--start-offset", "-1D"]),
      /--start-offset: expected an ISO-8601 duration/,
    );
    assert.throws(() => parseQualityMonitorArgs([...base, "--hourly", "--reports", "r"]), /--hourly needs --endpoint/);
    assert.throws(
      () => parseQualityMonitorArgs([...base, "--output", "o", "--start-offset", "-P1D"]),
      /--start-offset needs --hourly/,
    );
    assert.throws(
      () => parseQualityMonitorArgs([...base, "--hourly", "--endpoint", "ep", "--reports", "r", "--output", "o"]),
      /--output is for one run/,
    );
  });

  it("runs every due hour into the layout with progress, skips them on a rerun, writes the offline report", async () => {
    const dir = await writeHourlyScenario();
    const reportFile = path.join(dir, "report.html");
    const argv = [
      "--problem-type",
      "BinaryClassification",
      "--hourly",
      "--endpoint",
      "ep",
      "--captures",
      path.join(dir, "captures"),
      "--ground-truth",
      path.join(dir, "gt"),
      "--baseline",
      path.join(dir, "baseline"),
      "--reports",
      path.join(dir, "reports"),
      "--start-offset",
      "-PT2H",
      "--end-offset",
      "-PT1H",
      "--probability-attribute",
      "0",
      "--report",
      reportFile,
      "--parallel",
      "2",
    ];
    const code = await quiet(() => runMonitorCommand(argv));
    assert.ok(code === 0 || code === 3, `${code}: ${captured}`);
    // Two worker threads: progress in completion order, each hour once.
    assert.deepEqual(captured.match(/\[\d\/3\]/g), ["[1/3]", "[2/3]", "[3/3]"]);
    for (const h of ["20", "21", "22"]) assert.match(captured, new RegExp(`\\] 2024/01/19/${h}: 100 merged`));
    assert.match(captured, /3 hour\(s\): 3 run, 0 reported earlier, 0 failed/);
    for (const h of ["20", "21", "22"])
      assert.ok(
        fs.existsSync(
          path.join(
            dir,
            "reports",
            "ep",
            "capture-lab-model-quality",
            "2024",
            "01",
            "19",
            h,
            "constraint_violations.json",
          ),
        ),
      );
    const html = fs.readFileSync(reportFile, "utf8");
    assert.doesNotMatch(html, /<script/i);
    assert.match(html, /<svg/);
    const again = await quiet(() => runMonitorCommand(argv));
    assert.equal(again, 0);
    assert.match(captured, /\[1\/3\] 2024\/01\/19\/20: reported earlier, skipped/);
    assert.match(captured, /3 hour\(s\): 0 run, 3 reported earlier, 0 failed/);
  });

  it("without offsets every hour fails (labels come an hour later): exit 1 saying why", async () => {
    const dir = await writeHourlyScenario();
    const code = await quiet(() =>
      runMonitorCommand([
        "--problem-type",
        "BinaryClassification",
        "--hourly",
        "--endpoint",
        "ep",
        "--captures",
        path.join(dir, "captures"),
        "--ground-truth",
        path.join(dir, "gt"),
        "--baseline",
        path.join(dir, "baseline"),
        "--reports",
        path.join(dir, "reports"),
        "--probability-attribute",
        "0",
      ]),
    );
    assert.equal(code, 1);
    assert.match(captured, /2024\/01\/19\/19 failed: nothing to merge: no ground-truth labels/);
    assert.match(captured, /2024\/01\/19\/20 failed: nothing merged/);
  });
});
