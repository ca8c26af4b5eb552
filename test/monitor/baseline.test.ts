/** suggestBaseline against reference statistics computed by scripts/monitor_reference.py. */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { suggestBaseline } from "../../src/monitor/baseline";
import { parseConstraints } from "../../src/monitor/files/constraints-file";
import { parseStatistics } from "../../src/monitor/files/statistics-file";

const root = path.join(__dirname, "../..");
interface RefColumn {
  name: string;
  classes: Record<string, number>;
  count: number;
  sum: number;
  mean: number;
  std_dev: number;
  min: number;
  max: number;
  buckets: Array<{ lower_bound: number; upper_bound: number; count: number }>;
}
const reference = JSON.parse(
  fs.readFileSync(path.join(root, "test/fixtures/monitor/churn-train-reference.json"), "utf8"),
) as { rows: number; columns: RefColumn[] };

describe("monitor/baseline (suggestBaseline)", () => {
  let tmp: string;
  beforeEach(() => (tmp = fs.mkdtempSync(path.join(os.tmpdir(), "monitor-baseline-"))));
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it("churn training CSV: the same sums, means, population std, min, max, types and buckets as the Python reference", async () => {
    const { statistics, written } = await suggestBaseline({
      dataset: path.join(root, "data/churn/train.csv"),
      datasetFormat: { csv: { header: false } },
      output: tmp,
    });
    assert.equal(statistics.dataset.item_count, reference.rows);
    assert.equal(statistics.features.length, reference.columns.length);
    reference.columns.forEach((ref, i) => {
      const f = statistics.features[i]!;
      assert.equal(f.name, ref.name);
      assert.equal(f.inferred_type, ref.classes.Fractional ? "Fractional" : "Integral", ref.name);
      const n = f.numerical_statistics!;
      assert.deepEqual(
        [n.common.num_present, n.sum, n.mean, n.std_dev, n.min, n.max],
        [ref.count, ref.sum, ref.mean, ref.std_dev, ref.min, ref.max],
        ref.name,
      );
      const b = n.distribution!.kll!.buckets;
      assert.deepEqual(
        b.map((x) => [x.lower_bound, x.upper_bound]),
        ref.buckets.map((x) => [x.lower_bound, x.upper_bound]),
        ref.name,
      );
      // 2000 rows fit in the sketch's first level (capacity 2050): counts are exact.
      assert.deepEqual(
        b.map((x) => x.count),
        ref.buckets.map((x) => x.count),
        ref.name,
      );
    });
    assert.deepEqual(
      written.map((p) => path.basename(p)),
      ["statistics.json", "constraints.json"],
    );
    const back = parseStatistics(fs.readFileSync(path.join(tmp, "statistics.json"), "utf8"));
    assert.deepEqual(back, JSON.parse(JSON.stringify(statistics)));
    const constraints = parseConstraints(fs.readFileSync(path.join(tmp, "constraints.json"), "utf8"));
    assert.equal(constraints.features[0]!.num_constraints!.is_non_negative, true);
    assert.equal(constraints.monitoring_config!.distribution_constraints!.comparison_method, "Robust");
    assert.match(
      fs.readFileSync(path.join(tmp, "statistics.json"), "utf8"),
      /"parameters" : \{\n\s+"c" : 0\.64,\n\s+"k" : 2048\.0/,
    );
  });

  it("CSV with a header names features; strings get categorical statistics and domains", async () => {
    const file = path.join(tmp, "d.csv");
    fs.writeFileSync(file, "label,state,amount\n1,CA,2.5\n0,NY,\n1,CA,-1.0\n" + "0,NY,1.5\n".repeat(2));
    const { statistics, constraints } = await suggestBaseline({
      dataset: file,
      datasetFormat: { csv: { header: true } },
    });
    assert.deepEqual(
      statistics.features.map((f) => [f.name, f.inferred_type]),
      [
        ["label", "Integral"],
        ["state", "String"],
        ["amount", "Fractional"],
      ],
    );
    const s = statistics.features[1]!.string_statistics!;
    assert.equal(s.distinct_count, 2);
    assert.deepEqual(s.distribution!.categorical!.buckets, [
      { value: "NY", count: 3 },
      { value: "CA", count: 2 },
    ]);
    assert.deepEqual(statistics.features[2]!.numerical_statistics!.common, { num_present: 4, num_missing: 1 });
    assert.deepEqual(constraints.features[1]!.string_constraints!.domains, ["NY", "CA"]);
    assert.equal(constraints.features[2]!.completeness, 4 / 5);
    assert.equal(constraints.features[2]!.num_constraints!.is_non_negative, false);
  });

  it("JSON Lines in a tree; keys first seen later count earlier rows as missing", async () => {
    fs.mkdirSync(path.join(tmp, "a/b"), { recursive: true });
    fs.writeFileSync(path.join(tmp, "a/1.jsonl"), '{"x": 1, "s": "u"}\n{"x": 2, "s": "v"}\n');
    fs.writeFileSync(path.join(tmp, "a/b/2.jsonl"), '{"x": 3, "s": "u", "y": 0.5}\n');
    const { statistics, files } = await suggestBaseline({
      dataset: path.join(tmp, "a"),
      datasetFormat: { json: { lines: true } },
    });
    assert.equal(files.length, 2);
    assert.deepEqual(
      statistics.features.map((f) => f.name),
      ["x", "s", "y"],
    );
    assert.deepEqual(statistics.features[2]!.numerical_statistics!.common, { num_present: 1, num_missing: 2 });
  });

  it("JSON Lines by the capture reader's rules: numbers typed by their text, objects flattened, arrays by position", async () => {
    const file = path.join(tmp, "d.jsonl");
    fs.writeFileSync(file, '{"fare": 260.0, "n": 3, "geo": {"lat": 1.5}}\n{"fare": 12.0, "n": 4, "geo": {"lat": 2}}\n');
    const { statistics } = await suggestBaseline({ dataset: file, datasetFormat: { json: { lines: true } } });
    assert.deepEqual(
      statistics.features.map((f) => [f.name, f.inferred_type]),
      [
        ["fare", "Fractional"], // JSON.parse would have made 260.0 the Integral 260
        ["n", "Integral"],
        ["geo.lat", "Fractional"],
      ],
    );
    const arrays = path.join(tmp, "v.jsonl");
    fs.writeFileSync(arrays, "[1, 2.5]\n[3, 4.0]\n");
    const v = await suggestBaseline({ dataset: arrays, datasetFormat: { json: { lines: true } } });
    assert.deepEqual(
      v.statistics.features.map((f) => [f.name, f.inferred_type]),
      [
        ["_c0", "Integral"],
        ["_c1", "Fractional"],
      ],
    );
  });

  it("rows with another field count are used and listed with file and line; a bad JSON line names file:line", async () => {
    const file = path.join(tmp, "d.csv");
    fs.writeFileSync(file, "1,2\n3\n4,5,6\n");
    const r = await suggestBaseline({ dataset: file, datasetFormat: { csv: { header: false } } });
    assert.deepEqual(
      r.issues.map((i) => [i.line, i.message]),
      [
        [2, "expected 2 fields, found 1"],
        [3, "expected 2 fields, found 3"],
      ],
    );
    assert.equal(r.statistics.features[1]!.numerical_statistics!.common.num_missing, 1);
    const bad = path.join(tmp, "d.jsonl");
    fs.writeFileSync(bad, '{"a":1}\n{"a":\n');
    await assert.rejects(
      suggestBaseline({ dataset: bad, datasetFormat: { json: {} } }),
      /d\.jsonl:2: expected a JSON document/,
    );
    await assert.rejects(
      suggestBaseline({ dataset: path.join(tmp, "nope.csv") }),
      /nope\.csv: no such file or directory/,
    );
  });
});
