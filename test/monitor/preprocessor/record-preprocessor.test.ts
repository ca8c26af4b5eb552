/** Record preprocessors through runMonitor: AWS's Python contract, JavaScript twins, errors, S3. */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { suggestBaseline } from "../../../src/monitor/baseline";
import { runMonitor, type MonitorOptions } from "../../../src/monitor/monitor-run";
import { runHourlyMonitoring } from "../../../src/monitor/hourly";
import { formatStatistics } from "../../../src/monitor/files/statistics-file";
import { PreprocessorError } from "../../../src/monitor/preprocessor/preprocessor-error";
import { CaptureLabError } from "../../../src/errors";
import { writeCaptures, type Request } from "../captures";
import { seeded } from "../random";

const FIX = path.resolve(__dirname, "..", "..", "fixtures", "monitor", "preprocessor");
const T0 = Date.UTC(2024, 0, 19, 19, 0, 0);
const rand = seeded(18);
/** label, a (integral), b (fractional, never a whole number), c (category) */
const rows = Array.from({ length: 600 }, () => [
  rand() < 0.3 ? 1 : 0,
  Math.floor(rand() * 100),
  (Math.floor(rand() * 5000) + 0.5) / 100,
  rand() < 0.5 ? "x" : "y",
]) as Array<[number, number, number, string]>;

/** JSON requests with a nested customer (nothing Model Monitor's reader maps to columns). */
function requests(n: number, opts: { test?: (i: number) => boolean; empty?: (i: number) => boolean } = {}): Request[] {
  return Array.from({ length: n }, (_, i) => {
    const [label, a, b, c] = rows[i % rows.length]!;
    const customer = { a, b, segment: opts.empty?.(i) ? "" : c };
    return {
      input: JSON.stringify({ customer, ...(opts.test?.(i) ? { test: true } : {}) }),
      output: JSON.stringify({ label }),
      inputType: "application/json",
      outputType: "application/json",
      time: new Date(T0 + i * 1000),
    };
  });
}

