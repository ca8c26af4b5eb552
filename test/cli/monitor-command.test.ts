/** `capture-lab monitor --record-preprocessor / --post-analytics-processor`. */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parseMonitorArgs, runMonitorCommand } from "../../src/cli/monitor-command";
import { suggestBaseline } from "../../src/monitor/baseline";
import { writeCaptures } from "../monitor/captures";

const FIX = path.resolve(__dirname, "..", "fixtures", "monitor", "preprocessor");

/** Runs the command with stdout and stderr captured apart. */
async function run(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = process.stdout.write.bind(process.stdout);
  const err = process.stderr.write.bind(process.stderr);
  let stdout = "";
  let stderr = "";
  process.stdout.write = ((c: string | Uint8Array) => ((stdout += String(c)), true)) as typeof process.stdout.write;
  process.stderr.write = ((c: string | Uint8Array) => ((stderr += String(c)), true)) as typeof process.stderr.write;
  try {
    return { code: await runMonitorCommand(argv), stdout, stderr };
  } finally {
    process.stdout.write = out;
    process.stderr.write = err;
  }
}

describe("cli/monitor-command: record preprocessor options", function () {
  this.timeout(30_000);
  let tmp: string;
  let args: string[];
  before(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "monitor-pre-cli-"));
    const rows = Array.from({ length: 200 }, (_, i) => `${i % 2},${i % 9},${(i % 11) + 0.25},${i % 3 ? "x" : "y"}`);
    fs.writeFileSync(path.join(tmp, "train.csv"), "label,a,b,c\n" + rows.join("\n") + "\n");
    await suggestBaseline({
      dataset: path.join(tmp, "train.csv"),
      datasetFormat: { csv: { header: true } },
      output: path.join(tmp, "baseline"),
    });
    writeCaptures(
      path.join(tmp, "cap"),
      Array.from({ length: 60 }, (_, i) => ({
        input: JSON.stringify({
          customer: { a: i % 9, b: (i % 11) + 0.25, segment: i % 3 ? "x" : "y" },
          test: i % 20 === 0,
        }),
        output: JSON.stringify({ label: i % 2 }),
        inputType: "application/json",
        outputType: "application/json",
        time: new Date(Date.UTC(2024, 0, 1, 10) + i * 1000),
      })),
    );
    args = ["--captures", path.join(tmp, "cap"), "--baseline", path.join(tmp, "baseline")];
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it("parses the options", () => {
    const a = parseMonitorArgs([
      ...["--captures", "c", "--baseline", "b", "--output", "o"],
      ...["--record-preprocessor", "s3://b/pre.py", "--post-analytics-processor", "post.py"],
      ...["--preprocessor-timeout", "5"],
    ]);
    assert.deepEqual(
      [a.recordPreprocessor, a.postAnalyticsProcessor, a.preprocessorTimeout],
      ["s3://b/pre.py", "post.py", 5],
    );
    assert.throws(() =>
      parseMonitorArgs(["--captures", "c", "--baseline", "b", "--output", "o", "--preprocessor-timeout", "0"]),
    );
  });

  it("runs a Python preprocessor and shows the post-analytics processor's output", async () => {
    const r = await run([
      ...args,
      "--output",
      path.join(tmp, "out-py"),
      "--record-preprocessor",
      path.join(FIX, "drop-and-null.py"),
      "--post-analytics-processor",
      path.join(FIX, "drop-and-null.py"),
    ]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /^60 records, 57 rows, 4 columns; 0 violation\(s\)/);
    assert.match(r.stdout, /post-analytics processor .*drop-and-null\.py:\n {4}post-analytics: drop-and-null done\n/);
    assert.match(r.stderr, /record preprocessor: .*drop-and-null\.py\n/);
    assert.ok(fs.existsSync(path.join(tmp, "out-py", "statistics.json")));
  });

  it("a JavaScript twin writes the same statistics.json", async () => {
    const r = await run([
      ...args,
      "--output",
      path.join(tmp, "out-js"),
      "--record-preprocessor",
      path.join(FIX, "drop-and-null.mjs"),
    ]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.equal(
      fs.readFileSync(path.join(tmp, "out-js", "statistics.json"), "utf8"),
      fs.readFileSync(path.join(tmp, "out-py", "statistics.json"), "utf8"),
    );
  });

  it("a script without the handler: exit 1 with the reason, nothing written", async () => {
    fs.writeFileSync(path.join(tmp, "empty.py"), "x = 1\n");
    const r = await run([
      ...args,
      "--output",
      path.join(tmp, "out-bad"),
      "--record-preprocessor",
      path.join(tmp, "empty.py"),
    ]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /empty\.py defines no preprocess_handler/);
    assert.ok(!fs.existsSync(path.join(tmp, "out-bad")));
  });
});
