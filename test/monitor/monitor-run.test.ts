/** runMonitor over capture trees: row mapping, outputs, bad rows, no-data windows, AWS baselines. */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { suggestBaseline } from "../../src/monitor/baseline";
import { NoCapturesError, NoProfiledRowsError, runMonitor } from "../../src/monitor/monitor-run";
import { CaptureLabError } from "../../src/errors";
import { runHourlyMonitoring } from "../../src/monitor/hourly";
import { parseViolations } from "../../src/monitor/files/violations-file";
import { parseStatistics } from "../../src/monitor/files/statistics-file";
import { writeCaptures, type Request } from "./captures";
import { seeded } from "./random";

const T0 = Date.UTC(2024, 0, 19, 19, 0, 0);
const rand = seeded(5);
/** label, a (integral), b (fractional), c (category) */
const trainRows = Array.from({ length: 2000 }, () => [
  rand() < 0.3 ? "1" : "0",
  String(Math.floor(rand() * 100)),
  (rand() * 50).toFixed(1),
  rand() < 0.5 ? "x" : "y",
]);

function requests(
  n: number,
  shape: (i: number) => [string, string] = (i) => [trainRows[i]!.slice(1).join(","), trainRows[i]![0]!],
): Request[] {
  return Array.from({ length: n }, (_, i) => {
    const [input, output] = shape(i);
    return { input, output, time: new Date(T0 + i * 1000) };
  });
}

