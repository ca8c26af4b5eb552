/** One window split across worker threads: the same statistics as one thread but the sketches; failures fail the run. */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { suggestBaseline } from "../../../src/monitor/baseline";
import { KllSketch } from "../../../src/monitor/profile/kll-sketch";
import { runMonitor, type MonitorResult, type WindowProgress } from "../../../src/monitor/monitor-run";
import { parseConstraints } from "../../../src/monitor/files/constraints-file";
import type { FeatureStatistics, StatisticsFile } from "../../../src/monitor/files/statistics-file";
import { PreprocessorError } from "../../../src/monitor/preprocessor/preprocessor-error";
import { WorkerTaskError } from "../../../src/monitor/workers/worker-pool";
import { profileFilesInWorkers, splitFiles } from "../../../src/monitor/workers/window-split";
import { listCaptureFiles } from "../../../src/read/sources";
import { writeCaptures, type Request } from "../captures";
import { normal, seeded } from "../random";

const T0 = Date.UTC(2024, 0, 19, 19, 0, 0);

/** statistics.json without the sketch-derived fields (each numeric feature's `distribution.kll`). */
function withoutSketches(s: StatisticsFile): unknown {
  return {
    ...s,
    features: s.features.map((f: FeatureStatistics) =>
      f.numerical_statistics ? { ...f, numerical_statistics: { ...f.numerical_statistics, distribution: null } } : f,
    ),
  };
}

/** Everything of a run but its statistics' sketches and the drift distances computed from them. */
function sketchFree(r: MonitorResult): unknown {
  return {
    statistics: withoutSketches(r.statistics),
    violations: r.violations.filter((v) => v.constraint_check_type !== "baseline_drift_check"),
    drifted: r.violations.filter((v) => v.constraint_check_type === "baseline_drift_check").map((v) => v.feature_name),
    rows: r.rows,
    columnCount: r.columnCount,
    records: r.records,
    profiledRecords: r.profiledRecords,
    read: r.read,
    issueCount: r.issueCount,
    issues: r.issues,
  };
}

