import { strict as assert } from "node:assert";
import {
  categoricalChiSquared,
  categoricalLInfinity,
  numericalDistance,
} from "../../../src/monitor/drift/deequ-distance";
import { categoricalDrift, jensenShannon, kolmogorovSmirnov, psi } from "../../../src/monitor/drift/drift-metrics";
import { KllSketch } from "../../../src/monitor/profile/kll-sketch";
import { chiSquaredSurvival, kolmogorovSurvival } from "../../../src/monitor/drift/special-functions";
import { normal, seeded } from "../random";

const close = (a: number, b: number, tol: number) => assert.ok(Math.abs(a - b) <= tol, `${a} vs ${b}`);

function sketchOf(xs: number[]): KllSketch {
  const s = new KllSketch();
  xs.forEach((x) => s.update(x));
  return s;
}

describe("monitor/drift-metrics and distances", () => {
  it("distribution functions match published values", () => {
    close(chiSquaredSurvival(3.841458820694124, 1), 0.05, 1e-12);
    close(chiSquaredSurvival(10, 3), 0.01856613546304325, 1e-12);
    close(kolmogorovSurvival(1.3580986393225505), 0.05, 1e-6);
    close(kolmogorovSurvival(0.5), 0.9639452436648751, 1e-9);
  });

  it("PSI and Jensen-Shannon on known shares", () => {
    close(psi([0.5, 0.5], [0.25, 0.75]), 0.25 * Math.log(2) + 0.25 * Math.log(1.5), 1e-12);
    assert.equal(psi([0.2, 0.8], [0.2, 0.8]), 0);
    close(jensenShannon([1, 0], [0, 1]), 1, 1e-12);
    assert.equal(jensenShannon([3, 1], [6, 2]), 0);
  });

  it("KS from sketches: same distribution keeps a high p-value, a 0.3 sd shift does not", () => {
    const g = normal(seeded(9));
    const a = sketchOf(Array.from({ length: 5000 }, g));
    const b = sketchOf(Array.from({ length: 5000 }, g));
    const c = sketchOf(Array.from({ length: 5000 }, () => g() + 0.3));
    assert.ok(kolmogorovSmirnov(a, b).pValue > 0.01);
    const shifted = kolmogorovSmirnov(a, c);
    assert.ok(shifted.pValue < 1e-6 && shifted.statistic > 0.08);
  });

  it("Deequ's L-infinity: exact on small samples, Robust subtracts 1.8*sqrt((n+m)/nm)", () => {
    const a = sketchOf([1, 2, 3, 4]);
    const b = sketchOf([3, 4, 5, 6]);
    assert.equal(numericalDistance(a, b, "Simple"), 0.5);
    assert.equal(numericalDistance(a, b, "Robust"), Math.max(0, 0.5 - 1.8 * Math.sqrt(8 / 16)));
    const x = new Map([
      ["a", 50],
      ["b", 50],
    ]);
    const y = new Map([
      ["a", 90],
      ["c", 10],
    ]);
    close(categoricalLInfinity(x, y, "Simple"), 0.5, 1e-15);
  });

  it("chi-squared merges small categories as Deequ does and returns NaN below two categories", () => {
    const expected = new Map([
      ["a", 500],
      ["b", 480],
      ["c", 3],
      ["d", 2],
    ]);
    const sample = new Map([
      ["a", 250],
      ["b", 250],
      ["c", 2],
      ["d", 1],
    ]);
    const r = categoricalChiSquared(sample, expected);
    // Expected counts scaled to 503: d (1.0) merges into c, then c (2.6) into b: 2 categories left.
    assert.equal(r.degreesOfFreedom, 1);
    assert.ok(r.pValue > 0.05);
    assert.ok(Number.isNaN(categoricalChiSquared(new Map([["a", 5]]), new Map([["a", 5]])).pValue));
    const drift = categoricalDrift(
      new Map([
        ["x", 50],
        ["y", 50],
      ]),
      new Map([
        ["x", 90],
        ["y", 10],
      ]),
    );
    assert.ok(drift.chiSquaredPValue < 1e-10 && drift.jensenShannon > 0.2);
  });
});