describe("monitor/monitor-run (runMonitor)", () => {
  let tmp: string;
  let baselineDir: string;
  beforeEach(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "monitor-run-"));
    const csv = path.join(tmp, "train.csv");
    fs.writeFileSync(csv, trainRows.map((r) => r.join(",")).join("\n") + "\n");
    baselineDir = path.join(tmp, "baseline");
    await suggestBaseline({ dataset: csv, datasetFormat: { csv: { header: false } }, output: baselineDir });
  });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it("traffic like the training data: no violation; files written in AWS's format", async () => {
    writeCaptures(path.join(tmp, "cap"), requests(1500));
    const out = path.join(tmp, "out");
    const r = await runMonitor({
      captures: path.join(tmp, "cap"),
      baseline: baselineDir,
      output: out,
      from: new Date(T0),
      to: new Date(T0 + 3_600_000),
    });
    assert.equal(r.rows, 1500);
    assert.equal(r.columnCount, 4);
    assert.deepEqual(r.violations, []);
    assert.equal(r.issueCount, 0);
    assert.deepEqual(
      parseViolations(fs.readFileSync(path.join(out, "constraint_violations.json"), "utf8")).violations,
      [],
    );
    const stats = parseStatistics(fs.readFileSync(path.join(out, "statistics.json"), "utf8"));
    assert.deepEqual(
      stats.features.map((f) => f.name),
      ["_c0", "_c1", "_c2", "_c3"],
    );
    assert.equal(stats.dataset.item_count, 1500);
    assert.equal(r.drift.datasetDrifted, false);
  });

  it("output values go first (START) or last (END)", async () => {
    writeCaptures(path.join(tmp, "cap"), requests(300));
    const end = await runMonitor({
      captures: path.join(tmp, "cap"),
      baseline: baselineDir,
      outputColumnsPosition: "END",
    });
    // With END the row is shifted by one: fractions land in the Integral _c1, labels in the category _c3.
    const types = end.violations.map((v) => `${v.constraint_check_type}:${v.feature_name}`);
    assert.ok(types.includes("data_type_check:_c1") && types.includes("categorical_values_check:_c3"), types.join(" "));
    const start = await runMonitor({
      captures: path.join(tmp, "cap"),
      baseline: baselineDir,
      outputColumnsPosition: "START",
    });
    assert.deepEqual(start.violations, []);
  });

  it("a shifted feature and missing values give baseline_drift_check and completeness_check", async () => {
    writeCaptures(
      path.join(tmp, "cap"),
      requests(1500, (i) => {
        const [label, a, b, c] = trainRows[i]!;
        return [[a, (Number(b) * 1.5).toFixed(1), i % 10 === 0 ? "" : c].join(","), label!];
      }),
    );
    const r = await runMonitor({
      captures: path.join(tmp, "cap"),
      baseline: baselineDir,
      output: path.join(tmp, "out"),
      htmlReport: "drift-report.html",
    });
    const types = r.violations.map((v) => `${v.constraint_check_type}:${v.feature_name}`).sort();
    assert.deepEqual(types, ["baseline_drift_check:_c2", "completeness_check:_c3"]);
    assert.equal(r.drift.features[0]!.name, "_c2"); // drifted features first
    assert.ok(r.drift.features[0]!.drifted);
    const html = fs.readFileSync(path.join(tmp, "out/drift-report.html"), "utf8");
    assert.match(html, /^<!DOCTYPE html>/);
    // The check's statistic is named per feature, with its outcome against the threshold.
    assert.match(html, /L-infinity \(Robust\)<br>0\.\d{4} &gt; 0\.10 <span class="bad">violation<\/span>/);
    assert.ok(
      !/<script|https?:\/\//.test(html.replaceAll('xmlns="http://www.w3.org/2000/svg"', "")),
      "offline: no scripts, no external URLs",
    );
  });

  it("bad rows are counted and listed with file and line; nothing is dropped silently", async () => {
    const reqs = requests(100);
    reqs[3] = { ...reqs[3]!, input: "1,2" }; // short row
    reqs[5] = { ...reqs[5]!, input: "abc,2.5,x" }; // not a number in an Integral feature
    reqs[7] = { ...reqs[7]!, input: '{"a":1}', inputType: "application/json" }; // not CSV
    const files = writeCaptures(path.join(tmp, "cap"), reqs);
    const r = await runMonitor({ captures: path.join(tmp, "cap"), baseline: baselineDir });
    assert.equal(r.records, 100);
    assert.equal(r.rows, 100);
    const lines = r.issues.map((i) => `${path.basename(i.source)}:${i.line}:${i.field ?? ""}:${i.message}`);
    assert.deepEqual(lines, [
      `${path.basename(files[0]!)}:4::expected 4 columns (baseline), found 3`,
      `${path.basename(files[0]!)}:6:_c1:"abc" is not a number`,
      `${path.basename(files[0]!)}:8:a:"a" is not a feature of the baseline; left out`,
    ]);
  });

  it("an extra column gives extra_column_check; a missing one missing_column_check", async () => {
    writeCaptures(
      path.join(tmp, "cap"),
      requests(200, (i) => [trainRows[i]!.slice(1).join(",") + ",7", trainRows[i]![0]!]),
    );
    const extra = await runMonitor({ captures: path.join(tmp, "cap"), baseline: baselineDir });
    assert.deepEqual(
      extra.violations.map((v) => `${v.constraint_check_type}:${v.feature_name}`),
      ["extra_column_check:_c4"],
    );
    fs.rmSync(path.join(tmp, "cap"), { recursive: true });
    writeCaptures(
      path.join(tmp, "cap"),
      requests(200, (i) => [trainRows[i]!.slice(1, 3).join(","), trainRows[i]![0]!]),
    );
    const missing = await runMonitor({ captures: path.join(tmp, "cap"), baseline: baselineDir });
    assert.deepEqual(
      missing.violations.map((v) => `${v.constraint_check_type}:${v.feature_name}`),
      ["missing_column_check:_c3"],
    );
  });

  it("JSON twins of a CSV set (arrays; {features} with {predictions}; objects by name) give the same files, bit for bit", async () => {
    // Shifted and with missing values, so that there are violations to compare too.
    const rows = trainRows.slice(0, 800).map(([label, a, b, c], i) => ({
      label: label!,
      a: a!,
      b: i % 3 === 0 ? `${(Number(b) * 1.5).toFixed(0)}.0` : (Number(b) * 1.5).toFixed(1),
      c: i % 10 === 0 ? null : c!,
    }));
    const q = (v: string | null) => (v === null ? "null" : /^[\d.]+$/.test(v) ? v : JSON.stringify(v));
    const sets: Record<string, (r: (typeof rows)[number]) => Omit<Request, "time">> = {
      csv: (r) => ({ input: [r.a, r.b, r.c ?? ""].join(","), output: r.label }),
      array: (r) => ({
        input: `[${q(r.a)}, ${q(r.b)}, ${q(r.c)}]`,
        inputType: "application/json",
        output: r.label,
        outputType: "application/json",
      }),
      features: (r) => ({
        input: `{"features": [${q(r.a)}, ${q(r.b)}, ${q(r.c)}]}`,
        inputType: "application/json",
        output: `{"predictions": [${r.label}]}`,
        outputType: "application/json",
      }),
      named: (r) => ({
        input: `{"_c3": ${q(r.c)}, "_c1": ${q(r.a)}, "_c2": ${q(r.b)}}`,
        inputType: "application/json",
        output: r.label,
        outputType: "application/json",
      }),
    };
    const files: Record<string, string[]> = {};
    for (const [name, shape] of Object.entries(sets)) {
      writeCaptures(
        path.join(tmp, name),
        rows.map((r, i) => ({ ...shape(r), time: new Date(T0 + i * 1000) })),
      );
      const r = await runMonitor({
        captures: path.join(tmp, name),
        baseline: baselineDir,
        output: path.join(tmp, `out-${name}`),
      });
      assert.equal(r.rows, 800, name);
      assert.equal(r.issueCount, 0, `${name}: ${JSON.stringify(r.issues.slice(0, 2))}`);
      files[name] = ["statistics.json", "constraint_violations.json"].map((f) =>
        fs.readFileSync(path.join(tmp, `out-${name}`, f), "utf8"),
      );
    }
    assert.match(files.csv![1]!, /baseline_drift_check/);
    // 260.0-like texts are Fractional in both: the JSON numbers' text is read, not their value.
    assert.match(files.csv![0]!, /"name" : "_c2",\s*"inferred_type" : "Fractional"/);
    for (const name of ["array", "features", "named"]) assert.deepEqual(files[name], files.csv, name);
  });

  it("a window where no row could be profiled is an error: how many were refused, the commonest reason, file:line", async () => {
    const image = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]);
    const reqs = requests(20);
    writeCaptures(path.join(tmp, "cap"), reqs);
    // Rewrite each record's input as a binary (image) payload.
    const file = fs
      .readdirSync(path.join(tmp, "cap"), { recursive: true, encoding: "utf8" })
      .map((f) => path.join(tmp, "cap", f))
      .filter((f) => f.endsWith(".jsonl"))[0]!;
    const lines = fs.readFileSync(file, "utf8").trimEnd().split("\n");
    const rewritten = lines.map((l, i) => {
      const rec = JSON.parse(l);
      if (i < 15) {
        rec.captureData.endpointInput = {
          observedContentType: "image/jpeg",
          mode: "INPUT",
          data: image.toString("base64"),
          encoding: "BASE64",
        };
      }
      return JSON.stringify(rec);
    });
    fs.writeFileSync(file, rewritten.slice(0, 15).join("\n") + "\n");
    await assert.rejects(runMonitor({ captures: file, baseline: baselineDir }), (e: unknown) => {
      assert.ok(e instanceof NoProfiledRowsError && e instanceof CaptureLabError);
      assert.equal(
        e.message,
        `no row could be profiled: 15 of 15 record(s) refused; commonest reason (15 record(s)): captureData.endpointInput.data: binary payload (image/jpeg, 6 bytes); Model Monitor reads CSV or flat JSON; use a record preprocessor to turn such payloads into features, e.g. ${file}:1`,
      );
      assert.deepEqual([e.source, e.line, e.field], [file, 1, "captureData.endpointInput.data"]);
      return true;
    });
    // 5 of 20 profiled: enough by default, not with --min-profiled-share 0.5.
    fs.writeFileSync(file, rewritten.join("\n") + "\n");
    const ok = await runMonitor({ captures: file, baseline: baselineDir });
    assert.deepEqual([ok.records, ok.profiledRecords, ok.rows], [20, 5, 5]);
    await assert.rejects(
      runMonitor({ captures: file, baseline: baselineDir, minProfiledShare: 0.5 }),
      /^NoProfiledRowsError: only 5 of 20 record\(s\) could be profiled, under the 0.5 asked for \(--min-profiled-share\): 15 of 20 record\(s\) refused; commonest reason \(15/,
    );
  });

  it("a record preprocessor plugs in through recordToRows (by name, or positional in sorted key order)", async () => {
    writeCaptures(path.join(tmp, "cap"), requests(300));
    const plain = await runMonitor({ captures: path.join(tmp, "cap"), baseline: baselineDir });
    // A stand-in preprocessor: the flat dict AWS's preprocess_handler returns, keyed by feature name.
    const byName = await runMonitor({
      captures: path.join(tmp, "cap"),
      baseline: baselineDir,
      recordToRows: (r) => {
        const [a, b, c] = r.record.captureData.endpointInput!.data.split(",");
        const dict: Record<string, string> = {
          _c1: a!,
          _c2: b!,
          _c3: c!,
          _c0: r.record.captureData.endpointOutput!.data,
        };
        return { rows: [{ named: Object.entries(dict) }], problems: [] };
      },
    });
    assert.deepEqual(byName.statistics, plain.statistics);
    const sorted = await runMonitor({
      captures: path.join(tmp, "cap"),
      baseline: baselineDir,
      recordToRows: (r) => {
        const [a, b, c] = r.record.captureData.endpointInput!.data.split(",");
        const dict: Record<string, string> = { f1: a!, f2: b!, f3: c!, f0: r.record.captureData.endpointOutput!.data };
        return {
          rows: [
            {
              positional: Object.keys(dict)
                .sort()
                .map((k) => dict[k]!),
            },
          ],
          problems: [],
        };
      },
    });
    assert.deepEqual(sorted.statistics, plain.statistics);
  });

  it("a window without captures is an error naming the source and the hours looked at", async () => {
    writeCaptures(path.join(tmp, "cap"), requests(10));
    await assert.rejects(
      runMonitor({
        captures: path.join(tmp, "cap"),
        baseline: baselineDir,
        from: new Date(T0 + 7_200_000),
        to: new Date(T0 + 10_800_000),
      }),
      (e: unknown) =>
        e instanceof NoCapturesError &&
        e instanceof CaptureLabError &&
        e.message.includes(path.join(tmp, "cap")) &&
        e.message.includes("2024/01/19/21") &&
        /Job inputs had no data/.test(e.message),
    );
  });

  it("hourly: each completed hour into {reports}/{endpoint}/{schedule}/yyyy/mm/dd/hh/", async () => {
    const reqs = [
      ...requests(200),
      ...requests(200).map((r) => ({ ...r, time: new Date(r.time.getTime() + 3_600_000) })),
    ];
    writeCaptures(path.join(tmp, "cap"), reqs);
    const runs = await runHourlyMonitoring({
      captures: path.join(tmp, "cap"),
      endpointName: "ep",
      scheduleName: "s",
      baseline: baselineDir,
      reports: path.join(tmp, "reports"),
      now: new Date(T0 + 2 * 3_600_000 - 1),
    });
    assert.deepEqual(
      runs.map((r) => r.hour),
      ["2024/01/19/19"],
    ); // 20h is not complete yet
    assert.ok(fs.existsSync(path.join(tmp, "reports/ep/s/2024/01/19/19/constraint_violations.json")));
    assert.equal(runs[0]!.result!.rows, 200);
  });
});