describe("monitor/window-split (one window on worker threads)", () => {
  let tmp: string;
  let baseline: string;
  let captures: string;
  const bValues: number[] = [];
  before(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "window-split-"));
    const rand = seeded(2222);
    const gauss = normal(rand);
    // label, a (integral), b (fractional, 4 decimals: sums depend on their order), c (category)
    const row = (shift: number) =>
      `${Math.floor(rand() * 100 + shift)},${(gauss() * 30 + 100 + shift).toFixed(4)},${rand() < 0.4 ? "x" : rand() < 0.5 ? "y" : "z"}`;
    fs.writeFileSync(
      path.join(tmp, "train.csv"),
      Array.from({ length: 3000 }, () => `${rand() < 0.3 ? 1 : 0},${row(0)}`).join("\n") + "\n",
    );
    baseline = path.join(tmp, "baseline");
    await suggestBaseline({
      dataset: path.join(tmp, "train.csv"),
      datasetFormat: { csv: { header: false } },
      output: baseline,
    });
    // 60 one-minute files of 100 records: plain CSV rows (profiled in place), rows with an
    // extra column, non-numbers, image records (no row), and a bad line in some files.
    const reqs: Request[] = [];
    for (let i = 0; i < 6000; i++) {
      const kind = i % 97 === 5 ? "image" : i % 89 === 3 ? "extra" : i % 83 === 7 ? "nan" : "plain";
      let input = row(i < 3000 ? 0 : 12);
      if (kind === "nan") input = input.replace(/^\d+/, "n/a");
      if (kind === "extra") input += `,${i % 7}`;
      if (kind !== "image") bValues.push(Number(input.split(",")[1]));
      reqs.push({
        input,
        ...(kind === "image" ? { inputType: "image/jpeg", inputBytes: new Uint8Array([0xff, 0xd8, 0xff, 0xe0]) } : {}),
        output: kind === "image" ? undefined : rand() < 0.35 ? "1" : "0",
        time: new Date(T0 + i * 600),
      });
    }
    captures = path.join(tmp, "cap");
    const files = writeCaptures(captures, reqs);
    files.forEach((f, i) => {
      if (i % 20 === 11) fs.appendFileSync(f, "this is not a capture record\n");
    });
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it("cuts files into contiguous runs of about equal bytes, each at least one file", () => {
    assert.deepEqual(splitFiles([10, 10, 10, 10], 2), [
      [0, 2],
      [2, 4],
    ]);
    assert.deepEqual(splitFiles([100, 1, 1, 1], 3), [
      [0, 1],
      [1, 2],
      [2, 4],
    ]);
    assert.deepEqual(splitFiles([5, 5], 4), [
      [0, 1],
      [1, 2],
    ]);
    assert.deepEqual(splitFiles([7], 1), [[0, 1]]);
    // Any sizes: contiguous runs covering every file once, none empty, as many as asked (up to the files).
    const rand = seeded(5);
    for (let t = 0; t < 500; t++) {
      const sizes = Array.from({ length: 1 + Math.floor(rand() * 12) }, () =>
        rand() < 0.3 ? 0 : Math.floor(rand() * 1e4),
      );
      const parts = 1 + Math.floor(rand() * 6);
      const runs = splitFiles(sizes, parts);
      assert.equal(runs.length, Math.min(parts, sizes.length), JSON.stringify({ sizes, parts, runs }));
      runs.forEach(([s, e], i) => {
        assert.ok(e > s);
        assert.equal(s, i === 0 ? 0 : runs[i - 1]![1]);
      });
      assert.equal(runs.at(-1)![1], sizes.length);
    }
  });

  it("1, 2 and 3 workers: the same statistics but the sketches, quantiles within the KLL bound; files done reported", async function () {
    this.timeout(60_000);
    const window = { from: new Date(T0), to: new Date(T0 + 3_600_000) };
    const runs: MonitorResult[] = [];
    const progress: WindowProgress[] = [];
    for (const parallel of [1, 2, 3]) {
      runs.push(
        await runMonitor({
          captures,
          baseline,
          ...window,
          output: path.join(tmp, `out-${parallel}`),
          parallel,
          splitMinBytes: 0,
          onProgress: (p) => progress.push(p),
        }),
      );
    }
    assert.deepEqual(
      runs.map((r) => r.threads),
      [1, 2, 3],
    );
    const one = runs[0]!;
    // The data exercise every merge: bad rows, refusals, reader errors, extra columns.
    assert.ok(one.issueCount > 100 && one.read.skippedRecords === 3, `${one.issueCount} ${one.read.skippedRecords}`);
    assert.equal(one.columnCount, 4);
    assert.ok(one.statistics.features.some((f) => f.name === "_c4"));
    assert.ok(one.violations.some((v) => v.constraint_check_type === "data_type_check"));
    assert.ok(one.records > one.profiledRecords);
    for (const r of runs.slice(1)) {
      assert.deepEqual(sketchFree(r), sketchFree(one));
      assert.notDeepEqual(r.statistics, one.statistics, "the merged sketches hold other items");
    }
    // Written files agree the same way.
    const written = [1, 2, 3].map((p) =>
      JSON.parse(fs.readFileSync(path.join(tmp, `out-${p}`, "statistics.json"), "utf8")),
    );
    assert.deepEqual(withoutSketches(written[1]), withoutSketches(written[0]));
    assert.deepEqual(withoutSketches(written[2]), withoutSketches(written[0]));
    // Quantiles of b from each run's sketch, against the exact ranks.
    const sorted = Float64Array.from(bValues).sort();
    const n = sorted.length;
    for (const r of runs) {
      const b = r.statistics.features.find((f) => f.name === "_c2")!.numerical_statistics!;
      const kll = b.distribution!.kll!;
      const sketch = KllSketch.fromData(kll.sketch.data);
      assert.equal(sketch.count(), n);
      assert.equal(b.common.num_present, n);
      for (let q = 1; q < 100; q++) {
        const x = sorted[Math.floor((q / 100) * n)]!;
        let exact = 0;
        while (exact < n && sorted[exact]! <= x) exact++;
        // KLL's normalized rank error with k = 2048 (kll-sketch.test.ts: about 0.1%, bound 0.3%).
        assert.ok(Math.abs(sketch.rank(x) - exact) <= 0.003 * n, `${r.threads} workers, q=${q}%`);
      }
      const buckets = kll.buckets;
      assert.equal(
        buckets.reduce((s, k) => s + k.count, 0),
        n,
      );
    }
    const last = progress.at(-1)!;
    assert.equal(last.filesRead, last.files);
    assert.equal(last.files, one.read.filesRead.length);
  });

  it("a small window (under splitMinBytes) runs in this thread", async () => {
    const r = await runMonitor({ captures, baseline, parallel: 4, splitMinBytes: 1e12 });
    assert.equal(r.threads, 1);
  });

  it("a failing part, here or on a worker, fails the whole window with the part, its files and the reason", async function () {
    this.timeout(30_000);
    const files = (await listCaptureFiles(captures)).slice(0, 6);
    const constraints = parseConstraints(fs.readFileSync(path.join(baseline, "constraints.json"), "utf8"));
    for (const [gone, part] of [
      [5, 2], // on the worker thread
      [0, 1], // the first run, in this thread
    ] as const) {
      const broken = files.map((f, i) => (i === gone ? { ...f, source: path.join(tmp, "gone.jsonl") } : f));
      await assert.rejects(profileFilesInWorkers(broken, { constraints, parallel: 2 }), (e: Error) => {
        assert.ok(e instanceof WorkerTaskError);
        assert.match(
          e.message,
          new RegExp(`part ${part} \\(\\d+ files from .*\\) failed: .*gone\\.jsonl: no such file or directory`),
        );
        return true;
      });
    }
  });

  describe("with a record preprocessor (one script process per thread)", function () {
    this.timeout(60_000);
    // Twins written to the contract: the CSV row (output first) under zero-padded keys (mapped by
    // position), non-CSV records dropped; values stay text, so both languages give the same rows.
    const scripts = () => {
      const dir = path.join(tmp, "scripts");
      fs.mkdirSync(dir, { recursive: true });
      const py = path.join(dir, "rows.py");
      fs.writeFileSync(
        py,
        [
          "import os",
          'print("loaded in", os.getpid())',
          "def preprocess_handler(inference_record):",
          "    i = inference_record.endpoint_input",
          '    if i.encoding != "CSV":',
          "        return []",
          '    values = [inference_record.endpoint_output.data.strip()] + i.data.strip().split(",")',
          "    return {str(n).zfill(20): v for n, v in enumerate(values)}",
          "",
        ].join("\n"),
      );
      const js = path.join(dir, "rows.js");
      fs.writeFileSync(
        js,
        [
          "exports.preprocessHandler = (r) => {",
          "  const i = r.captureData.endpointInput;",
          '  if (i.encoding !== "CSV") return [];',
          '  const values = [r.captureData.endpointOutput.data.trim(), ...i.data.trim().split(",")];',
          '  return Object.fromEntries(values.map((v, n) => [String(n).padStart(20, "0"), v]));',
          "};",
          "",
        ].join("\n"),
      );
      const post = path.join(dir, "post.py");
      fs.writeFileSync(post, 'import os\ndef postprocess_handler():\n    print("window done", os.getpid())\n');
      return { py, js, post };
    };

    it("Python and JavaScript, 1 vs 2 threads: the same statistics but the sketches; the post-analytics processor once, here", async () => {
      const { py, js, post } = scripts();
      const window = { from: new Date(T0), to: new Date(T0 + 3_600_000) };
      const free: unknown[] = [];
      for (const [name, script] of [
        ["py", py],
        ["js", js],
      ] as const) {
        const runs: MonitorResult[] = [];
        const outputs: string[][] = [];
        for (const parallel of [1, 2]) {
          const out: string[] = [];
          outputs.push(out);
          runs.push(
            await runMonitor({
              captures,
              baseline,
              ...window,
              output: path.join(tmp, `pre-${name}-${parallel}`),
              parallel,
              splitMinBytes: 0,
              recordPreprocessor: script,
              postAnalyticsProcessor: post,
              onScriptOutput: (t) => void out.push(t),
            }),
          );
        }
        const [one, two] = runs as [MonitorResult, MonitorResult];
        assert.deepEqual([one.threads, two.threads], [1, 2], name);
        // The script ran: image records dropped (no row), the rest profiled, bad lines still noted.
        assert.ok(one.records > one.profiledRecords && one.profiledRecords > 5000, `${name} ${one.profiledRecords}`);
        assert.equal(one.read.skippedRecords, 3);
        assert.deepEqual(sketchFree(two), sketchFree(one), name);
        const written = [1, 2].map((p) =>
          JSON.parse(fs.readFileSync(path.join(tmp, `pre-${name}-${p}`, "statistics.json"), "utf8")),
        );
        assert.deepEqual(withoutSketches(written[1]), withoutSketches(written[0]));
        for (const [i, out] of outputs.entries()) {
          assert.equal(out.join("").match(/record preprocessor: /g)?.length, 1, `${name} on ${i + 1}`);
          // The post-analytics processor ran once, after the merged run (its output is the one result).
          assert.match(runs[i]!.postAnalytics!.output, /^window done \d+\s*$/);
        }
        if (name === "py") {
          const pids = (o: string[]) => new Set(o.join("").match(/loaded in \d+/g)).size;
          assert.equal(pids(outputs[0]!), 1);
          // This thread keeps the process that passed the load check; the worker starts its own.
          assert.equal(pids(outputs[1]!), 2);
        }
        free.push(sketchFree(one));
      }
      assert.deepEqual(free[1], free[0], "Python and JavaScript twins give the same rows");
    });

    it("a script that cannot load or lacks its handler stops a split run before any record is read", async () => {
      const dir = path.join(tmp, "scripts");
      fs.mkdirSync(dir, { recursive: true });
      const broken = path.join(dir, "broken.py");
      fs.writeFileSync(broken, "def preprocess_handler(inference_record)\n    return {}\n");
      const noHandler = path.join(dir, "nohandler.js");
      fs.writeFileSync(noHandler, "exports.handler = () => ({});\n");
      for (const [script, why] of [
        [broken, /broken\.py cannot be loaded[\s\S]*SyntaxError/],
        [noHandler, /exports no preprocessHandler function/],
      ] as const) {
        const progress: WindowProgress[] = [];
        const output = path.join(tmp, "pre-broken");
        await assert.rejects(
          runMonitor({
            captures,
            baseline,
            output,
            parallel: 2,
            splitMinBytes: 0,
            recordPreprocessor: script,
            onScriptOutput: () => {},
            onProgress: (p) => progress.push(p),
          }),
          (e: unknown) => e instanceof PreprocessorError && why.test(e.message),
        );
        assert.deepEqual(progress, [], "no file opened");
        assert.ok(!fs.existsSync(output));
      }
    });
  });
});
