import { strict as assert } from "assert";
import * as path from "node:path";
import * as dfd from "danfojs-node";
import { describeFrame, DescribeOptionError, type ColumnSummary } from "../../src/read/describe-frame";
import { loadCaptures } from "../../src/read/load";
import { CaptureLabError } from "../../src/errors";

const FIXTURES = path.resolve(__dirname, "..", "fixtures", "read");

/** The test column: ((i * 7919) % 1000) / 7 - 50 for i < 1000, every 13th value missing. */
function testValues(): number[] {
  return Array.from({ length: 1000 }, (_, i) => (i % 13 === 0 ? NaN : ((i * 7919) % 1000) / 7 - 50));
}

function close(actual: number | undefined, expected: number, what: string, tolerance = 1e-9): void {
  assert.ok(
    actual !== undefined && Math.abs(actual - expected) <= tolerance * Math.max(1, Math.abs(expected)),
    `${what}: ${actual} vs ${expected}`,
  );
}

function byName(columns: ColumnSummary[], name: string): ColumnSummary {
  const c = columns.find((s) => s.column === name);
  assert.ok(c, `column ${name}`);
  return c;
}

describe("read/describe-frame: pandas' describe() for danfojs frames", () => {
  it("numeric columns skip missing values; figures match numpy's (computed outside this code)", () => {
    const values = testValues();
    const frame = new dfd.DataFrame({ x: values }, { dtypes: ["float32"] });
    const [x] = describeFrame(frame).columns;
    // numpy 2.4: v = values without NaN; v.mean(), v.std(ddof=1), np.quantile(v, [.25, .5, .75])
    assert.equal(x.count, 923);
    assert.equal(x.missing, 77);
    close(x.mean, 21.28586906051695, "mean");
    close(x.std, 41.2004837038203, "std");
    assert.equal(x.min, -49.857142857142854);
    close(x["25%"], -14.357142857142858, "25%");
    close(x["50%"], 21.14285714285714, "50%");
    close(x["75%"], 56.92857142857143, "75%");
    assert.equal(x.max, 92.71428571428572);
  });

  it("keeps precision on large values with a small spread (no catastrophic cancellation)", () => {
    const values = Array.from({ length: 500 }, (_, i) => 1e9 + ((i * 31) % 17) * 0.1);
    const [w] = describeFrame(new dfd.DataFrame({ w: values }, { dtypes: ["float32"] })).columns;
    // numpy: mean 1000000000.8, std(ddof=1) 0.4914091614175886, quartiles 1e9 + [0.4, 0.8, 1.2]
    close(w.mean, 1000000000.8, "mean", 1e-15);
    close(w.std, 0.4914091614175886, "std", 1e-6);
    close(w["25%"], 1000000000.4, "25%", 1e-15);
    close(w["75%"], 1000000001.2, "75%", 1e-15);
  });

  it("a small case worked by hand: [1, 2, NaN, 4, 10]", () => {
    const frame = new dfd.DataFrame({ a: [1, 2, NaN, 4, 10] }, { dtypes: ["float32"] });
    const [a] = describeFrame(frame).columns;
    // mean 17/4; squared deviations 48.75 over 3; quartiles at 0.75, 1.5, 2.25 of [1, 2, 4, 10]
    assert.deepEqual(
      { ...a, std: Number(a.std!.toFixed(12)) },
      {
        column: "a",
        dtype: "float32",
        kind: "number",
        count: 4,
        missing: 1,
        mean: 4.25,
        std: Number(Math.sqrt(16.25).toFixed(12)),
        min: 1,
        "25%": 1.75,
        "50%": 3,
        "75%": 5.5,
        max: 10,
      },
    );
  });

  it("one value: std is NaN (n - 1 = 0); no values: count 0 and NaN figures", () => {
    const frame = new dfd.DataFrame({ one: [NaN, 3, NaN], none: [NaN, NaN, NaN] }, { dtypes: ["float32", "float32"] });
    const [one, none] = describeFrame(frame).columns;
    assert.equal(one.count, 1);
    assert.equal(one.mean, 3);
    assert.ok(Number.isNaN(one.std));
    assert.equal(one["50%"], 3);
    assert.equal(none.count, 0);
    assert.equal(none.missing, 3);
    assert.ok(Number.isNaN(none.mean) && Number.isNaN(none.max));
  });

  it("datetimes: count, first, last; strings: count, unique, top (first seen on a tie), freq", () => {
    const t = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s));
    const frame = new dfd.DataFrame(
      {
        when: [t(30), t(5), null, t(50), t(5)],
        label: ["b", "a", "a", null, "b"],
        flag: [true, false, true, true, null],
      },
      { dtypes: ["datetime", "string", "boolean"] },
    );
    const summary = describeFrame(frame, { include: "all" });
    assert.deepEqual(summary.statistics, ["count", "unique", "top", "freq", "first", "last"]);
    const when = byName(summary.columns, "when");
    assert.deepEqual([when.count, when.missing, when.first, when.last], [4, 1, t(5), t(50)]);
    const label = byName(summary.columns, "label");
    assert.deepEqual([label.count, label.unique, label.top, label.freq], [4, 2, "b", 2]);
    const flag = byName(summary.columns, "flag");
    assert.deepEqual([flag.count, flag.unique, flag.top, flag.freq], [4, 2, true, 3]);
  });

  it("Dates in a column danfojs typed float32 are summarized as datetimes, not dropped as missing", () => {
    const frame = new dfd.DataFrame({ t: [new Date(1000), new Date(5000)] } as never);
    const [t] = describeFrame(frame, { include: "all" }).columns;
    assert.equal(t.kind, "datetime");
    assert.equal(t.count, 2);
  });

  it("include / exclude / columns select like pandas; numeric columns by default", () => {
    const frame = new dfd.DataFrame(
      { s: ["x", "y"], n: [1, 2], m: [3, 4], d: [new Date(0), new Date(1)] },
      { dtypes: ["string", "float32", "int32", "datetime"] },
    );
    const names = (o?: Parameters<typeof describeFrame>[1]) => describeFrame(frame, o).columns.map((c) => c.column);
    assert.deepEqual(names(), ["n", "m"]);
    assert.deepEqual(names({ include: "all" }), ["s", "n", "m", "d"]);
    assert.deepEqual(names({ include: "object" }), ["s"]);
    assert.deepEqual(names({ include: ["datetime", "number"] }), ["n", "m", "d"]);
    assert.deepEqual(names({ exclude: "number" }), ["s", "d"]);
    assert.deepEqual(names({ columns: ["d", "n"], include: "all" }), ["d", "n"]);
    const onlyStrings = new dfd.DataFrame({ s: ["x"] }, { dtypes: ["string"] });
    assert.deepEqual(
      describeFrame(onlyStrings).columns.map((c) => c.column),
      ["s"],
      "no numeric column: every column, as pandas",
    );
    assert.throws(
      () => describeFrame(frame, { columns: ["nope"] }),
      (e: unknown) =>
        e instanceof DescribeOptionError &&
        e instanceof CaptureLabError &&
        e.field === "columns" &&
        /"nope"/.test(e.message),
    );
    assert.throws(() => describeFrame(frame, { include: "text" as never }), /unknown include kind "text"/);
  });

  it("a Series is described as its one column", () => {
    const frame = new dfd.DataFrame({ n: [1, NaN, 3] }, { dtypes: ["float32"] });
    const [n] = describeFrame(frame.column("n")).columns;
    assert.deepEqual([n.count, n.mean, n.max], [2, 2, 3]);
  });

  it("works on what loadCaptures returns (inferenceTime, ids, features, outputs), where danfo's describe() throws", async () => {
    const { frame } = await loadCaptures(path.join(FIXTURES, "csv-rows.jsonl"));
    assert.throws(() => frame.describe(), /Cannot calculate mean/, "danfojs 1.1.2 fails on the datetime column");
    const summary = describeFrame(frame, { include: "all" });
    assert.deepEqual(
      summary.columns.map((c) => c.column),
      frame.columns,
    );
    const time = byName(summary.columns, "inferenceTime");
    assert.equal(time.kind, "datetime");
    assert.equal(time.count, frame.shape[0]);
    const times = (frame.column("inferenceTime").values as unknown as Date[]).map((d) => d.getTime());
    assert.equal(time.first!.getTime(), Math.min(...times));
    assert.equal(time.last!.getTime(), Math.max(...times));
    assert.equal(byName(summary.columns, "eventId").kind, "string");
  });
});
