/** The baseline and monitor commands: arguments, files written, exit codes. */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parseBaselineArgs, runBaselineCommand } from "../../src/cli/baseline-command";
import { parseMonitorArgs, runMonitorCommand } from "../../src/cli/monitor-command";
import { writeCaptures } from "./captures";

/** Runs a command with its output captured; the text is kept for failure messages. */
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

describe("cli: baseline and monitor commands", () => {
  let tmp: string;
  beforeEach(() => (tmp = fs.mkdtempSync(path.join(os.tmpdir(), "monitor-cli-"))));
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it("parses AWS's dataset_format choices and rejects bad values", () => {
    assert.deepEqual(
      parseBaselineArgs(["--dataset", "d.csv", "--no-header", "--output=o", "--output-columns-position", "end"]).format,
      { csv: { header: false, output_columns_position: "END" } },
    );
    assert.deepEqual(parseBaselineArgs(["--dataset", "d", "--output", "o", "--dataset-format", "json"]).format, {
      json: { lines: true },
    });
    assert.throws(() => parseBaselineArgs(["--dataset", "d"]), /--output is required/);
    assert.throws(
      () => parseMonitorArgs(["--captures", "c", "--baseline", "b", "--output", "o", "--start", "yesterday"]),
      /--start: expected an ISO date-time/,
    );
    assert.throws(
      () => parseMonitorArgs(["--captures", "c", "--baseline", "b", "--hourly"]),
      /--hourly needs --endpoint/,
    );
    const hourly = ["--captures", "c", "--baseline", "b", "--hourly", "--endpoint", "e", "--reports", "r"];
    const a = parseMonitorArgs([...hourly, "--parallel", "3", "--resume"]);
    assert.equal(a.parallel, 3);
    assert.equal(a.resume, true);
    assert.equal(parseMonitorArgs(hourly).parallel, undefined); // the library's default: every core
    assert.throws(() => parseMonitorArgs([...hourly, "--parallel", "0"]), /--parallel: expected a number from 1/);
    assert.throws(() => parseMonitorArgs([...hourly, "--parallel", "1.5"]), /--parallel: expected a whole number/);
  });

  it("monitor --parallel N splits one large window's files across workers: same files but the sketches, files read on stderr", async function () {
    this.timeout(60_000);
    const csv = path.join(tmp, "train.csv");
    fs.writeFileSync(
      csv,
      "label,a,b\n" + Array.from({ length: 300 }, (_, i) => `${i % 2},${i % 7},${(i % 13) + 0.5}`).join("\n") + "\n",
    );
    await quiet(() => runBaselineCommand(["--dataset", csv, "--header", "--output", path.join(tmp, "base")]));
    const t0 = Date.UTC(2024, 0, 1, 10);
    // Over the 8 MiB below which a window stays in one thread: long numbers, one file a minute.
    const pad = "0".repeat(300);
    writeCaptures(
      path.join(tmp, "cap"),
      Array.from({ length: 24_000 }, (_, i) => ({
        input: `${i % 7},${(i % 13) + 0.5}${pad}`,
        output: String(i % 2),
        time: new Date(t0 + i * 150),
      })),
    );
    const run = (parallel: string) =>
      quiet(() =>
        runMonitorCommand([
          ...["--captures", path.join(tmp, "cap"), "--baseline", path.join(tmp, "base")],
          ...["--output", path.join(tmp, `out-${parallel}`), "--parallel", parallel],
        ]),
      );
    assert.equal(await run("1"), 0, captured);
    assert.doesNotMatch(captured, /files read/);
    assert.equal(await run("2"), 0, captured);
    assert.match(captured, /files read: 60\/60\n/);
    const stats = (p: string) => {
      const s = JSON.parse(fs.readFileSync(path.join(tmp, `out-${p}`, "statistics.json"), "utf8"));
      for (const f of s.features) if (f.numerical_statistics) delete f.numerical_statistics.distribution;
      return s;
    };
    assert.deepEqual(stats("2"), stats("1"));
  });

  it("baseline then monitor: files, HTML report, exit code 3 with violations", async () => {
    const csv = path.join(tmp, "train.csv");
    fs.writeFileSync(
      csv,
      "label,a,b\n" + Array.from({ length: 300 }, (_, i) => `${i % 2},${i % 7},${(i % 13) + 0.5}`).join("\n") + "\n",
    );
    assert.equal(
      await quiet(() => runBaselineCommand(["--dataset", csv, "--header", "--output", path.join(tmp, "base")])),
      0,
    );
    assert.ok(fs.existsSync(path.join(tmp, "base/constraints.json")));
    const t0 = Date.UTC(2024, 0, 1, 10);
    writeCaptures(
      path.join(tmp, "cap"),
      Array.from({ length: 300 }, (_, i) => ({
        input: `${i % 7},${(i % 13) + 0.5}`,
        output: String(i % 2),
        time: new Date(t0 + i * 1000),
      })),
    );
    const args = [
      "--captures",
      path.join(tmp, "cap"),
      "--baseline",
      path.join(tmp, "base"),
      "--output",
      path.join(tmp, "out"),
      "--start",
      "2024-01-01T10:00:00Z",
      "--end",
      "2024-01-01T11:00:00Z",
    ];
    assert.equal(await quiet(() => runMonitorCommand([...args, "--report", path.join(tmp, "r.html")])), 0, captured);
    assert.match(fs.readFileSync(path.join(tmp, "r.html"), "utf8"), /No dataset drift/);
    fs.rmSync(path.join(tmp, "cap"), { recursive: true });
    writeCaptures(
      path.join(tmp, "cap"),
      Array.from({ length: 300 }, (_, i) => ({
        input: `${i % 7},${(i % 13) * 3 + 0.5}`,
        output: String(i % 2),
        time: new Date(t0 + i * 1000),
      })),
    );
    assert.equal(await quiet(() => runMonitorCommand(args)), 3);
    assert.match(
      fs.readFileSync(path.join(tmp, "out/constraint_violations.json"), "utf8"),
      /"constraint_check_type" : "baseline_drift_check"/,
    );
    assert.equal(
      await quiet(() =>
        runMonitorCommand([...args.slice(0, 6), "--start", "2025-01-01T00:00:00Z", "--end", "2025-01-01T01:00:00Z"]),
      ),
      1,
    );
  });

  it("monitor: a JSON capture set is profiled (exit 0); a set where nothing can be profiled exits 1 saying why", async () => {
    const csv = path.join(tmp, "train.csv");
    fs.writeFileSync(
      csv,
      "label,a,b\n" + Array.from({ length: 300 }, (_, i) => `${i % 2},${i % 7},${(i % 13) + 0.5}`).join("\n") + "\n",
    );
    await quiet(() => runBaselineCommand(["--dataset", csv, "--header", "--output", path.join(tmp, "base")]));
    const t0 = Date.UTC(2024, 0, 1, 10);
    const json = (body: (i: number) => string) =>
      Array.from({ length: 300 }, (_, i) => ({
        input: body(i),
        inputType: "application/json",
        output: `{"predictions": [${i % 2}]}`,
        outputType: "application/json",
        time: new Date(t0 + i * 1000),
      }));
    writeCaptures(
      path.join(tmp, "json"),
      json((i) => `{"a": ${i % 7}, "b": ${(i % 13) + 0.5}}`),
    );
    const args = (dir: string, ...more: string[]) => [
      "--captures",
      path.join(tmp, dir),
      "--baseline",
      path.join(tmp, "base"),
      "--output",
      path.join(tmp, "out"),
      ...more,
    ];
    assert.equal(await quiet(() => runMonitorCommand(args("json"))), 0, captured);
    assert.match(captured, /^300 records, 300 rows, 3 columns; 0 violation\(s\)/);
    fs.rmSync(path.join(tmp, "out"), { recursive: true });
    // Images: nothing to profile.
    const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    writeCaptures(
      path.join(tmp, "img"),
      json(() => "").map((r) => ({ ...r, inputBytes: PNG, inputType: "image/png" })),
    );
    assert.equal(await quiet(() => runMonitorCommand(args("img"))), 1, captured);
    assert.match(
      captured,
      /no row could be profiled: 300 of 300 record\(s\) refused; commonest reason \(300 record\(s\)\)/,
    );
    assert.ok(!fs.existsSync(path.join(tmp, "out/statistics.json")), "no report for a run that profiled nothing");
    assert.equal(parseMonitorArgs(args("json", "--min-profiled-share", "0.9")).minProfiledShare, 0.9);
    assert.throws(() => parseMonitorArgs(args("json", "--min-profiled-share", "2")), /--min-profiled-share/);
  });
});
