import { strict as assert } from "assert";
import { quantilesInPlace, selectInPlace } from "../../src/read/quantiles";

/** Quantiles the slow, obvious way: sort, then interpolate at (n - 1) * q. */
function sortedQuantile(values: number[], q: number): number {
  const s = [...values].sort((a, b) => a - b);
  const h = (s.length - 1) * q;
  const k = Math.floor(h);
  return k + 1 < s.length ? s[k] + (h - k) * (s[k + 1] - s[k]) : s[k];
}

function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe("read/quantiles: selection instead of sorting", () => {
  it("matches numpy's linear quantiles on a small case", () => {
    // numpy.quantile([4, 1, 3, 2, 10], [0.25, 0.5, 0.75]) = [2, 3, 4]; of [4, 1, 3, 2]: [1.75, 2.5, 3.25]
    assert.deepEqual(quantilesInPlace(Float64Array.from([4, 1, 3, 2, 10]), 5, [0.25, 0.5, 0.75]), [2, 3, 4]);
    assert.deepEqual(quantilesInPlace(Float64Array.from([4, 1, 3, 2]), 4, [0.25, 0.5, 0.75]), [1.75, 2.5, 3.25]);
  });

  it("agrees with sort-and-interpolate on random, sorted, reversed and repetitive input", () => {
    const rnd = seeded(7);
    const shapes: Record<string, number[]> = {
      random: Array.from({ length: 5001 }, () => rnd() * 100 - 50),
      sorted: Array.from({ length: 3000 }, (_, i) => i),
      reversed: Array.from({ length: 3000 }, (_, i) => -i),
      fewDistinct: Array.from({ length: 4000 }, () => Math.floor(rnd() * 3)),
      constant: new Array<number>(1000).fill(5),
      organPipe: Array.from({ length: 2000 }, (_, i) => (i < 1000 ? i : 2000 - i)),
    };
    const qs = [0, 0.1, 0.25, 0.5, 0.75, 0.9, 1];
    for (const [name, values] of Object.entries(shapes)) {
      const got = quantilesInPlace(Float64Array.from(values), values.length, qs);
      assert.deepEqual(
        got,
        qs.map((q) => sortedQuantile(values, q)),
        name,
      );
    }
  });

  it("reads only the first n values of the buffer; empty input gives NaN", () => {
    const buf = Float64Array.from([3, 1, 2, 1000, -1000]);
    assert.deepEqual(quantilesInPlace(buf, 3, [0.5]), [2]);
    assert.ok(Number.isNaN(quantilesInPlace(new Float64Array(4), 0, [0.5])[0]));
  });

  it("selectInPlace puts the k-th smallest at k with smaller values left of it", () => {
    const rnd = seeded(3);
    const values = Array.from({ length: 999 }, () => Math.floor(rnd() * 50));
    const a = Float64Array.from(values);
    selectInPlace(a, 400);
    const sorted = [...values].sort((x, y) => x - y);
    assert.equal(a[400], sorted[400]);
    for (let i = 0; i < 400; i++) assert.ok(a[i] <= a[400]);
    for (let i = 401; i < a.length; i++) assert.ok(a[i] >= a[400]);
  });
});
