import { strict as assert } from "node:assert";
import { NumericAccumulator } from "../../../src/monitor/profile/numeric-stats";
import { seeded } from "../random";

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

describe("monitor/numeric-stats merge (Spark's CentralMomentAgg merge, Chan et al.)", () => {
  const rand = seeded(9);
  const files = [400, 1, 250, 0, 333].map((len) => Array.from({ length: len }, () => rand() * 1e3 - 200));
  const accOf = (xs: number[]) => {
    const a = new NumericAccumulator();
    xs.forEach((x) => a.add(x));
    return a;
  };

  it("one part merged into an empty accumulator gives the same bits as adding its values", () => {
    const m = new NumericAccumulator();
    m.merge(accOf(files[0]!).toPartial());
    assert.deepEqual(m.toPartial(), accOf(files[0]!).toPartial());
  });

  it("folding per-file parts in file order does not depend on who built the parts", () => {
    const fold = (parts: ReturnType<NumericAccumulator["toPartial"]>[]) => {
      const m = new NumericAccumulator();
      parts.forEach((p) => m.merge(structuredClone(p)));
      return m;
    };
    const a = fold(files.map((f) => accOf(f).toPartial()));
    const b = fold(files.map((f) => accOf(f).toPartial()));
    assert.deepEqual(a.toPartial(), b.toPartial());
    const all = files.flat();
    assert.equal(a.count, all.length);
    assert.equal(a.min, Math.min(...all));
    assert.equal(a.max, Math.max(...all));
    // Sums of parts: the plain sum to rounding; the moments to the two-pass value.
    const plain = accOf(all);
    assert.ok(Math.abs(a.sum - plain.sum) < 1e-9 * Math.abs(plain.sum));
    assert.ok(Math.abs(a.stdDev - plain.stdDev) / plain.stdDev < 1e-12);
    // The fold's sum is each file's sum added in file order.
    assert.equal(
      a.sum,
      files.reduce((s, f) => s + accOf(f).sum, 0),
    );
    const empty = new NumericAccumulator();
    empty.merge(new NumericAccumulator().toPartial());
    assert.equal(empty.count, 0);
    assert.ok(Number.isNaN(empty.mean));
  });
});
