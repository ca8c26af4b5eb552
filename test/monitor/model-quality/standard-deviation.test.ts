/** Seeded subsample deviations: NaN below 200 rows, repeatable, and of the expected size. */
import { strict as assert } from "node:assert";
import { RegressionRows, qualityMetrics, standardDeviations, type QualityRows } from "../../../src/monitor";
import { seeded } from "./helpers";

function rows(n: number): QualityRows {
  const r = seeded(11);
  const reg = new RegressionRows();
  for (let i = 0; i < n; i++) {
    const y = r() * 10;
    reg.add(y, y + (r() - 0.5) * 2);
  }
  return { problemType: "Regression", rows: reg };
}

describe("standardDeviations", () => {
  it("is NaN for every metric below 200 rows", () => {
    const data = rows(199);
    const d = standardDeviations(data, qualityMetrics(data));
    assert.deepEqual(Object.keys(d), ["mae", "mse", "rmse", "r2"]);
    assert.ok(Object.values(d).every(Number.isNaN));
  });

  it("repeats for a seed, changes with it, and is about the 80% subsample's spread", () => {
    const data = rows(5000);
    const m = qualityMetrics(data);
    const a = standardDeviations(data, m);
    assert.deepEqual(standardDeviations(data, m), a);
    assert.notDeepEqual(standardDeviations(data, m, { seed: 1 }), a);
    // |e| uniform on [0, 1]: sd 0.2887; the mean of an 80% subsample of n rows drawn without
    // replacement varies by sd * sqrt(0.2 / (0.8 n)), about 0.002 here. Five draws: within 4x.
    const expected = 0.2887 * Math.sqrt(0.2 / (0.8 * 5000));
    assert.ok(a.mae! > expected / 4 && a.mae! < expected * 4, `${a.mae} vs ${expected}`);
  });
});
