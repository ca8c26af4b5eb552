import { strict as assert } from "assert";
import * as dfd from "danfojs-node";
import { plot } from "../../src/display/plot";
import { setDisplayHost, type DisplayHost } from "../../src/display/host";
import { ChartDataError } from "../../src/display/frame-charts";

describe("display/plot: charts from a frame or series in one call", function () {
  this.timeout(20_000);
  const t = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s));
  const frame = new dfd.DataFrame(
    { inferenceTime: [t(3), t(1), t(2)], f1: [1.5, NaN, 3], label: ["a", "b", "a"] },
    { dtypes: ["datetime", "float32", "string"] },
  );
  const shown: string[] = [];
  const host: DisplayHost = {
    rich: true,
    html: () => undefined,
    svg: (svg, text) => shown.push(`${text} ${svg.slice(0, 4)}`),
    markdown: () => undefined,
    newSlot: () => undefined,
    line: () => undefined,
  };
  before(() => setDisplayHost(host));
  after(() => setDisplayHost(undefined));

  it("hist and valueCounts of a series or a frame's column are drawn as SVG", async () => {
    await plot(frame.column("f1")).hist();
    await plot(frame).valueCounts("label");
    assert.deepEqual(shown.splice(0), [
      "[chart: f1: 2 values, 1 missing] <svg",
      "[chart: label: 2 distinct values] <svg",
    ]);
  });

  it("the specs read the right cells: a frame's column equals the series", () => {
    const fromFrame = plot(frame).specs.hist("f1");
    const fromSeries = plot(frame.column("f1")).specs.hist();
    assert.deepEqual(fromFrame, fromSeries);
    const binned = plot(frame.column("f1")).specs.hist({ bins: 4 }) as { data: { values: unknown[] } };
    assert.equal(binned.data.values.length, 4, "a series takes the options first");
    assert.deepEqual(plot(frame).specs.hist("f1", { bins: 4 }), binned);
  });

  it("overTime plots a column against inferenceTime, sorted", async () => {
    const spec = plot(frame).specs.overTime("f1") as { data: { values: Array<{ time: string }> } };
    assert.deepEqual(
      spec.data.values.map((r) => r.time),
      [t(2).toISOString(), t(3).toISOString()],
    );
    await plot(frame).overTime("f1");
    assert.equal(shown.length, 1);
    shown.splice(0);
  });

  it("says what to pass when the column or the frame is missing", () => {
    assert.throws(() => plot(frame).specs.hist(), /plot\(frame\)\.hist\("inferenceTime"\)/);
    assert.throws(
      () => plot(frame).specs.hist("nope"),
      (e: unknown) => e instanceof ChartDataError && e.field === "nope",
    );
    assert.throws(() => plot(frame.column("f1")).specs.overTime("f1"), /plot\(frame\)\.overTime\("f1"\)/);
  });
});
