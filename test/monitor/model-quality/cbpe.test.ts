import { strict as assert } from "node:assert";
import { BinaryRows, binaryMetrics } from "../../../src/monitor/model-quality/binary-metrics";
import { calibrate, estimatePerformance, fitCalibration, fitCbpe } from "../../../src/monitor/model-quality/cbpe";
import { ModelQualityError } from "../../../src/monitor/model-quality/errors";
import { seeded } from "./helpers";

/** A model whose raw score is miscalibrated: the true probability is score². */
const truth = (s: number) => s * s;

function draw(r: () => number, n: number, shift = 0): { scores: number[]; labels: number[] } {
  const scores: number[] = [];
  const labels: number[] = [];
  for (let i = 0; i < n; i++) {
    const s = Math.min(1, Math.max(0, Math.pow(r(), 0.8) + shift));
    scores.push(Math.round(s * 1000) / 1000);
    labels.push(r() < truth(s) ? 1 : 0);
  }
  return { scores, labels };
}

function realized(scores: number[], labels: number[], threshold: number) {
  const rows = new BinaryRows();
  scores.forEach((s, i) => rows.add(labels[i]!, s > threshold ? 1 : 0, s));
  return binaryMetrics(rows.cellsSorted(), false).values;
}

describe("CBPE", function () {
  this.timeout(60_000);

  it("isotonic calibration is monotone and recovers the true probabilities", () => {
    const r = seeded(1);
    const { scores, labels } = draw(r, 20_000);
    const cal = fitCalibration(scores, labels);
    for (let i = 1; i < cal.probabilities.length; i++) assert.ok(cal.probabilities[i]! >= cal.probabilities[i - 1]!);
    for (const s of [0.2, 0.5, 0.7, 0.9]) assert.ok(Math.abs(calibrate(cal, s) - truth(s)) < 0.05, `at ${s}`);
    assert.throws(() => fitCalibration([0.1, 0.2], [0, 0]), ModelQualityError);
  });

  it("on windows whose labels are drawn from the calibrated probabilities, lands within its stated error", () => {
    const r = seeded(7);
    const baseline = draw(r, 5000);
    const model = fitCbpe({ ...baseline, threshold: 0.5 });
    const metrics = ["accuracy", "precision", "recall", "f1", "auc"];
    const within: Record<string, number> = Object.fromEntries(metrics.map((m) => [m, 0]));
    const worst: Record<string, number> = Object.fromEntries(metrics.map((m) => [m, 0]));
    const windows = 40;
    for (let w = 0; w < windows; w++) {
      // Half the windows have shifted scores (covariate shift): CBPE should follow.
      const current = draw(r, 500, w % 2 ? -0.15 : 0);
      const est = estimatePerformance(model, current.scores, { draws: 100, seed: w });
      // Labels of the window, drawn from the calibrated probabilities.
      const labels = current.scores.map((s) => (r() < calibrate(model.calibration, s) ? 1 : 0));
      const real = realized(current.scores, labels, 0.5);
      for (const m of metrics) {
        const z = Math.abs(real[m]! - est.values[m]!) / est.errors[m]!;
        assert.ok(Number.isFinite(z), `${m}: error ${est.errors[m]}`);
        if (z <= 2) within[m]! += 1;
        worst[m] = Math.max(worst[m]!, z);
      }
    }
    for (const m of metrics) {
      // About 95% within two stated errors; 40 windows: at least 34 (binomial tail < 0.5%).
      assert.ok(within[m]! >= 34, `${m}: ${within[m]}/${windows} within 2 errors (worst ${worst[m]!.toFixed(2)})`);
      assert.ok(worst[m]! < 4, `${m}: worst ${worst[m]}`);
    }
  });

  it("the estimate follows a shift that lowers the accuracy, and its error shrinks with the window", () => {
    const r = seeded(9);
    const model = fitCbpe(draw(r, 5000));
    const same = draw(r, 2000);
    const shifted = draw(r, 2000, -0.25);
    const a = estimatePerformance(model, same.scores);
    const b = estimatePerformance(model, shifted.scores);
    const realA = realized(same.scores, same.labels, 0.5);
    const realB = realized(shifted.scores, shifted.labels, 0.5);
    assert.ok(Math.abs(a.values.auc! - realA.auc!) < 3 * a.errors.auc!);
    assert.ok(Math.abs(b.values.recall! - realB.recall!) < 3 * b.errors.recall!);
    const small = estimatePerformance(model, same.scores.slice(0, 200));
    assert.ok(small.errors.accuracy! > 2 * a.errors.accuracy!);
    const cm = a.confusionMatrix;
    assert.ok(Math.abs(cm["0"]["0"] + cm["0"]["1"] + cm["1"]["0"] + cm["1"]["1"] - 2000) < 1e-6);
  });
});
