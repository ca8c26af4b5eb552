import { strict as assert } from "assert";
import {
  ChartDataError,
  columnHistogramSpec,
  overTimeSpec,
  valueCounts,
  valueCountsSpec,
} from "../../src/display/frame-charts";
import { vegaLiteToSvg } from "../../src/display/svg";
import { CaptureLabError } from "../../src/errors";

type Rows<T> = { data: { values: T[] } };
const dataOf = <T>(spec: object) => (spec as Rows<T>).data.values;

describe("display/frame-charts: one column as a histogram, value counts, or over time", () => {
  it("histogram: counts every number once, leaves missing values out and says how many", () => {
    const values = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, NaN, null, 10];
    const spec = columnHistogramSpec(values, { bins: 5, column: "f1" });
    const bins = dataOf<{ start: number; end: number; count: number }>(spec);
    assert.deepEqual(
      bins.map((b) => b.count),
      [2, 2, 2, 2, 3],
    );
    assert.deepEqual([bins[0].start, bins[4].end], [0, 10]);
    assert.equal(spec.title, "f1: 11 values, 2 missing");
    assert.throws(
      () => columnHistogramSpec(["a", "b"], { column: "label" }),
      (e: unknown) => e instanceof ChartDataError && e instanceof CaptureLabError && /valueCounts/.test(e.message),
    );
  });

  it("value counts: most frequent first, ties in first-seen order, missing left out, top N", () => {
    assert.deepEqual(valueCounts(["b", "a", null, "a", "c", "b", NaN, "a"]), [
      { value: "a", count: 3 },
      { value: "b", count: 2 },
      { value: "c", count: 1 },
    ]);
    const spec = valueCountsSpec(["x", "y", "y", "z", "w"], { top: 2, column: "label" });
    assert.deepEqual(dataOf(spec), [
      { value: "y", count: 2 },
      { value: "x", count: 1 },
    ]);
    assert.equal(spec.title, "label: 4 distinct values (top 2 shown)");
  });

  it("over time: few rows drawn as they are, sorted by time, in UTC", () => {
    const t = (s: number) => new Date(Date.UTC(2026, 11, 7, 9, 0, s));
    const spec = overTimeSpec([t(20), t(10), null, t(30)], [2, 1, 5, NaN], { column: "score" });
    assert.deepEqual(dataOf(spec), [
      { time: "2026-12-07T09:00:10.000Z", value: 1, rows: 1 },
      { time: "2026-12-07T09:00:20.000Z", value: 2, rows: 1 },
    ]);
    assert.equal(spec.title, "score over inferenceTime (UTC)");
  });

  it("over time: many rows averaged per bucket, the bucket picked from the span", () => {
    // 3,000 rows over 50 minutes, one every second: value = minute of the hour.
    const start = Date.UTC(2026, 11, 7, 9, 0, 0);
    const times = Array.from({ length: 3000 }, (_, i) => new Date(start + i * 1000));
    const values = times.map((d) => d.getUTCMinutes());
    const spec = overTimeSpec(times, values, { column: "m", maxBuckets: 100 });
    const rows = dataOf<{ time: string; value: number; rows: number }>(spec);
    assert.equal(rows.length, 50, "3,000 s in 100 buckets at most: one per minute");
    assert.deepEqual(rows[0], { time: "2026-12-07T09:00:00.000Z", value: 0, rows: 60 });
    assert.deepEqual(rows[49], { time: "2026-12-07T09:49:00.000Z", value: 49, rows: 60 });
    assert.match(String(spec.title), /mean per minute/);
  });

  it("every spec compiles and renders to SVG", async () => {
    const t = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s));
    for (const spec of [
      columnHistogramSpec([1, 2, 3]),
      valueCountsSpec(["a", "b", "a"]),
      overTimeSpec([t(1), t(2)], [3, 4]),
    ])
      assert.match(await vegaLiteToSvg(spec), /^<svg/);
  });
});