describe("monitor/preprocessor (record preprocessor)", function () {
  this.timeout(30_000);
  let tmp: string;
  let baseline: string;
  let out: string[];
  const quiet = (t: string) => void out.push(t);
  before(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "preprocessor-"));
    const csv = path.join(tmp, "train.csv");
    fs.writeFileSync(csv, "label,a,b,c\n" + rows.map((r) => r.join(",")).join("\n") + "\n");
    baseline = path.join(tmp, "baseline");
    await suggestBaseline({ dataset: csv, datasetFormat: { csv: { header: true } }, output: baseline });
    writeCaptures(path.join(tmp, "plain"), requests(300));
    writeCaptures(path.join(tmp, "mixed"), requests(300, { test: (i) => i % 10 === 3, empty: (i) => i % 7 === 0 }));
  });
  beforeEach(() => {
    out = [];
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  const run = (captures: string, script: string, extra: Partial<MonitorOptions> = {}) =>
    runMonitor({
      captures: path.join(tmp, captures),
      baseline,
      recordPreprocessor: path.join(FIX, script),
      onScriptOutput: quiet,
      ...extra,
    });

  it("without a preprocessor the nested JSON's features are not found (the case a preprocessor is for)", async () => {
    const r = await runMonitor({ captures: path.join(tmp, "plain"), baseline });
    const missing = r.statistics.features.map(
      (f) => (f.numerical_statistics ?? f.string_statistics)!.common.num_missing,
    );
    assert.deepEqual(missing.slice(1), [300, 300, 300]);
  });

  it("Python through the event_data view, keys by position: every record profiled; prints do not disturb", async () => {
    const r = await run("plain", "event-data.py");
    assert.equal(r.rows, 300);
    assert.equal(r.issueCount, 0);
    assert.deepEqual(r.violations, []);
    assert.deepEqual(
      r.statistics.features.map((f) => [f.name, f.inferred_type]),
      [
        ["label", "Integral"],
        ["a", "Integral"],
        ["b", "Fractional"],
        ["c", "String"],
      ],
    );
    assert.match(out.join(""), /record preprocessor: .*event-data\.py/);
    assert.match(out.join(""), /this print must not disturb the results/);
  });

  it("the JavaScript twin (CommonJS) gives the same statistics.json", async () => {
    const py = await run("plain", "event-data.py");
    const js = await run("plain", "event-data.js");
    assert.equal(formatStatistics(js.statistics), formatStatistics(py.statistics));
  });

  it("drop ([]) and None by name: dropped records give no row, None is missing; ES module twin is identical", async () => {
    const py = await run("mixed", "drop-and-null.py");
    const dropped = 30;
    const empty = Array.from({ length: 300 }, (_, i) => i).filter((i) => i % 10 !== 3 && i % 7 === 0).length;
    assert.equal(py.records, 300);
    assert.equal(py.rows, 300 - dropped);
    const c = py.statistics.features.find((f) => f.name === "c")!;
    assert.equal(c.string_statistics!.common.num_missing, empty);
    assert.match(out.join(""), /dropping test record/);
    const js = await run("mixed", "drop-and-null.mjs");
    assert.equal(formatStatistics(js.statistics), formatStatistics(py.statistics));
  });

  it("the post-analytics processor runs once after the run, its prints returned", async () => {
    const py = await run("plain", "event-data.py", { postAnalyticsProcessor: path.join(FIX, "drop-and-null.py") });
    assert.equal(py.postAnalytics?.output, "post-analytics: drop-and-null done\n");
  });

  describe("errors", () => {
    const script = (name: string, text: string) => {
      const p = path.join(tmp, name);
      fs.writeFileSync(p, text);
      return p;
    };
    const runScript = (p: string, extra: Partial<MonitorOptions> = {}) =>
      runMonitor({
        captures: path.join(tmp, "plain"),
        baseline,
        recordPreprocessor: p,
        onScriptOutput: quiet,
        ...extra,
      });

    it("a handler that raises on a record: a bad row with file:line and the traceback; the run goes on", async () => {
      const p = script(
        "raises.py",
        [
          "import json",
          "def preprocess_handler(inference_record):",
          "    request = json.loads(inference_record.endpoint_input.data)",
          "    if request['customer']['a'] == 7:",
          "        raise KeyError('no feature for seven')",
          "    return {'label': 0, 'a': request['customer']['a'], 'b': 1.5, 'c': 'x'}",
          "",
        ].join("\n"),
      );
      const r = await runScript(p);
      const sevens = rows.slice(0, 300).filter((x) => x[1] === 7).length;
      assert.ok(sevens > 0);
      assert.equal(r.rows, 300 - sevens);
      assert.equal(r.issueCount, sevens);
      const i = r.issues[0]!;
      assert.match(i.source, /\.jsonl$/);
      assert.ok(i.line >= 1);
      assert.equal(i.field, "preprocess_handler");
      assert.match(i.message, /Traceback[\s\S]*raises\.py", line 5[\s\S]*KeyError: 'no feature for seven'/);
      assert.ok(!i.message.includes("harness.py"), "the traceback starts at the script's frame");
    });

    it("a record past the time limit is a bad row naming it; the next records go on", async () => {
      const p = script(
        "slow.py",
        [
          "import json, time",
          "def preprocess_handler(inference_record):",
          "    request = json.loads(inference_record.endpoint_input.data)",
          "    if inference_record.event_metadata.event_id.endswith('000000000004'):",
          "        time.sleep(30)",
          "    return {'label': 0, 'a': request['customer']['a'], 'b': 1.5, 'c': 'x'}",
          "",
        ].join("\n"),
      );
      const r = await runScript(p, { preprocessorTimeoutSeconds: 0.3 });
      assert.equal(r.rows, 299);
      assert.equal(r.issueCount, 1);
      assert.match(r.issues[0]!.message, /took more than 0\.3 s/);
      assert.match(`${r.issues[0]!.source}:${r.issues[0]!.line}`, /\.jsonl:5$/);
    });

    it("a script that cannot load stops the run before any record, with the reason", async () => {
      const p = script("broken.py", "def preprocess_handler(inference_record)\n    return {}\n");
      const e = await runScript(p).then(
        () => assert.fail("expected an error"),
        (x: unknown) => x,
      );
      assert.ok(e instanceof PreprocessorError && e instanceof CaptureLabError);
      assert.equal(e.source, p);
      assert.match(e.message, /broken\.py cannot be loaded[\s\S]*SyntaxError/);
      assert.ok(!out.join("").includes("Python exited"));
    });

    it("a script without preprocess_handler stops the run", async () => {
      const p = script("nohandler.py", "def handler(r):\n    return {}\n");
      await assert.rejects(runScript(p), (e: unknown) => {
        assert.ok(e instanceof PreprocessorError);
        assert.match(e.message, /defines no preprocess_handler\(inference_record\) function/);
        return true;
      });
    });

    it("a JavaScript module without preprocessHandler stops the run", async () => {
      const p = script("nohandler.js", "exports.handler = () => ({});\n");
      await assert.rejects(runScript(p), /exports no preprocessHandler function/);
    });

    it("no Python: says how to set CAPTURE_LAB_PYTHON", async () => {
      const saved = process.env.CAPTURE_LAB_PYTHON;
      process.env.CAPTURE_LAB_PYTHON = path.join(tmp, "no-such-python");
      try {
        await assert.rejects(runScript(path.join(FIX, "event-data.py")), (e: unknown) => {
          assert.ok(e instanceof PreprocessorError);
          assert.match(e.message, /Python not found[\s\S]*CAPTURE_LAB_PYTHON/);
          return true;
        });
      } finally {
        if (saved === undefined) delete process.env.CAPTURE_LAB_PYTHON;
        else process.env.CAPTURE_LAB_PYTHON = saved;
      }
    });
  });

  it("hourly on one thread: one preprocessor for every hour, the post-analytics processor once per hour", async () => {
    const dir = path.join(tmp, "hours");
    const two = requests(2).map((r, i) => ({ ...r, time: new Date(T0 + i * 3_600_000) }));
    writeCaptures(dir, [...two, ...requests(20).map((r) => ({ ...r, time: new Date(r.time.getTime() + 3_600_000) }))]);
    const runs = await runHourlyMonitoring({
      captures: path.join(dir, "ep"),
      endpointName: "ep",
      baseline,
      reports: path.join(tmp, "reports"),
      now: new Date(T0 + 5 * 3_600_000),
      parallel: 1,
      recordPreprocessor: path.join(FIX, "event-data.py"),
      postAnalyticsProcessor: path.join(FIX, "drop-and-null.py"),
      onScriptOutput: quiet,
    });
    assert.deepEqual(
      runs.map((r) => [r.hour, r.error?.message, r.result?.rows]),
      [
        ["2024/01/19/19", undefined, 1],
        ["2024/01/19/20", undefined, 21],
      ],
    );
    assert.equal(out.join("").match(/record preprocessor: /g)?.length, 1);
    assert.equal(runs.filter((r) => r.result?.postAnalytics?.output.includes("drop-and-null done")).length, 2);
  });
});
