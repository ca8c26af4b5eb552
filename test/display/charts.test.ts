import { strict as assert } from "assert";
import {
  countByTime,
  featureComparisonSpec,
  histogram,
  predictionHistogramSpec,
  requestsPerMinuteSpec,
  vegaLiteToSvg,
} from "../../src/display";

type Row = Record<string, number | string>;
const rowsOf = (spec: Record<string, unknown>) => (spec.data as { values: Row[] }).values;

describe("display: chart specs", () => {
  it("bins values with the last bin closed and ignores non-finite values", () => {
    const bins = histogram([0, 0.1, 0.5, 1, Number.NaN, Infinity], 2, [0, 1]);
    assert.deepEqual(
      bins.map((b) => b.count),
      [2, 2],
    );
    assert.deepEqual([bins[0].start, bins[1].end], [0, 1]);
  });

  it("gives a constant sample one non-empty bin instead of dividing by zero", () => {
    const bins = histogram([3, 3, 3], 4);
    assert.equal(
      bins.reduce((s, b) => s + b.count, 0),
      3,
    );
  });

  it("histograms probabilities over [0, 1] and counts every response", () => {
    const spec = predictionHistogramSpec([0.05, 0.07, 0.5, 0.99], { bins: 10 });
    const rows = rowsOf(spec);
    assert.equal(rows.length, 10);
    assert.equal(rows[0].start, 0);
    assert.equal(rows[9].end, 1);
    assert.equal(
      rows.reduce((s, r) => s + Number(r.count), 0),
      4,
    );
    assert.equal(rows[0].count, 2);
  });

  it("counts requests per second for a short run and fills empty buckets", () => {
    const { unit, counts } = countByTime([
      "2024-05-01T10:00:01Z",
      "2024-05-01T10:00:01Z",
      new Date("2024-05-01T10:00:03Z"),
    ]);
    assert.equal(unit, "second");
    assert.deepEqual(counts, [
      { time: "2024-05-01T10:00:01.000Z", requests: 2 },
      { time: "2024-05-01T10:00:02.000Z", requests: 0 },
      { time: "2024-05-01T10:00:03.000Z", requests: 1 },
    ]);
  });

  it("counts requests per UTC minute for longer runs", () => {
    const { unit, counts } = countByTime(["2024-05-01T10:00:59Z", "2024-05-01T10:05:00Z", "not a time"]);
    assert.equal(unit, "minute");
    assert.equal(counts.length, 6);
    assert.equal(counts[0].time, "2024-05-01T10:00:00.000Z");
    assert.deepEqual(
      counts.map((c) => c.requests),
      [1, 0, 0, 0, 0, 1],
    );
    const spec = requestsPerMinuteSpec(["2024-05-01T10:00:59Z"], { bucket: "minute" });
    assert.match(String(spec.title), /per minute/);
  });

  it("normalises captured and training histograms to shares over a common range", () => {
    const spec = featureComparisonSpec({ feature: "calls", captured: [1, 2], training: [1, 1, 1, 4], bins: 3 });
    const rows = rowsOf(spec);
    const bySource = (prefix: string) => rows.filter((r) => String(r.source).startsWith(prefix));
    for (const prefix of ["captured", "training"]) {
      const share = bySource(prefix).reduce((s, r) => s + Number(r.share), 0);
      assert.ok(Math.abs(share - 1) < 1e-9, `${prefix} shares sum to ${share}`);
    }
    assert.deepEqual(
      bySource("training").map((r) => r.share),
      [0.75, 0, 0.25],
    );
    assert.equal(bySource("captured")[0].start, 1);
    assert.equal(bySource("captured")[2].end, 4);
  });
  it("handles a million values (frame-sized inputs) without overflowing the stack", () => {
    const n = 1_000_000;
    const values = Array.from({ length: n }, (_, i) => (i % 1000) / 1000);
    const bins = histogram(values, 10);
    assert.equal(
      bins.reduce((s, b) => s + b.count, 0),
      n,
    );
    assert.equal(bins[0].start, 0);
    const times = Array.from({ length: n }, (_, i) => Date.UTC(2024, 0, 1) + (i % 90) * 1000);
    const { unit, counts } = countByTime(times);
    assert.equal(unit, "second");
    assert.equal(counts.length, 90);
    assert.doesNotThrow(() =>
      featureComparisonSpec({ feature: "f", captured: values, training: values.slice(0, 1000) }),
    );
  });
});

describe("display: vegaLiteToSvg", function () {
  this.timeout(20_000);
  it("renders each chart to an SVG with marks", async () => {
    const specs = [
      predictionHistogramSpec([0.1, 0.4, 0.8]),
      requestsPerMinuteSpec(["2024-05-01T10:00:01Z", "2024-05-01T10:00:02Z"]),
      featureComparisonSpec({ feature: "f", captured: [1, 2], training: [2, 3] }),
    ];
    for (const spec of specs) {
      const svg = await vegaLiteToSvg(spec);
      assert.match(svg, /^<svg[^>]+width="\d+"/);
      assert.match(svg, /<path/);
      assert.ok(svg.includes(String(spec.title)), "title is drawn");
    }
  });

  it("rejects an invalid spec", async () => {
    await assert.rejects(() =>
      vegaLiteToSvg({ mark: "bar", encoding: { x: { field: "a", type: "nope" } }, data: { values: [] } }),
    );
  });
});
