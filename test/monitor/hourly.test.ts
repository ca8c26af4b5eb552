/** runHourlyMonitoring: hours on worker threads give the sequential run's files; failures, resume, progress, scripts. */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { suggestBaseline } from "../../src/monitor/baseline";
import { runHourlyMonitoring, type HourlyProgress } from "../../src/monitor/hourly";
import { PreprocessorError } from "../../src/monitor/preprocessor/preprocessor-error";
import { writeCaptures, type Request } from "./captures";
import { seeded } from "./random";

const T0 = Date.UTC(2024, 0, 19, 19, 0, 0);
const HOURS = 5;

/** Every file under `dir`, path relative to it -> bytes. */
function tree(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.set(path.relative(dir, p), fs.readFileSync(p));
    }
  };
  walk(dir);
  return out;
}

describe("monitor/hourly (runHourlyMonitoring)", () => {
  let tmp: string;
  let baseline: string;
  let captures: string;
  const now = new Date(T0 + HOURS * 3_600_000);
  before(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "hourly-"));
    const rand = seeded(22);
    const row = (shift: number) =>
      `${Math.floor(rand() * 100 + shift)},${(rand() * 50 + shift).toFixed(1)},${rand() < 0.5 ? "x" : "y"}`;
    fs.writeFileSync(
      path.join(tmp, "train.csv"),
      Array.from({ length: 1000 }, () => `${rand() < 0.3 ? 1 : 0},${row(0)}`).join("\n") + "\n",
    );
    baseline = path.join(tmp, "baseline");
    await suggestBaseline({
      dataset: path.join(tmp, "train.csv"),
      datasetFormat: { csv: { header: false } },
      output: baseline,
    });
    // Five hours, drifting more each hour; hour 3 holds only records that give no row.
    const reqs: Request[] = [];
    for (let h = 0; h < HOURS; h++)
      for (let i = 0; i < 400; i++)
        reqs.push({
          input: row(h * 15),
          ...(h === 3
            ? { inputType: "image/jpeg", inputBytes: new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]) }
            : {}),
          output: h === 3 ? undefined : rand() < 0.3 + h * 0.1 ? "1" : "0",
          time: new Date(T0 + h * 3_600_000 + i * 8000),
        });
    captures = path.join(tmp, "cap");
    writeCaptures(captures, reqs);
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  const run = (reports: string, extra: Partial<Parameters<typeof runHourlyMonitoring>[0]> = {}) =>
    runHourlyMonitoring({
      captures,
      endpointName: "ep",
      baseline,
      reports: path.join(tmp, reports),
      now,
      htmlReport: "drift-report.html",
      ...extra,
    });

  it("on 2 and 3 worker threads writes each hour's files byte for byte as one thread does; a failing hour fails alone", async () => {
    const seq = await run("seq", { parallel: 1 });
    const progress: HourlyProgress[] = [];
    const par = await run("par", { parallel: 2, onProgress: (p) => progress.push(p) });
    const par3 = await run("par3", { parallel: 3 });
    for (const runs of [seq, par, par3]) {
      assert.deepEqual(
        runs.map((r) => [r.hour.slice(-2), r.error ? "failed" : r.result!.rows]),
        [
          ["19", 400],
          ["20", 400],
          ["21", 400],
          ["22", "failed"],
          ["23", 400],
        ],
      );
      assert.match(runs[3]!.error!.message, /no row could be profiled: 400 of 400 record\(s\) refused/);
    }
    assert.equal(par[3]!.error!.message, seq[3]!.error!.message);
    assert.deepEqual(
      par.map((r) => r.result?.violations),
      seq.map((r) => r.result?.violations),
    );
    const a = tree(path.join(tmp, "seq"));
    assert.equal(a.size, 4 * 3); // four hours x statistics, violations, report
    for (const other of ["par", "par3"]) {
      const b = tree(path.join(tmp, other));
      assert.deepEqual([...b.keys()].sort(), [...a.keys()].sort());
      for (const [k, bytes] of a) assert.ok(bytes.equals(b.get(k)!), `${other}/${k} differs`);
    }
    assert.ok(
      seq.some((r) => (r.result?.violations.length ?? 0) > 0),
      "the drifting hours have violations",
    );
    assert.deepEqual(
      progress.map((p) => [p.done, p.left, p.total]),
      [1, 2, 3, 4, 5].map((d) => [d, HOURS - d, HOURS]),
    );
    assert.equal(progress.at(-1)!.failed, 1);
  });

  it("resume: a rerun skips the hours already reported and runs the rest", async () => {
    await run("res", { parallel: 2 });
    fs.rmSync(path.join(tmp, "res/ep/capture-lab-hourly/2024/01/19/20"), { recursive: true });
    const again = await run("res", { parallel: 2, resume: true });
    assert.deepEqual(
      again.map((r) => [r.hour.slice(-2), r.skipped ? "skipped" : r.error ? "failed" : "ran"]),
      [
        ["19", "skipped"],
        ["20", "ran"],
        ["21", "skipped"],
        ["22", "failed"], // wrote nothing, so it is tried again
        ["23", "skipped"],
      ],
    );
    assert.ok(fs.existsSync(path.join(tmp, "res/ep/capture-lab-hourly/2024/01/19/20/statistics.json")));
  });

  describe("with a record preprocessor and a post-analytics processor", function () {
    this.timeout(60_000);
    // Twins written to the contract: the CSV row (output first) under zero-padded keys; non-CSV
    // requests dropped. Values stay text, so both languages give the same rows.
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
      fs.writeFileSync(
        post,
        'import os\ndef postprocess_handler():\n    print("hour done", os.environ["start_time"])\n',
      );
      return { py, js, post };
    };

    it("a Python and a JavaScript preprocessor on 2 workers write each hour's files as 1 worker does; one process per worker", async () => {
      const { py, js, post } = scripts();
      const trees: Array<Map<string, Buffer>> = [];
      for (const [name, script] of [
        ["py", py],
        ["js", js],
      ] as const) {
        const outputs: Record<string, string[]> = {};
        for (const parallel of [1, 2]) {
          const out: string[] = [];
          outputs[parallel] = out;
          const runs = await run(`pre-${name}-${parallel}`, {
            parallel,
            recordPreprocessor: script,
            postAnalyticsProcessor: post,
            onScriptOutput: (t) => void out.push(t),
          });
          assert.deepEqual(
            runs.map((r) => (r.error ? "failed" : r.result!.rows)),
            [400, 400, 400, "failed", 400],
            `${name} on ${parallel}`,
          );
          assert.match(runs[3]!.error!.message, /no row could be profiled/);
          // The post-analytics processor once per successful hour, its prints in the hour's result.
          assert.deepEqual(
            runs.map((r) => r.result?.postAnalytics?.output.trim()),
            runs.map((r) => (r.error ? undefined : `hour done ${r.from.toISOString()}`)),
          );
          assert.equal(out.join("").match(/record preprocessor: /g)?.length, 1);
          trees.push(tree(path.join(tmp, `pre-${name}-${parallel}`)));
        }
        if (name === "py") {
          const pids = (o: string[]) => new Set(o.join("").match(/loaded in \d+/g)).size;
          assert.equal(pids(outputs[1]!), 1);
          // The main thread's load check, then one Python process per worker.
          assert.equal(pids(outputs[2]!), 3);
        }
      }
      const a = trees[0]!;
      assert.equal(a.size, 4 * 3);
      for (const b of trees.slice(1)) {
        assert.deepEqual([...b.keys()].sort(), [...a.keys()].sort());
        for (const [k, bytes] of a) assert.ok(bytes.equals(b.get(k)!), `${k} differs`);
      }
    });

    it("a script that cannot load stops a parallel run before any hour runs, with the reason", async () => {
      const broken = path.join(tmp, "scripts", "broken.py");
      fs.mkdirSync(path.dirname(broken), { recursive: true });
      fs.writeFileSync(broken, "def preprocess_handler(inference_record)\n    return {}\n");
      const noHandler = path.join(tmp, "scripts", "nohandler.js");
      fs.writeFileSync(noHandler, "exports.handler = () => ({});\n");
      for (const [script, why] of [
        [broken, /broken\.py cannot be loaded[\s\S]*SyntaxError/],
        [noHandler, /exports no preprocessHandler function/],
      ] as const) {
        const progress: HourlyProgress[] = [];
        await assert.rejects(
          run("pre-broken", {
            parallel: 2,
            recordPreprocessor: script,
            onScriptOutput: () => {},
            onProgress: (p) => progress.push(p),
          }),
          (e: unknown) => e instanceof PreprocessorError && why.test(e.message),
        );
        assert.deepEqual(progress, []);
        assert.ok(!fs.existsSync(path.join(tmp, "pre-broken")));
      }
    });
  });
});
