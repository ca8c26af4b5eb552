import { strict as assert } from "node:assert";
import {
  confusionMatrixSpec,
  metricsOverTimeSpec,
  metricsVsBaselineSpec,
  precisionRecallSpec,
  rocCurveSpec,
  thinCurve,
} from "../../src/display/quality-charts";
import { vegaLiteToSvg } from "../../src/display/svg";

describe("quality charts", function () {
  this.timeout(30_000);

  it("thinCurve keeps the ends and at most maxPoints points, in order", () => {
    const xs = Array.from({ length: 100_001 }, (_, i) => i / 100_000);
    const ys = xs.map((x) => Math.sqrt(x));
    const t = thinCurve(xs, ys, 300);
    assert.ok(t.x.length <= 300 && t.x.length > 290);
    assert.equal(t.x[0], 0);
    assert.equal(t.x[t.x.length - 1], 1);
    for (let i = 1; i < t.x.length; i++) assert.ok(t.x[i]! > t.x[i - 1]!);
    assert.deepEqual(thinCurve([0, 1], [0, 1], 300), { x: [0, 1], y: [0, 1] });
  });

  it("a long ROC curve renders as a small SVG with both series", async () => {
    const n = 50_000;
    const fpr = Array.from({ length: n }, (_, i) => i / (n - 1));
    const spec = rocCurveSpec([
      { name: "current", x: fpr, y: fpr.map((x) => Math.pow(x, 0.3)) },
      { name: "baseline", x: fpr, y: fpr.map((x) => Math.pow(x, 0.2)) },
    ]);
    assert.ok((spec.data as { values: unknown[] }).values.length <= 800);
    const svg = await vegaLiteToSvg(spec);
    assert.match(svg, /^<svg/);
    assert.match(svg, /current/);
    assert.match(svg, /baseline/);
    assert.ok(svg.length < 200_000, `${svg.length} chars`);
  });

  it("the confusion matrix shows each count; PR, metrics-vs-baseline and over-time charts render", async () => {
    const cm = await vegaLiteToSvg(confusionMatrixSpec({ "0": { "0": 812, "1": 41 }, "1": { "0": 23, "1": 124 } }));
    for (const c of ["812", "41", "23", "124"]) assert.match(cm, new RegExp(`>${c}<`));
    assert.match(
      await vegaLiteToSvg(precisionRecallSpec([{ name: "current", x: [0, 0.5, 1], y: [1, 0.8, 0.3] }])),
      /recall/,
    );
    const vs = await vegaLiteToSvg(
      metricsVsBaselineSpec([
        { metric: "auc", value: 0.71, baseline: 0.94, threshold: 0.93, operator: "LessThanThreshold", violated: true },
        { metric: "accuracy", value: 0.9, baseline: 0.91, threshold: 0.8, operator: "LessThanThreshold" },
      ]),
    );
    assert.match(vs, /violation/);
    const over = await vegaLiteToSvg(
      metricsOverTimeSpec(
        [
          { time: "2024-01-19T19:00:00.000Z", metric: "auc", value: 0.9 },
          { time: "2024-01-19T20:00:00.000Z", metric: "auc", value: 0.8 },
          { time: "2024-01-19T20:00:00.000Z", metric: "auc", value: 0.82, kind: "estimated" },
        ],
        { thresholds: [{ metric: "auc", threshold: 0.85 }] },
      ),
    );
    assert.match(over, /estimated/);
  });
});
