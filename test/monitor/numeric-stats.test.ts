import { strict as assert } from "node:assert";
import { NumericAccumulator } from "../../src/monitor/numeric-stats";
import { seeded } from "./random";

describe("monitor/numeric-stats", () => {
  it("sum in row order, mean = sum / n, population standard deviation", () => {
    const xs = [2, 4, 4, 4, 5, 5, 7, 9];
    const acc = new NumericAccumulator();
    xs.forEach((x) => acc.add(x));
    assert.equal(acc.sum, 40);
    assert.equal(acc.mean, 5);
    assert.equal(acc.stdDev, 2); // the classic population example (sample sd would be 2.138...)
    assert.deepEqual([acc.min, acc.max, acc.count], [2, 9, 8]);
  });

  it("the sum is the plain left-to-right double sum (same bits as Spark on one partition)", () => {
    const rand = seeded(7);
    const xs = Array.from({ length: 10_000 }, () => rand() * 1e6 - 3e5);
    const acc = new NumericAccumulator();
    xs.forEach((x) => acc.add(x));
    let s = 0;
    for (const x of xs) s += x;
    assert.equal(acc.sum, s);
    const mean = s / xs.length;
    const twoPass = Math.sqrt(xs.reduce((a, x) => a + (x - mean) ** 2, 0) / xs.length);
    assert.ok(Math.abs(acc.stdDev - twoPass) / twoPass < 1e-12);
  });

  it("empty accumulators give NaN, not zeros", () => {
    const acc = new NumericAccumulator();
    assert.ok(Number.isNaN(acc.mean) && Number.isNaN(acc.stdDev));
  });
});
